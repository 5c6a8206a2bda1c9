package io.zqt.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History stays bounded: a case's whole history (called QC instance, decisions, variables and their details,
 * comments, the operation log, byte arrays, historic task permissions) is removed by the nightly cleanup once the
 * case has been closed for longer than its time-to-live, and nothing younger is touched.
 */
@ZqtSpringTest
class HistoryCleanupTest {

  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final Instant START = LocalDateTime.of(2025, 3, 3, 10, 0).atZone(BEIJING).toInstant();
  static final int FILE_TTL_DAYS = 1825;

  @Autowired ProcessEngine engine;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired JdbcTemplate jdbc;

  HistoryRows rows;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(START));
    rows = new HistoryRows(jdbc, new CaseScenarios(intake, runtimeService, taskService), taskService, identityService);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    caseProcesses().forEach(d -> repositoryService.updateProcessDefinitionHistoryTimeToLive(d.getId(), FILE_TTL_DAYS));
  }

  private List<ProcessDefinition> caseProcesses() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(ProcessIds.ENTERPRISE_CASE).list();
  }

  private void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /** What the job executor does in the window: run the one cleanup job until it has nothing left to delete. */
  private void runNightlyCleanup() {
    Job job = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(job.getId());
  }

  @Test
  void everyProcessAndDecisionFileSetsItsOwnTimeToLive() {
    assertThat(repositoryService.createProcessDefinitionQuery().list())
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isEqualTo(FILE_TTL_DAYS));
    assertThat(repositoryService.createDecisionDefinitionQuery().list())
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isEqualTo(FILE_TTL_DAYS));
  }

  @Test
  void closedCasesOlderThanTheirTimeToLiveLoseTheirWholeHistoryAndYoungerOnesKeepIt() {
    List<String> old = List.of(rows.dispatchedCase(), rows.directAnswerCase(), rows.dispatchedCase());
    Instant oldEnd = START;
    at(START.plus(Duration.ofDays(400)));
    List<String> young = List.of(rows.dispatchedCase(), rows.directAnswerCase());

    // the removal time is fixed when the case ends: its end plus the case process's time-to-live
    HistoricProcessInstance oldCase = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(old.get(0)).singleResult();
    assertThat(oldCase.getRemovalTime().toInstant()).isEqualTo(oldEnd.plus(Duration.ofDays(FILE_TTL_DAYS)));
    // the called QC instance follows its root case
    assertThat(historyService.createHistoricProcessInstanceQuery().rootProcessInstanceId(old.get(0))
        .processDefinitionKey(ProcessIds.THREE_GATE_QC).singleResult().getRemovalTime())
        .isEqualTo(oldCase.getRemovalTime());

    Map<String, Long> before = rows.count(old);
    assertThat(before).containsKeys("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST",
        "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_DECINST", "ACT_HI_DEC_IN", "ACT_HI_DEC_OUT",
        "ACT_HI_COMMENT", "ACT_HI_OP_LOG", "ACT_HI_JOB_LOG", "ACT_RU_AUTHORIZATION");
    assertThat(before.get("ACT_HI_PROCINST")).isEqualTo(5); // 3 cases, 2 of them with a QC instance
    Map<String, Long> youngBefore = rows.count(young);
    List<String> oldCaseNumbers = old.stream().map(id -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(id).singleResult().getBusinessKey()).toList();

    // one day before the removal time nothing goes
    at(oldEnd.plus(Duration.ofDays(FILE_TTL_DAYS - 1)));
    runNightlyCleanup();
    assertThat(rows.count(old)).isEqualTo(before);

    at(oldEnd.plus(Duration.ofDays(FILE_TTL_DAYS + 1)));
    runNightlyCleanup();
    assertThat(rows.count(old)).as("history of cases closed more than %d days ago", FILE_TTL_DAYS).isEmpty();
    assertThat(rows.count(young)).as("history of younger cases").isEqualTo(youngBefore);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(young.get(0)).count())
        .isEqualTo(1);
    // ZQT's own business record is not Camunda history and stays
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE case_number IN (?, ?, ?)", Long.class,
        oldCaseNumbers.toArray())).isEqualTo(3);
  }
}
