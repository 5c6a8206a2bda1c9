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

  @Test
  void underASteadyLoadTheHistoryStopsGrowingOnceTheOldestCasesReachTheirTimeToLive() {
    int ttlDays = 3;
    int simulatedDays = 9;
    caseProcesses().forEach(d -> repositoryService.updateProcessDefinitionHistoryTimeToLive(d.getId(), ttlDays));
    Instant firstDay = LocalDateTime.of(2025, 3, 3, 10, 0).atZone(BEIJING).toInstant();
    List<String> roots = new ArrayList<>();
    List<Long> rowsAfterEachNight = new ArrayList<>();
    for (int day = 0; day < simulatedDays; day++) {
      // daytime: the same work every day, one dispatched case and one direct answer, both closed
      at(firstDay.plus(Duration.ofDays(day)));
      roots.add(rows.dispatchedCase());
      roots.add(rows.directAnswerCase());
      // 02:00 the next night, inside the cleanup window
      at(firstDay.plus(Duration.ofDays(day + 1)).minus(Duration.ofHours(8)));
      runNightlyCleanup();
      rowsAfterEachNight.add(rows.total(roots));
    }
    long perDay = rowsAfterEachNight.get(0);
    assertThat(perDay).isPositive();
    // the history grows for the first ttlDays days: a case closed at 10:00 on day d is removed in the night after
    // day d + ttlDays; from then on each night removes one day of cases and the total stays flat
    for (int day = 0; day < ttlDays; day++) {
      assertThat(rowsAfterEachNight.get(day)).as("night after day %d", day).isEqualTo(perDay * (day + 1));
    }
    assertThat(rowsAfterEachNight.subList(ttlDays - 1, simulatedDays))
        .as("rows after each night: %s", rowsAfterEachNight)
        .containsOnly(perDay * ttlDays);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(roots))
        .count()).isEqualTo(2L * ttlDays);
  }

  @Test
  void theEngineUsesTheConfiguredNightlyWindowStrategyAndBatchSize() {
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(config.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(config.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00+0800");
    assertThat(config.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00+0800");
    assertThat(config.getHistoryCleanupDegreeOfParallelism()).isEqualTo(1);
    assertThat(config.getHistoryCleanupBatchSize()).isEqualTo(500);
    assertThat(config.isHistoryCleanupEnabled()).isTrue();
    assertThat(config.getHistoryCleanupJobLogTimeToLive()).isEqualTo("P30D");
    assertThat(config.getBatchOperationHistoryTimeToLive()).isEqualTo("P30D");

    // at noon the cleanup job waits for 01:00 Beijing time the next night
    at(LocalDateTime.of(2025, 3, 3, 12, 0).atZone(BEIJING).toInstant());
    Job job = historyService.cleanUpHistoryAsync(false);
    assertThat(historyService.findHistoryCleanupJobs()).hasSize(1);
    assertThat(job.getDuedate().toInstant())
        .isEqualTo(LocalDateTime.of(2025, 3, 4, 1, 0).atZone(BEIJING).toInstant());
    // inside the window it is due at once
    Instant twoAm = LocalDateTime.of(2025, 3, 4, 2, 0).atZone(BEIJING).toInstant();
    at(twoAm);
    assertThat(historyService.cleanUpHistoryAsync(false).getDuedate().toInstant()).isBeforeOrEqualTo(twoAm);
  }
}
