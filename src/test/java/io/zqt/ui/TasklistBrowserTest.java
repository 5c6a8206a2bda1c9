package io.zqt.ui;

import io.zqt.cases.CaseScenarios;
import io.zqt.intake.CaseIntakeService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every browser test of ZQT starts from: the app on its random port, a fresh headless Chromium per test (named
 * after the test for its screenshots), Tasklist driven through {@link Tasklist}, and the case tables for checking.
 */
abstract class TasklistBrowserTest {

  static final String UNIT_FILTER = "本单位待办";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  Browser browser;
  Tasklist tasklist;

  @BeforeEach
  void openBrowser(TestInfo test) {
    browser = Browser.open("http://localhost:" + port, test.getTestMethod().orElseThrow().getName());
    tasklist = new Tasklist(browser);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  CaseScenarios scenarios() {
    return new CaseScenarios(intake, runtimeService, taskService);
  }
}
