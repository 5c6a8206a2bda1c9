package io.zqt.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.ZqtSpringTest;
import io.zqt.intake.CaseIntakeService;
import io.zqt.web.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A city that upgrades ZQT keeps its cases in flight: each goes on on the process version it was started on, with the
 * new release's Java code. This runs a case on {@code enterprise-case} as released in session 10 (test resource
 * {@code legacy/enterprise-case-session10.bpmn}, which kept each decision's whole result as one JSON map) from intake to
 * closing, and checks that its routing, deadlines and extension limit are the ones a case on today's version gets.
 */
@ZqtSpringTest
class ProcessUpgradeTest {

  /** Friday 26 September 2025, 10:00 in Yantai: before the National Day holiday, as in EnterpriseCaseProcessTest. */
  static final Instant NOW = Instant.parse("2025-09-26T02:00:00Z");

  @Autowired RepositoryService repositoryService;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired CaseRepository cases;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aCaseStartedOnTheSession10VersionRunsToItsEndWithTodaysCode() throws IOException {
    ClockUtil.setCurrentTime(Date.from(NOW));
    CaseScenarios scenarios = new CaseScenarios(intake, runtimeService, taskService);
    // what today's version gives the same request at the same moment
    String current = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    Date signForDue = scenarios.task(current, ProcessIds.TASK_SIGN_FOR).getDueDate();
    scenarios.signFor(current);
    Date handlingDue = scenarios.task(current, ProcessIds.TASK_HANDLE).getDueDate();

    String deployment = deployLegacyVersion();
    try {
      String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
      ProcessInstance pi = scenarios.instance(n);
      assertThat(repositoryService.getProcessDefinition(pi.getProcessDefinitionId()).getDeploymentId())
          .as("started on the session 10 version").isEqualTo(deployment);
      assertThat(runtimeService.getVariable(pi.getId(), "routing")).as("the old whole-result map")
          .isInstanceOf(Map.class);
      assertThat(runtimeService.getVariable(pi.getId(), "handlingUnit")).isEqualTo("HRSS");
      assertThat(cases.find(n).orElseThrow().handlingUnit()).isEqualTo("HRSS");
      assertThat(scenarios.task(n, ProcessIds.TASK_SIGN_FOR).getDueDate()).isEqualTo(signForDue);

      scenarios.signFor(n);
      assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE).getDueDate()).isEqualTo(handlingDue);
      int limit = ((Number) ((Map<?, ?>) runtimeService.getVariable(pi.getId(), "deadlineRule"))
          .get("extensionMaxWorkingDays")).intValue();
      assertThat(limit).as("handling-deadline Rule_CatchAll").isEqualTo(10);
      String handle = scenarios.task(n, ProcessIds.TASK_HANDLE).getId();
      assertThatThrownBy(() -> taskService.complete(handle,
          Map.of("handlingAction", "EXTEND", "extensionDays", limit + 1, "extensionReason", "需协调省厅系统")))
          .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("extensionDays");
      scenarios.complete(n, ProcessIds.TASK_HANDLE,
          Map.of("handlingAction", "EXTEND", "extensionDays", limit, "extensionReason", "需协调省厅系统"));
      scenarios.complete(n, ProcessIds.TASK_REVIEW_EXTENSION, Map.of("extensionApproved", true));
      assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE).getDueDate()).isAfter(handlingDue);

      scenarios.reply(n, "RESOLVED");
      scenarios.passQc(n, "RESOLVED");
      scenarios.callback(n, "SATISFIED");
      assertThat(scenarios.instance(n)).as("ended").isNull();
      assertThat(cases.find(n).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  /** The old BPMN with the forms its tasks name (form references are bound to their deployment). */
  private String deployLegacyVersion() throws IOException {
    DeploymentBuilder builder = repositoryService.createDeployment().name("enterprise-case as released in session 10");
    try (InputStream bpmn = getClass().getResourceAsStream("/legacy/enterprise-case-session10.bpmn")) {
      builder.addString("enterprise-case.bpmn", new String(bpmn.readAllBytes(), StandardCharsets.UTF_8));
    }
    for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/forms/*.form")) {
      try (InputStream in = form.getInputStream()) {
        builder.addString(form.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return builder.deploy().getId();
  }
}
