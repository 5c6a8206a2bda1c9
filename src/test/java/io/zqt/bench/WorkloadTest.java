package io.zqt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import io.zqt.bench.Workload.CasePlan;
import io.zqt.cases.CaseRecord;
import io.zqt.cases.CaseRepository;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The benchmark's workload and drivers: plans are reproducible, have the line's shares, and every plan runs to the
 * end it promises through ZQT's Java API, through its HTTP APIs as the real users, and on the bare-engine baseline.
 */
@ZqtSpringTest
class WorkloadTest {

  @Autowired ApplicationContext app;
  @Autowired CaseRepository cases;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @LocalServerPort int port;

  @Test
  void sameSeedGivesTheSamePlansAndAnotherSeedOthers() {
    List<CasePlan> a = new Workload(7).next(200);
    List<CasePlan> b = new Workload(7).next(200);
    List<CasePlan> c = new Workload(8).next(200);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void sharesAreThoseOfTheLine() {
    List<CasePlan> plans = new Workload(42).next(10_000);
    Map<String, Long> kinds = plans.stream().collect(Collectors.groupingBy(p -> p.kind().startsWith("DIRECT")
        ? "DIRECT" : p.kind(), Collectors.counting()));
    double direct = kinds.get("DIRECT") / 10_000.0;
    assertThat(direct).as("direct answers, about 45%% on the Yantai line").isBetween(0.40, 0.50);
    double ledger = plans.stream().filter(p -> p.endStatus().startsWith("ON_LEDGER")).count() / 10_000.0;
    assertThat(ledger).as("ledger items").isBetween(0.005, 0.04);
    assertThat(plans.stream().map(p -> p.intake().district()).distinct().count()).isEqualTo(14);
    assertThat(plans.stream().map(CasePlan::routedUnit).distinct().count()).isGreaterThan(25);
    assertThat(plans.stream().map(p -> p.intake().creditCode()).distinct().count()).isGreaterThan(9_950);
    for (String task : List.of("UserTask_RerouteCase", "UserTask_ReviewExtension", "UserTask_ReviewDissatisfaction")) {
      assertThat(plans.stream().filter(p -> p.steps().stream().anyMatch(s -> s.taskKey().equals(task))).count())
          .as(task).isGreaterThan(50);
    }
    assertThat(plans.stream().filter(p -> p.steps().stream().anyMatch(s -> Boolean.FALSE.equals(
        s.variables().get("gate1Passed")) || Boolean.FALSE.equals(s.variables().get("gate3Passed")))).count())
        .as("QC rework").isGreaterThan(150);
  }

  @Test
  void everyPlanEndsAsPlannedThroughTheJavaApi() {
    List<CasePlan> plans = varied(new Workload(11).next(200));
    Actors.ensureUnitUsers(identity, Actors.unitCodes());
    ZqtJavaDriver driver = new ZqtJavaDriver(app);
    for (CasePlan plan : plans) {
      assertEnd(driver.run(plan), plan);
    }
  }

  @Test
  void everyPlanEndsAsPlannedOverHttp() {
    List<CasePlan> plans = varied(new Workload(12).next(200));
    Actors.ensureUnitUsers(identity, Actors.unitCodes());
    ZqtHttpDriver driver = new ZqtHttpDriver("http://localhost:" + port);
    for (CasePlan plan : plans) {
      assertEnd(driver.run(plan), plan);
    }
  }

  @Test
  void theBaselineRunsTheSamePlansOnTheBareEngine() {
    try (BaselineEngine baseline = BaselineEngine.start("jdbc:h2:mem:baseline-" + System.nanoTime()
        + ";DB_CLOSE_DELAY=-1", "sa", "")) {
      BaselineEngine.Driver driver = new BaselineEngine.Driver(baseline);
      List<CasePlan> plans = varied(new Workload(11).next(200));
      for (CasePlan plan : plans) {
        String key = driver.run(plan);
        var ended = baseline.engine().getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(key).processDefinitionKey(BaselineEngine.CASE_PROCESS).finished()
            .singleResult();
        assertThat(ended).as(plan.kind() + " " + key).isNotNull();
      }
      assertThat(baseline.engine().getRepositoryService().createDecisionDefinitionQuery().count())
          .as("no decisions in the bare engine").isZero();
      assertThat(baseline.engine().getProcessEngineConfiguration().isAuthorizationEnabled()).isFalse();
    }
  }

  @Test
  void theSecuredBaselineRunsThemAsTheirUsersWithAuthorizationsOn() {
    try (BaselineEngine baseline = BaselineEngine.start(BaselineEngine.pool("jdbc:h2:mem:secured-" + System.nanoTime()
        + ";DB_CLOSE_DELAY=-1", "sa", ""), true)) {
      BaselineEngine.Driver driver = new BaselineEngine.Driver(baseline);
      for (CasePlan plan : varied(new Workload(13).next(200))) {
        String key = driver.run(plan);
        assertThat(baseline.engine().getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(key).processDefinitionKey(BaselineEngine.CASE_PROCESS).finished().count())
            .as(plan.kind() + " " + key).isOne();
      }
      var engine = baseline.engine();
      assertThat(engine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
      // a unit's staff see no task of another unit: the checks are really made
      String key = driver.open(new Workload(14).next(200).stream().filter(p -> p.kind().equals("DISPATCH")
          && p.routedUnit().equals("HRSS")).findFirst().orElseThrow());
      engine.getIdentityService().setAuthentication("bench.tax", List.of("unit-tax"));
      try {
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).count()).isZero();
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
      engine.getIdentityService().setAuthentication("bench.hrss", List.of("unit-hrss"));
      try {
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).count()).isOne();
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
    }
  }

  /** One plan of every distinct shape in a sample (kind, end, and the sequence of task keys). */
  private static List<CasePlan> varied(List<CasePlan> sample) {
    Map<String, CasePlan> byShape = sample.stream().collect(Collectors.toMap(
        p -> p.endStatus() + p.steps().stream().map(s -> s.taskKey() + s.variables().keySet()).toList(),
        Function.identity(), (x, y) -> x, java.util.LinkedHashMap::new));
    assertThat(byShape.size()).as("shapes of case in the sample").isGreaterThan(10);
    return List.copyOf(byShape.values());
  }

  private void assertEnd(String caseNumber, CasePlan plan) {
    CaseRecord record = cases.find(caseNumber).orElseThrow();
    String end = record.status().name() + (record.ledger() == null ? "" : ":" + record.ledger());
    assertThat(end).as(plan.kind() + " " + caseNumber).isEqualTo(plan.endStatus());
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).count()).isZero();
  }
}
