package io.zqt.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.zqt.org.FilterSeeder;
import io.zqt.postgres.PostgresTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the time of one Tasklist list request (本单位待办 as hrss1, Tasklist's own API) goes after a scale fill: every
 * statement the engine runs for it, with the time from sending it to its last row, and the request's time in all.
 * {@code ./mvnw -B test -Dtest=TaskListRequestTrace -Dzqt.scale.explain=true -Dzqt.scale.steps=100000}; writes
 * target/tasklist-request.txt. {@code -Dzqt.scale.hold=30} then keeps the server up for 30 minutes, for psql
 * (target/hold-url.txt).
 */
@EnabledIfSystemProperty(named = "zqt.scale.explain", matches = "true")
class TaskListRequestTrace extends PostgresTest {

  @Autowired ConfigurableApplicationContext app;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** Drops the app's task-list indexes (TaskListIndexes makes them again). */
  private static final String DROP_INDEXES = "DROP INDEX zqt_candidate_links; DROP INDEX zqt_open_tasks";

  /** Log events of the engine's statements, stamped with a monotonic clock. */
  static final class Stamped extends AppenderBase<ILoggingEvent> {
    final List<Long> stamps = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    @Override
    protected synchronized void append(ILoggingEvent event) {
      stamps.add(System.nanoTime());
      messages.add(event.getLoggerName() + " " + event.getFormattedMessage());
    }
  }

  @Test
  void traceTheUnitTaskListRequest() throws Exception {
    ScaleBenchmark.ScaleFill fill = new ScaleBenchmark.ScaleFill(app);
    fill.fillTo(Integer.getInteger("zqt.scale.steps", 20_000), Integer.getInteger("zqt.scale.open", 50_000));
    String filterId = app.getBean(FilterSeeder.class).filterIds(app.getBean(ProcessEngine.class)).get("my-groups");
    String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    ScaleBenchmark.WebappSession tasklist = new ScaleBenchmark.WebappSession(base).login("hrss1", "tasklist");
    String list = "/camunda/api/engine/engine/default/filter/" + filterId + "/list?firstResult=0&maxResults=15";
    String count = "/camunda/api/engine/engine/default/filter/" + filterId + "/count";
    StringBuilder report = new StringBuilder();
    java.util.Set<String> heavy = new java.util.LinkedHashSet<>();
    List<String[]> prepared = new ArrayList<>();
    for (String[] request : new String[][] {{"list", list, ScaleBenchmark.Measure.TASKLIST_BODY}, {"count", count,
        "{}"}}) {
      List<Double> plain = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long start = System.nanoTime();
        tasklist.post(request[1], request[2]);
        plain.add((System.nanoTime() - start) / 1e6);
      }
      plain.sort(null);
      report.append("== ").append(request[0]).append(": 40 requests, p50 ").append(plain.get(20)).append(" ms\n");
      Logger engine = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.impl.persistence.entity");
      Stamped stamped = new Stamped();
      stamped.start();
      engine.addAppender(stamped);
      Level before = engine.getLevel();
      engine.setLevel(Level.DEBUG);
      long start = System.nanoTime();
      var response = tasklist.post(request[1], request[2]);
      long end = System.nanoTime();
      engine.setLevel(before);
      engine.detachAppender(stamped);
      report.append("traced request: ").append(response.statusCode()).append(", ")
          .append((end - start) / 1e6).append(" ms (with debug logging)\n");
      long sent = 0;
      double inSql = 0;
      String sql = null;
      for (int i = 0; i < stamped.messages.size(); i++) {
        String m = stamped.messages.get(i);
        long at = stamped.stamps.get(i);
        if (m.contains("==> Parameters:") && sql != null && (sql.contains("ACT_RU_TASK RES") || sql.contains("ACT_RU_VARIABLE"))) {
          String parameters = m.substring(m.indexOf("Parameters:") + 11).strip();
          if (heavy.add(TaskListPlanMeasurement.bind(sql, parameters))) {
            prepared.add(new String[] {sql, parameters});
          }
        }
        if (m.contains("==>  Preparing:")) {
          sql = m.substring(m.indexOf("Preparing:") + 10).strip();
          sent = at;
          report.append(String.format("%8.2f ms after start: ", (at - start) / 1e6))
              .append(m, 0, Math.min(m.length(), 400)).append('\n');
        } else if (m.contains("<==      Total:") || m.contains("<==    Updates:")) {
          double ms = (at - sent) / 1e6;
          inSql += ms;
          report.append(String.format("         %.2f ms, %s%n", ms, m.substring(m.indexOf("<=="))));
        }
      }
      report.append(String.format("in statements: %.2f ms%n%n", inSql));
    }
    // label, and what to run before it
    String[][] variants = {
        {"as sent (the app's indexes)", null},
        {"as sent (again)", null},
        {"as sent (a third time)", null},
        {"without the task-list indexes (TaskListIndexes)", DROP_INDEXES},
        {"without the task-list indexes (again)", null},
    };
    io.zqt.ops.TaskListIndexes indexes = app.getBean(io.zqt.ops.TaskListIndexes.class);
    for (String[] statement : prepared) {
      report.append("-- prepared: ").append(statement[0]).append("\n");
      for (String mode : new String[] {"force_generic_plan", "force_custom_plan", "auto"}) {
        TaskListPlanMeasurement.explainPrepared(jdbc, report, "prepared", statement[0], statement[1], mode);
      }
    }
    for (String statement : heavy) {
      report.append("-- ").append(statement).append("\n");
      for (String[] v : variants) {
        if (v[1] != null) {
          jdbc.execute(v[1]);
          jdbc.execute("VACUUM ANALYZE ACT_RU_IDENTITYLINK");
          jdbc.execute("VACUUM ANALYZE ACT_RU_TASK");
        }
        report.append("== ").append(v[0]).append('\n');
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
          try (var st = c.createStatement(); var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + statement)) {
            while (rs.next()) {
              report.append(rs.getString(1)).append('\n');
            }
          }
          return null;
        });
      }
      indexes.ensureInTransaction();
    }
    // the requests themselves in turns, so that the machine's noise falls on every variant alike
    String[] configurations = {"the app", "without the task-list indexes", "the app, no parallel workers"};
    java.util.Map<String, List<Double>> times = new java.util.LinkedHashMap<>();
    for (int round = 0; round < 4; round++) {
      for (String configuration : configurations) {
        if (configuration.startsWith("without")) {
          jdbc.execute(DROP_INDEXES);
        }
        if (configuration.contains("parallel")) {
          jdbc.execute("ALTER SYSTEM SET max_parallel_workers_per_gather = 0");
          jdbc.execute("SELECT pg_reload_conf()");
          Thread.sleep(200);
        }
        for (String[] request : new String[][] {{"list", list, ScaleBenchmark.Measure.TASKLIST_BODY},
            {"count", count, "{}"}}) {
          List<Double> sample = times.computeIfAbsent(configuration + ", " + request[0], k -> new ArrayList<>());
          for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            tasklist.post(request[1], request[2]);
            if (i >= 5) {
              sample.add((System.nanoTime() - start) / 1e6);
            }
          }
        }
        if (configuration.startsWith("without")) {
          indexes.ensureInTransaction();
        }
        if (configuration.contains("parallel")) {
          jdbc.execute("ALTER SYSTEM RESET max_parallel_workers_per_gather");
          jdbc.execute("SELECT pg_reload_conf()");
          Thread.sleep(200);
        }
      }
    }
    StringBuilder summary = new StringBuilder("== requests in turns (4 rounds of 20 each, p50 / p95 ms)\n");
    times.forEach((k, v) -> {
      v.sort(null);
      summary.append(String.format("%s: %.1f / %.1f%n", k, v.get(v.size() / 2), v.get((int) (v.size() * 0.95))));
    });
    report.insert(0, summary + "\n");
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/tasklist-request.txt"), report.toString());
    System.out.println(report);
    int hold = Integer.getInteger("zqt.scale.hold", 0);
    if (hold > 0) {
      // keep the filled server up for psql (its JDBC URL, the app's base URL and the filter's id are in the file)
      String url = jdbc.execute(
          (org.springframework.jdbc.core.ConnectionCallback<String>) c -> c.getMetaData().getURL());
      Files.writeString(Path.of("target/hold-url.txt"), url + "\n" + base + "\n" + filterId + "\n");
      Thread.sleep(hold * 60_000L);
    }
  }
}
