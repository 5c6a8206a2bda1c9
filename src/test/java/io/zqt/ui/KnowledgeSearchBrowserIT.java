package io.zqt.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue 5's walk-through in the real Tasklist: an enterprise asks "新办企业怎么申请社保登记"; the operator searches the
 * knowledge base inside the direct-answer form, picks the entry that answers it, answers and completes;
 * the callback closes the case, which keeps the cited entry.
 */
@ZqtSpringTest
class KnowledgeSearchBrowserIT extends TasklistBrowserTest {

  @Test
  void operatorFindsThePolicyInsideTheTaskAnswersAndTheCaseCloses() {
    String caseNumber = scenarios()
        .open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");

    browser.step("话务员在直接答复任务中检索知识库", () -> {
      tasklist.login("operator1").filter("本单位待办").openTask(caseNumber, "直接答复").claim();
      tasklist.awaitForm();
      WebElement query = browser.visible(By.cssSelector("[data-testid=kb-panel] [data-testid=kb-query]"));
      query.sendKeys("新办企业怎么申请社保登记", Keys.ENTER);
      browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-testid=kb-hit]")).isEmpty());
    });
    browser.step("检索结果的前五条中有社保登记指引，摘要高亮命中词", () -> {
      List<WebElement> hits = browser.all(By.cssSelector("[data-testid=kb-hit]"));
      List<String> keys = hits.stream().limit(5).map(h -> h.getAttribute("data-key")).toList();
      assertThat(keys).contains("SI-001");
      WebElement hit = hits.get(keys.indexOf("SI-001"));
      assertThat(hit.getText()).contains("社会保险登记");
      assertThat(hit.findElements(By.cssSelector(".zqt-kb-snippet em"))).isNotEmpty();
      WebElement use = hit.findElement(By.cssSelector("[data-testid=kb-use]"));
      browser.script("arguments[0].scrollIntoView({block: 'center'});", use);
      use.click();
    });
    browser.step("选用的条目编号进入表单，话务员补全答复并提交", () -> {
      assertThat(tasklist.fieldValue("Field_knowledgeEntryKeys")).isEqualTo("SI-001");
      tasklist.text("Field_answerText", "依据新办企业社会保险登记办理指引：企业领取营业执照时已同步完成单位社保登记，"
          + "30日内在人社网厅为职工办理参保即可。");
      tasklist.complete();
    });
    browser.step("回访满意，工单办结", () -> {
      tasklist.login("operator1").filter("本单位待办").openTask(caseNumber, "回访").claim();
      tasklist.choose("Field_satisfaction", "满意").complete();
    });
    Map<String, Object> row = jdbc.queryForMap("select status, knowledge_entry_keys, reply_text from zqt_case"
        + " where case_number = ?", caseNumber);
    assertThat(row).containsEntry("STATUS", "CLOSED").containsEntry("KNOWLEDGE_ENTRY_KEYS", "SI-001");
    assertThat(row.get("REPLY_TEXT").toString()).contains("30日内在人社网厅为职工办理参保");
  }
}
