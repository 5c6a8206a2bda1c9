package io.zqt.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

/**
 * One enterprise case from the call to the audit, done in a real browser (headless Debian Chromium) by the people
 * who do it at work, each logged in as themselves, through Tasklist's forms only: the operator records the call
 * with the start form, the social-insurance bureau finds it under 本单位待办, signs for it and replies, the three QC
 * gates pass it, the callback closes it. A user of another unit never sees it. An auditor then finds the case in
 * 审计查阅, reads its timeline and exports it as PDF.
 */
@ZqtSpringTest
class CaseLifecycleBrowserIT extends TasklistBrowserTest {

  static final List<String> WORKER_FILTERS = List.of("我的待办", "本单位待办", "即将超期", "已超期", "退回重办");

  @Test
  void aCaseGoesFromTheCallToTheAuditThroughTheBrowser() {
    String enterprise = "烟台市浏览器测试机械有限公司" + UUID.randomUUID().toString().substring(0, 6);

    browser.step("话务员登录并打开受理表单", () -> {
      tasklist.login("operator1");
      // standalone tasks are not offered: work happens in cases
      assertThat(browser.all(By.cssSelector("[cam-widget-header] li.create-task-action")))
          .noneMatch(WebElement::isDisplayed);
      tasklist.startProcess("企业诉求办理");
    });
    browser.step("话务员填写受理表单并提交", () -> {
      tasklist.text("Field_enterpriseName", enterprise)
          .text("Field_creditCode", "91370602MA3C4K7L1W")
          .text("Field_contactName", "王经理")
          .text("Field_contactPhone", "13853512345")
          .select("Field_district", "芝罘区")
          .select("Field_type", "求助")
          .select("Field_topic", "社会保险")
          .select("Field_urgency", "一般")
          .select("Field_channel", "电话")
          .text("Field_title", "新招员工社保登记遇到问题")
          .text("Field_description", "公司本月新招 12 名员工，网上办理社保登记时系统提示单位信息不一致，请协助处理。")
          .submitStartForm();
    });
    String caseNumber = browser.waiting().until(d -> jdbc.queryForList(
        "select case_number from zqt_case where enterprise_name = ?", String.class, enterprise).stream()
        .findFirst().orElse(null));

    browser.step("人社局在本单位待办中找到并签收", () -> {
      assertThat(tasklist.login("hrss1").filterNames()).containsExactly(WORKER_FILTERS.toArray(String[]::new));
      tasklist.filter(UNIT_FILTER).openTask(caseNumber, "签收").claim();
      tasklist.choose("Field_signForDecision", "签收").complete();
    });
    browser.step("人社局办理并答复", () -> {
      tasklist.filter(UNIT_FILTER).openTask(caseNumber, "办理答复").claim();
      tasklist.choose("Field_handlingAction", "答复")
          .choose("Field_replyResult", "已解决")
          .text("Field_replyText", "已核实单位信息并在系统中更正，企业已于当日完成 12 名员工的社保登记。")
          .complete();
    });
    browser.step("其他单位看不到这件工单", () -> {
      tasklist.login("zhifu1");
      for (String filter : tasklist.filterNames()) {
        tasklist.filter(filter);
        Tasklist.assertNoCard(tasklist, caseNumber);
      }
    });
    passGate("reviewer1", "初审", "Field_gate1Passed", caseNumber);
    passGate("lwg1", "二次全量研判", "Field_gate2Passed", caseNumber);
    browser.step("质检专员核查校验通过", () -> {
      tasklist.login("qc1").filter(UNIT_FILTER).openTask(caseNumber, "三次核查校验").claim();
      tasklist.tick("Field_gate3Passed").select("Field_qcVerdict", "已解决").complete();
    });
    browser.step("话务员回访，企业满意，工单办结", () -> {
      tasklist.login("operator1").filter(UNIT_FILTER).openTask(caseNumber, "回访").claim();
      tasklist.choose("Field_satisfaction", "满意").text("Field_callbackComment", "企业表示问题已解决。").complete();
    });
    assertThat(jdbc.queryForObject("select status from zqt_case where case_number = ?", String.class, caseNumber))
        .isEqualTo("CLOSED");

    browser.step("审计员登录流程监控，从页头进入审计查阅，按工单编号查到工单", () -> {
      tasklist.loginTo("cockpit", "auditor1");
      browser.click(By.cssSelector("[cam-widget-header] [data-testid=audit-link]"));
      browser.visible(By.id("search-caseNumber")).sendKeys(caseNumber);
      browser.click(By.id("search-button"));
      browser.click(By.cssSelector("[data-testid=result-row][data-case-number='" + caseNumber + "'] "
          + "[data-testid=case-link]"));
    });
    browser.step("时间线按顺序列出每一步、决策和答复", () -> {
      List<String> steps = browser.waiting().until(d -> {
        List<String> whats = d.findElements(By.cssSelector("[data-testid=timeline-entry] [data-testid=entry-what]"))
            .stream().map(WebElement::getText).toList();
        return whats.contains("回访") ? whats : null;
      });
      assertThat(browser.visible(By.id("case-number")).getText()).contains(caseNumber);
      assertThat(browser.visible(By.id("case-status")).getText()).contains("已办结");
      assertThat(steps).containsSubsequence("签收", "办理答复", "初审", "二次全量研判", "三次核查校验", "回访");
      assertThat(browser.all(By.cssSelector("[data-testid=timeline-entry][data-type=DECISION]"))).isNotEmpty();
      assertThat(browser.visible(By.id("replies")).getText()).contains("已核实单位信息并在系统中更正");
      assertThat(browser.visible(By.id("timeline")).getText()).contains("hrss1");
    });
    browser.step("审计员导出时间线 PDF，内含工单编号和中文步骤", () -> {
      browser.click(By.id("export-pdf"));
      Path pdf = browser.awaitDownload(".pdf");
      try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
        String text = new PDFTextStripper().getText(document);
        assertThat(text).contains(caseNumber).contains(enterprise).contains("办理答复").contains("三次核查校验");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  void aFormRefusesBadInputInChineseAndTheServerRefusesASubmitThatSkipsIt() {
    String caseNumber = scenarios().open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios().signFor(caseNumber);
    String taskId = scenarios().task(caseNumber, "UserTask_HandleCase").getId();

    browser.step("答复内容为空时表单拒绝提交并提示中文", () -> {
      tasklist.login("hrss1").filter(UNIT_FILTER).openTask(caseNumber, "办理答复").claim();
      tasklist.choose("Field_handlingAction", "答复").choose("Field_replyResult", "已解决");
      List<String> errors = tasklist.completeRefused();
      assertThat(errors).isNotEmpty().allSatisfy(message -> assertThat(message).containsPattern("\\p{IsHan}"));
    });
    browser.step("绕过表单的提交被服务器拒绝，任务原样保留", () -> {
      Object answer = browser.async("""
          const [taskId, done] = arguments;
          const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).split('=')[1];
          fetch('/camunda/api/engine/engine/default/task/' + taskId + '/submit-form', {
            method: 'POST', headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': token},
            body: JSON.stringify({variables: {handlingAction: {value: 'REPLY'}, replyResult: {value: 'RESOLVED'},
              replyText: {value: ''}}})
          }).then(r => r.text().then(body => done(r.status + ' ' + body)));
          """, taskId);
      assertThat(answer.toString()).startsWith("400").contains("replyText").containsPattern("\\p{IsHan}");
    });
    assertThat(scenarios().task(caseNumber, "UserTask_HandleCase").getId()).isEqualTo(taskId);
    assertThat(jdbc.queryForObject("select status from zqt_case where case_number = ?", String.class, caseNumber))
        .isEqualTo("HANDLING");
  }

  @Test
  void anOverdueTaskStandsOutUnder已超期AndNotUnder即将超期() {
    // dispatched two weeks ago: the sign-for deadline (one working day) has long passed
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(14))));
    String caseNumber;
    try {
      caseNumber = scenarios().open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    } finally {
      ClockUtil.reset();
    }

    browser.step("人社局的已超期过滤器里有这件工单，卡片标红", () -> {
      tasklist.login("hrss1").filter("已超期");
      WebElement card = browser.waiting().until(d -> tasklist.cardsMentioning(caseNumber).stream().findFirst()
          .orElse(null));
      browser.waiting().withMessage("overdue card marked")
          .until(d -> card.getAttribute("class").contains("zqt-task-overdue"));
      assertThat(card.findElement(By.cssSelector(".due-date")).getAttribute("class")).contains("overdue");
      assertThat(card.getCssValue("border-left-color")).isEqualTo("rgba(217, 83, 79, 1)");
    });
    browser.step("即将超期过滤器里没有已超期的工单", () -> {
      tasklist.filter("即将超期");
      Tasklist.assertNoCard(tasklist, caseNumber);
    });
  }

  private void passGate(String user, String taskName, String passedField, String caseNumber) {
    browser.step(user + " 通过" + taskName, () -> {
      List<String> filters = tasklist.login(user).filterNames();
      // the line working group also watches every open task
      assertThat(filters).containsAll(WORKER_FILTERS)
          .hasSize(user.equals("lwg1") ? WORKER_FILTERS.size() + 1 : WORKER_FILTERS.size());
      tasklist.filter(UNIT_FILTER).openTask(caseNumber, taskName).claim();
      tasklist.tick(passedField).complete();
    });
  }
}
