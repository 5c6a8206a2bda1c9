package io.zqt.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import io.zqt.cases.ProcessIds;
import io.zqt.knowledge.specialist.DutyHttp;
import io.zqt.knowledge.specialist.SpecialistCatalog;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The duty roster in the real Tasklist: a policy specialist sees 在岗 in the header, presses 离岗, and the next
 * three-way call about their entry goes to an on-duty colleague; 上岗 brings them back. Other users see no button.
 */
@ZqtSpringTest
class DutyRosterBrowserIT extends TasklistBrowserTest {

  static final By STATE = By.cssSelector("[data-testid=duty-state]");
  static final By TOGGLE = By.cssSelector("[data-testid=duty-toggle]");

  @Autowired SpecialistCatalog catalog;

  @AfterEach
  void backToTheFile() {
    DutyHttp.resetToFile(jdbc, catalog.fromFile());
  }

  private void awaitState(String state, String button) {
    browser.waiting().withMessage("header shows " + state).until(d -> {
      var states = d.findElements(STATE);
      var toggles = d.findElements(TOGGLE);
      return !states.isEmpty() && state.equals(states.get(0).getText()) && !toggles.isEmpty()
          && button.equals(toggles.get(0).getText());
    });
  }

  private Object onDuty(String userId) {
    return jdbc.queryForObject("select on_duty from zqt_specialist_duty where user_id = ?", Boolean.class, userId);
  }

  @Test
  void aSpecialistGoesOffDutyInTheHeaderAndTheThreeWayCallGoesToAColleague() {
    browser.step("政策专员登录后在页头看到“在岗”和“离岗”按钮", () -> {
      tasklist.login("sp-hrss-02");
      awaitState("在岗", "离岗");
    });
    browser.step("政策专员点击“离岗”", () -> {
      browser.click(TOGGLE);
      awaitState("离岗", "上岗");
    });
    assertThat(onDuty("sp-hrss-02")).isEqualTo(false);
    assertThat(jdbc.queryForObject("select changed_by from zqt_specialist_duty where user_id = 'sp-hrss-02'",
        String.class)).isEqualTo("sp-hrss-02");

    browser.step("重新打开任务列表，仍显示“离岗”", () -> {
      browser.get("/camunda/app/tasklist/default/");
      awaitState("离岗", "上岗");
    });

    String caseNumber = scenarios().open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios().complete(caseNumber, ProcessIds.TASK_DIRECT_ANSWER, Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", "SI-008"));
    assertThat(jdbc.queryForObject("select specialist_id from zqt_case where case_number = ?", String.class,
        caseNumber)).as("the on-duty colleague is called").isEqualTo("sp-hrss-04");

    browser.step("政策专员点击“上岗”", () -> {
      browser.click(TOGGLE);
      awaitState("在岗", "离岗");
    });
    assertThat(onDuty("sp-hrss-02")).isEqualTo(true);

    browser.step("话务员不是政策专员：页头没有在岗状态", () -> {
      tasklist.login("operator1");
      browser.visible(By.cssSelector("[data-testid=audit-link]"));
      // the page asks the same question the script asked: not a specialist
      Object status = browser.async("const done = arguments[arguments.length - 1];"
          + "fetch('/api/knowledge/specialists/me', {headers: {'X-Requested-With': 'XMLHttpRequest'}})"
          + ".then(r => done(r.status), () => done(-1));");
      assertThat(status).isEqualTo(404L);
      assertThat(browser.all(STATE)).isEmpty();
    });
  }
}
