package io.zqt.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The direct answer and the three-way call in the real Tasklist: the operator cites an entry that does not exist and
 * is told so, starts a three-way call instead, the policy specialist answers in their task list, the callback closes
 * the case.
 */
@ZqtSpringTest
class ThreeWayCallBrowserIT extends TasklistBrowserTest {


  @Test
  void operatorCallsTheSpecialistWhoAnswersAndTheCallbackClosesTheCase() {
    String caseNumber = scenarios()
        .open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");

    browser.step("话务员引用不存在的知识条目，服务器拒绝并用中文说明", () -> {
      tasklist.login("operator1").filter(UNIT_FILTER).openTask(caseNumber, "直接答复").claim();
      tasklist.text("Field_answerText", "新办企业领取营业执照后即完成单位社保登记。")
          .text("Field_knowledgeEntryKeys", "SI-001;KB-404");
      List<String> errors = tasklist.completeRefused();
      assertThat(String.join(" ", errors)).contains("KB-404").containsPattern("\\p{IsHan}");
    });
    browser.step("话务员改为发起三方连线，填写权责条目", () -> {
      // the error message lies over the buttons: the operator closes it
      browser.script("document.querySelectorAll('.page-notifications .alert').forEach(a => a.remove());");
      tasklist.choose("Field_directAnswerAction", "发起三方连线")
          .text("Field_knowledgeEntryKeys", "SI-001")
          .text("Field_specialistEntryKey", "SI-008")
          .complete();
    });
    assertThat(jdbc.queryForMap("select specialist_id, three_way_call from zqt_case where case_number = ?",
        caseNumber)).containsEntry("SPECIALIST_ID", "sp-hrss-02").containsEntry("THREE_WAY_CALL", true);

    browser.step("在岗政策专员在待办中找到连线任务并答复", () -> {
      tasklist.login("sp-hrss-02").filter(UNIT_FILTER).openTask(caseNumber, "政策专员三方连线答复").claim();
      tasklist.choose("Field_threeWayCallResult", "已答复（由回访确认后办结）")
          .text("Field_threeWayCallAnswer", "领取营业执照即完成单位社保登记，再在网上服务大厅为职工办理参保登记。")
          .complete();
    });
    browser.step("话务员回访，企业满意，工单办结", () -> {
      tasklist.login("operator1").filter(UNIT_FILTER).openTask(caseNumber, "回访").claim();
      tasklist.choose("Field_satisfaction", "满意").complete();
    });
    Map<String, Object> row = jdbc.queryForMap("select status, answered_by, three_way_call_outcome, reply_text"
        + " from zqt_case where case_number = ?", caseNumber);
    assertThat(row).containsEntry("STATUS", "CLOSED").containsEntry("ANSWERED_BY", "sp-hrss-02")
        .containsEntry("THREE_WAY_CALL_OUTCOME", "ANSWERED");
    assertThat(row.get("REPLY_TEXT").toString()).contains("参保登记");
  }
}
