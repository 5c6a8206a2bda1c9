package io.zqt.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zqt.org.FilterSeeder;
import io.zqt.postgres.PostgresTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plan PostgreSQL chooses for a unit's task list (本单位待办 as hrss1) after a scale fill, with the statement the
 * engine really sends: {@code ./mvnw -B test -Dtest=TaskListPlanMeasurement -Dzqt.scale.explain=true}
 * ({@code -Dzqt.scale.steps=20000 -Dzqt.scale.open=50000} by default). Writes target/tasklist-plan.txt. With
 * {@code -Dzqt.scale.plan-stability=true} it also counts, over many fresh ANALYZE samples, which plan the planner picks
 * with and without a partial grant index and a larger statistics sample ({@link #planStability}).
 * Since session 9 a unit's list of its candidate tasks no longer joins the caller's grants (LeanAuthorizationPlugin),
 * so the variants of the grant join below change nothing; {@code -Dzqt.engine.lean-authorization=false} shows them on
 * the engine's own statement. {@code TaskListRequestTrace} times the statements of a whole Tasklist request.
 * {@code -Dtest=TaskListPlanMeasurement#explainTheCaseNumberSearch} does the same for the audit search by a case-number
 * prefix (target/casesearch-plan.txt).
 */
@EnabledIfSystemProperty(named = "zqt.scale.explain", matches = "true")
class TaskListPlanMeasurement extends PostgresTest {

  private static final String MAPPER = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";

  @Autowired ConfigurableApplicationContext app;
  @Autowired JdbcTemplate jdbc;
  @Autowired FilterService filters;
  @Autowired IdentityService identity;

  @Test
  void explainTheUnitTaskList() throws Exception {
    int historic = Integer.getInteger("zqt.scale.steps", 20_000);
    int open = Integer.getInteger("zqt.scale.open", 50_000);
    new ScaleBenchmark.ScaleFill(app).fillTo(historic, open);
    String filterId = app.getBean(FilterSeeder.class).filterIds(app.getBean(ProcessEngine.class)).get("my-groups");
    List<String> groups = identity.createGroupQuery().groupMember("hrss1").list().stream().map(Group::getId).toList();

    List<Sent> sent = statementsOf("hrss1", groups, () -> {
      System.out.println("count " + filters.count(filterId));
      filters.listPage(filterId, 0, 15);
    });
    StringBuilder report = new StringBuilder();
    for (Sent one : sent) {
      String sql = one.sql();
      String statement = bind(sql, one.parameters());
      report.append("-- ").append(one.logger()).append("\n").append(statement).append("\n\n");
      explain(report, "as the app sends it (its session settings)", statement, null);
      // the app sends it as a prepared statement: after a few runs PostgreSQL may keep one generic plan for all
      // parameter values, which cannot use a partial index whose condition names values the statement binds
      String parameters = one.parameters();
      explainPrepared(report, "prepared, generic plan", sql, parameters, "force_generic_plan");
      explainPrepared(report, "prepared, custom plan", sql, parameters, "force_custom_plan");
      explain(report, "as sent", statement, "4");
      // variants: an array instead of the IN list of columns, and the planner's cost of a random page on SSD
      String anyForm = statement.replace("AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' )",
          "AUTH.RESOURCE_ID_ = ANY(ARRAY[RES.ID_, D.KEY_, '*'])");
      explain(report, "ANY(ARRAY[...])", anyForm, "4");
      explain(report, "random_page_cost 1.1", statement, "1.1");
      explain(report, "random_page_cost 1.1 + ANY", anyForm, "1.1");
      // the same check as sub-queries PostgreSQL can hash once ("hashed SubPlan") instead of a join probed per task
      String hashed = hashedGrantCheck(statement);
      if (hashed != null) {
        report.append("-- rewritten:\n").append(hashed).append("\n\n");
        explain(report, "random_page_cost 1.1 + grant check as IN sub-queries", hashed, "1.1");
        explain(report, "random_page_cost 1.1 + grant check as IN sub-queries (again)", hashed, "1.1");
      }
      // other grant indexes in place of the app's partial one (zqt_auth_task_grants)
      String appIndex = jdbc.queryForObject(
          "SELECT indexdef FROM pg_indexes WHERE indexname = 'zqt_auth_task_grants'", String.class);
      for (String[] index : new String[][] {
          {"id+type", "(RESOURCE_ID_, RESOURCE_TYPE_)"},
          {"id covering, task and process grants only",
              "(RESOURCE_ID_) INCLUDE (USER_ID_, GROUP_ID_, PERMS_, RESOURCE_TYPE_) WHERE TYPE_ < 2"
                  + " AND RESOURCE_TYPE_ IN (6, 7)"},
          {"id, every task and process grant", "(RESOURCE_ID_) WHERE TYPE_ < 2 AND RESOURCE_TYPE_ IN (6, 7)"}}) {
        jdbc.execute("DROP INDEX zqt_auth_task_grants");
        jdbc.execute("CREATE INDEX zqt_plan_probe ON ACT_RU_AUTHORIZATION " + index[1]);
        jdbc.execute("VACUUM ANALYZE ACT_RU_AUTHORIZATION");
        explain(report, "random_page_cost 1.1 + index " + index[0], statement, null);
        explain(report, "random_page_cost 1.1 + index " + index[0] + " (again)", statement, null);
        jdbc.execute("DROP INDEX zqt_plan_probe");
        jdbc.execute(appIndex);
      }
      jdbc.execute("VACUUM ANALYZE ACT_RU_AUTHORIZATION");
      explain(report, "with the app's partial index, after VACUUM", statement, null);
      if (Boolean.getBoolean("zqt.scale.plan-stability")) {
        planStability(report, statement);
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/tasklist-plan.txt"), report.toString());
    System.out.println(report);
  }

  /**
   * The lookups of one case's task as a unit's staff member sends them (by the case number, as the app and the
   * benchmark's driver do, and by process instance), after a scale fill: each statement joins the caller's grants, and
   * {@code io.zqt.ops.GrantQueryPlans} has PostgreSQL plan such statements at every run. This compares the generic
   * plan (what a server-prepared statement gets after a few runs) with the plan for the values, planning time
   * included: {@code -Dtest=TaskListPlanMeasurement#explainTheLookupsByCase} writes target/case-lookup-plan.txt.
   */
  @Test
  void explainTheLookupsByCase() throws Exception {
    new ScaleBenchmark.ScaleFill(app).fillTo(Integer.getInteger("zqt.scale.steps", 20_000),
        Integer.getInteger("zqt.scale.open", 50_000));
    List<String> groups = identity.createGroupQuery().groupMember("hrss1").list().stream().map(Group::getId).toList();
    org.camunda.bpm.engine.TaskService tasks = app.getBean(org.camunda.bpm.engine.TaskService.class);
    org.camunda.bpm.engine.RuntimeService runtime = app.getBean(org.camunda.bpm.engine.RuntimeService.class);
    org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery().taskCandidateGroupIn(groups)
        .orderByTaskCreateTime().desc().listPage(0, 1).get(0);
    String caseNumber = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult().getBusinessKey();

    List<Sent> sent = statementsOf("hrss1", groups, () -> {
      tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey(task.getTaskDefinitionKey())
          .singleResult();
      tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).list();
    });
    StringBuilder report = new StringBuilder();
    for (Sent one : sent) {
      report.append("-- ").append(bind(one.sql(), one.parameters())).append("\n\n");
      for (int round = 1; round <= 3; round++) {
        explainPrepared(report, "generic plan, round " + round, one.sql(), one.parameters(), "force_generic_plan");
        explainPrepared(report, "custom plan, round " + round, one.sql(), one.parameters(), "force_custom_plan");
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/case-lookup-plan.txt"), report.toString());
    System.out.println(report);
  }

  /** A statement the engine's task mapper sent: its SQL with question marks and MyBatis's logged parameters. */
  record Sent(String logger, String sql, String parameters) {
  }

  /** The task statements the engine sends while this user (in these groups) does the work. */
  private List<Sent> statementsOf(String user, List<String> groups, Runnable work) {
    Logger logger = (Logger) LoggerFactory.getLogger(MAPPER);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    identity.setAuthentication(user, groups);
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
      logger.setLevel(before);
      logger.detachAppender(captured);
    }
    List<Sent> sent = new ArrayList<>();
    String sql = null;
    for (ILoggingEvent e : captured.list) {
      String m = e.getFormattedMessage();
      if (m.contains("Preparing:")) {
        sql = m.substring(m.indexOf("Preparing:") + 10).strip();
      } else if (m.contains("Parameters:") && sql != null) {
        sent.add(new Sent(e.getLoggerName(), sql, m.substring(m.indexOf("Parameters:") + 11).strip()));
        sql = null;
      }
    }
    return sent;
  }

  /**
   * The plans of the audit search by a case-number prefix naming one day (审计查阅, {@code GET /api/audit/cases?caseNumber=
   * ZQT-yyyyMMdd}), the newest day of the fill: the count (capped at 10,000) and the first page, as
   * {@code io.zqt.cases.CaseSearch} sends them, with literal values and as prepared statements with a generic and a
   * custom plan. Writes target/casesearch-plan.txt.
   */
  @Test
  void explainTheCaseNumberSearch() throws Exception {
    ScaleBenchmark.ScaleFill fill = new ScaleBenchmark.ScaleFill(app);
    fill.fillTo(Integer.getInteger("zqt.scale.steps", 20_000), Integer.getInteger("zqt.scale.open", 50_000));
    jdbc.execute("ANALYZE zqt_case");
    String newest = jdbc.queryForObject("SELECT MAX(case_number) FROM zqt_case WHERE LENGTH(case_number) = "
        + ScaleBenchmark.CLONE_NUMBER_LENGTH + " AND status = 'CLOSED'", String.class);
    java.time.ZoneId city = java.time.ZoneId.of("Asia/Shanghai");
    // and the day before it: far fewer cases, next to the many of the newest day
    String dayBefore = "ZQT-" + java.time.LocalDate.parse(newest.substring(4, 12),
        java.time.format.DateTimeFormatter.BASIC_ISO_DATE).minusDays(1).format(
        java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    StringBuilder report = new StringBuilder("-- rows in zqt_case: "
        + jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case", Long.class) + "\n\n");
    for (String prefix : new java.util.LinkedHashSet<>(List.of(newest.substring(0, 12), dayBefore))) {
      var bounds = io.zqt.cases.CaseSearch.receivedBounds(prefix, city).orElseThrow();
      String parameters = prefix + "%(String), " + bounds.from() + "(Timestamp), " + bounds.before() + "(Timestamp)";
      String where = " WHERE case_number LIKE ? ESCAPE '\\' AND received_at >= ? AND received_at < ?";
      report.append("-- prefix ").append(prefix).append(", matching: ").append(jdbc.queryForObject(
          "SELECT COUNT(*) FROM zqt_case WHERE case_number LIKE ?", Long.class, prefix + "%")).append('\n');
      // the search itself, as the audit page calls it (the service behind GET /api/audit/cases), 30 times
      var service = app.getBean(io.zqt.audit.AuditSearchService.class);
      var request = io.zqt.audit.AuditSearchRequest.parse(java.util.Map.of("caseNumber", new String[] {prefix}),
          app.getBean(io.zqt.org.UnitCatalog.class));
      var auditor = new io.zqt.security.ZqtUser("auditor1", List.of(io.zqt.security.Roles.AUDITOR));
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        long start = System.nanoTime();
        var result = service.search(request, auditor);
        millis.add((System.nanoTime() - start) / 1e6);
        if (i == 0) {
          report.append("-- the service's answer: total ").append(result.total())
              .append(result.totalCapped() ? "+" : "").append(", rows ").append(result.items().size()).append('\n');
        }
      }
      java.util.Collections.sort(millis);
      report.append("-- the service, 30 runs: p50 ").append(millis.get(15)).append(" ms, max ")
          .append(millis.get(29)).append(" ms\n");
      ScaleBenchmark.Measure http = new ScaleBenchmark.Measure(app, fill, 30);
      report.append("-- over HTTP as the benchmark times it: ").append(http.time(() -> http.get("auditor1",
          "/api/audit/cases?caseNumber=" + prefix))).append("\n\n");
      for (String[] statement : new String[][] {
          {"count", "SELECT COUNT(*) FROM (SELECT 1 FROM zqt_case" + where + " LIMIT 10001) matching", parameters},
          {"first page", "SELECT * FROM zqt_case" + where
              + " ORDER BY received_at DESC, case_number DESC LIMIT ? OFFSET ?", parameters + ", 20(Integer), 0(Integer)"}}) {
        report.append("-- ").append(statement[0]).append('\n').append(bind(statement[1], statement[2]))
            .append("\n\n");
        explain(report, prefix + " " + statement[0] + ", literal values", bind(statement[1], statement[2]), null);
        explainPrepared(report, prefix + " " + statement[0] + ", prepared, generic plan", statement[1], statement[2],
            "force_generic_plan");
        // before session 7: the day a day either side, in UTC
        java.time.LocalDate day = java.time.LocalDate.parse(prefix.substring(4),
            java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        explain(report, prefix + " " + statement[0] + ", the earlier bounds (a day either side in UTC)",
            bind(statement[1], statement[2].replace(bounds.from() + "(", day.minusDays(1) + " 00:00:00+00(")
                .replace(bounds.before() + "(", day.plusDays(2) + " 00:00:00+00(")), null);
      }
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/casesearch-plan.txt"), report.toString());
    System.out.println(report);
  }

  /**
   * How often the planner picks the nested loop that compares every task with every grant (the 5 s plan), over
   * {@code zqt.scale.analyze-runs} fresh ANALYZE samples of the grants (default 15), for the engine's statement with
   * and without the app's partial index of the task and process grants, each with the default statistics sample and a
   * larger one. Each distinct plan shape is timed once.
   */
  private void planStability(StringBuilder report, String statement) {
    int runs = Integer.getInteger("zqt.scale.analyze-runs", 15);
    String[] columns = {"RESOURCE_ID_", "GROUP_ID_", "USER_ID_", "RESOURCE_TYPE_", "TYPE_"};
    // the app creates the partial index (AuthorizationStatistics); it is dropped for the variants without it
    String indexDefinition = jdbc.queryForObject(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'zqt_auth_task_grants'", String.class);
    for (String variant : new String[] {"without the partial index", "with the partial index (as the app makes it)",
        "without the partial index, statistics 1000", "with the partial index, statistics 1000"}) {
      boolean index = variant.startsWith("with ");
      boolean statistics = variant.contains("statistics");
      if (!index) {
        jdbc.execute("DROP INDEX zqt_auth_task_grants");
      }
      for (String column : columns) {
        jdbc.execute("ALTER TABLE ACT_RU_AUTHORIZATION ALTER COLUMN " + column + " SET STATISTICS "
            + (statistics ? 1000 : -1));
      }
      java.util.Map<String, Integer> shapes = new java.util.LinkedHashMap<>();
      java.util.Map<String, String> timed = new java.util.LinkedHashMap<>();
      long analyzeNanos = 0;
      for (int run = 0; run < runs; run++) {
        long t0 = System.nanoTime();
        jdbc.execute("ANALYZE ACT_RU_AUTHORIZATION");
        analyzeNanos += System.nanoTime() - t0;
        String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + statement, String.class));
        String shape = planShape(plan);
        shapes.merge(shape, 1, Integer::sum);
        if (!timed.containsKey(shape)) {
          long t1 = System.nanoTime();
          jdbc.queryForList(statement);
          timed.put(shape, String.format("%.0f ms", (System.nanoTime() - t1) / 1e6));
        }
      }
      report.append("== plan stability, ").append(variant).append(": ").append(runs).append(" ANALYZE runs (")
          .append(Math.round(analyzeNanos / 1e6 / runs)).append(" ms each)\n");
      shapes.forEach((shape, n) -> report.append("   ").append(n).append("x ").append(shape).append(", one run ")
          .append(timed.get(shape)).append('\n'));
      report.append('\n');
      System.out.println(report.substring(report.lastIndexOf("== plan stability")));
      if (!index) {
        jdbc.execute(indexDefinition);
      }
    }
    for (String column : columns) {
      jdbc.execute("ALTER TABLE ACT_RU_AUTHORIZATION ALTER COLUMN " + column + " SET STATISTICS -1");
    }
    jdbc.execute("ANALYZE ACT_RU_AUTHORIZATION");
  }

  /** An index lookup of grants by resource id ("Index Cond: ((resource_id_)" or "((a.resource_id_)"). */
  private static final Pattern GRANT_PROBE = Pattern.compile("Index Cond: \\(\\(?(a|auth)?\\.?resource_id_",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern GRANT_JOIN_FILTER = Pattern.compile("Join Filter: .*resource_id_",
      Pattern.CASE_INSENSITIVE);

  /** "per-task probes" when the grants are reached by an index on the resource id, "compares all" otherwise. */
  static String planShape(String plan) {
    boolean probes = GRANT_PROBE.matcher(plan).find();
    boolean joinFilter = GRANT_JOIN_FILTER.matcher(plan).find();
    return (probes ? "per-task probes of the grants" : joinFilter ? "every task compared with every grant"
        : "other") + " [" + plan.lines().findFirst().orElse("").replaceAll("\\s+\\(cost.*", "").strip() + "]";
  }

  private void explain(StringBuilder report, String variant, String statement, String randomPageCost) {
    report.append("== ").append(variant).append('\n');
    jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
      String before;
      try (var st = c.createStatement(); var rs = st.executeQuery("SHOW random_page_cost")) {
        rs.next();
        before = rs.getString(1);
      }
      report.append("(random_page_cost ").append(randomPageCost == null ? before : randomPageCost).append(")\n");
      if (randomPageCost != null) {
        try (var st = c.createStatement()) {
          st.execute("SET random_page_cost = " + randomPageCost);
        }
      }
      try (var st = c.createStatement(); var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + statement)) {
        while (rs.next()) {
          report.append(rs.getString(1)).append('\n');
        }
      }
      // back to the pooled connection's own value (RESET would give the server's default, not the app's setting)
      try (var st = c.createStatement()) {
        st.execute("SET random_page_cost = " + before);
      }
      return null;
    });
    report.append("\n");
  }

  private static final Pattern AUTH_JOIN = Pattern.compile(
      "left join \\( (SELECT A\\.\\* FROM ACT_RU_AUTHORIZATION A .*?) \\) AUTH ON "
          + "\\(AUTH\\.RESOURCE_ID_ IN \\( RES\\.ID_ , D\\.KEY_ , '\\*' \\)\\)");

  /**
   * The engine's grant check with the per-task join replaced by three sub-queries: the task's id, its process
   * definition's key, or '*' among the caller's grants. Same meaning (a task passes when one of its three resource ids
   * has a grant); null when the statement has no such join.
   */
  static String hashedGrantCheck(String statement) {
    Matcher m = AUTH_JOIN.matcher(statement);
    if (!m.find()) {
      return null;
    }
    String grants = "(" + m.group(1) + ")";
    String check = "(RES.ID_ IN (SELECT G.RESOURCE_ID_ FROM " + grants + " G) OR D.KEY_ IN (SELECT G.RESOURCE_ID_ FROM "
        + grants + " G) OR EXISTS (SELECT 1 FROM " + grants + " G WHERE G.RESOURCE_ID_ = '*'))";
    String rewritten = m.replaceFirst("");
    return rewritten.replace("(AUTH.RESOURCE_ID_ IS NOT NULL)", check);
  }

  private void explainPrepared(StringBuilder report, String variant, String sql, String parameters, String mode) {
    explainPrepared(jdbc, report, variant, sql, parameters, mode);
  }

  /** EXPLAIN ANALYZE of the statement prepared on the server, planned in the given plan_cache_mode. */
  static void explainPrepared(JdbcTemplate jdbc, StringBuilder report, String variant, String sql, String parameters,
      String mode) {
    report.append("== ").append(variant).append(" (plan_cache_mode ").append(mode).append(")\n");
    StringBuilder numbered = new StringBuilder();
    int n = 0;
    for (char c : sql.toCharArray()) {
      numbered.append(c == '?' ? "$" + (++n) : String.valueOf(c));
    }
    List<String> values = values(parameters);
    jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
      try (var st = c.createStatement()) {
        st.execute("SET plan_cache_mode = " + mode);
        st.execute("PREPARE zqt_plan_q AS " + numbered);
        try (var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE zqt_plan_q("
            + String.join(", ", values) + ")")) {
          while (rs.next()) {
            report.append(rs.getString(1)).append('\n');
          }
        } finally {
          st.execute("DEALLOCATE zqt_plan_q");
          st.execute("RESET plan_cache_mode");
        }
      }
      return null;
    });
    report.append("\n");
  }

  /** MyBatis's logged parameters ("v(Type), v(Type)") as SQL literals. */
  private static List<String> values(String parameters) {
    List<String> values = new ArrayList<>();
    Matcher m = Pattern.compile("(.*?)\\((String|Integer|Long|Boolean|Timestamp|Date)\\)(, |$)").matcher(parameters);
    while (m.find()) {
      String v = m.group(1);
      values.add(m.group(2).equals("Integer") || m.group(2).equals("Long") || m.group(2).equals("Boolean") ? v
          : "'" + v.replace("'", "''") + "'");
    }
    return values;
  }

  /** The statement with MyBatis's logged parameters ("v(Type), v(Type)") in place of the question marks. */
  static String bind(String sql, String parameters) {
    List<String> values = values(parameters);
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (char c : sql.toCharArray()) {
      out.append(c == '?' && next < values.size() ? values.get(next++) : String.valueOf(c));
    }
    return out.toString();
  }
}
