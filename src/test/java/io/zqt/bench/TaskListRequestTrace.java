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
 * target/tasklist-request.txt.
 */
@EnabledIfSystemProperty(named = "zqt.scale.explain", matches = "true")
class TaskListRequestTrace extends PostgresTest {

  @Autowired ConfigurableApplicationContext app;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  /** Log events of the engine's statements, stamped with a monotonic clock. */
  static final class Stamped extends AppenderBase<ILoggingEvent> {
    final List<long[]> stamps = new ArrayList<>();
    final List<String> messages = new ArrayList<>();

    @Override
    protected synchronized void append(ILoggingEvent event) {
      stamps.add(new long[] {System.nanoTime()});
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
        long at = stamped.stamps.get(i)[0];
        if (m.contains("==> Parameters:") && sql != null && (m.contains("TaskEntity") || true)
            && (sql.contains("ACT_RU_TASK RES"))) {
          heavy.add(TaskListPlanMeasurement.bind(sql, m.substring(m.indexOf("Parameters:") + 11).strip()));
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
    String[][] variants = {
        {"as sent", null, null},
        {"as sent (again)", null, null},
        {"no hash join", null, "SET enable_hashjoin = off"},
        {"index on links: group, type, task", "CREATE INDEX zqt_probe ON ACT_RU_IDENTITYLINK (GROUP_ID_, TYPE_, TASK_ID_)",
            null},
        {"index on links: group, type, task; no hash join", null, "SET enable_hashjoin = off"},
        {"+ index on tasks: id where no tenant", "CREATE INDEX zqt_probe2 ON ACT_RU_TASK (ID_) INCLUDE (CREATE_TIME_)"
            + " WHERE TENANT_ID_ IS NULL", null},
        {"+ index on tasks; no hash join", null, "SET enable_hashjoin = off"},
    };
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
          try (var st = c.createStatement()) {
            st.execute("SET random_page_cost = 1.1");
            if (v[2] != null) {
              st.execute(v[2]);
            }
          }
          try (var st = c.createStatement(); var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + statement)) {
            while (rs.next()) {
              report.append(rs.getString(1)).append('\n');
            }
          }
          try (var st = c.createStatement()) {
            st.execute("RESET enable_hashjoin");
          }
          return null;
        });
      }
      jdbc.execute("DROP INDEX IF EXISTS zqt_probe");
      jdbc.execute("DROP INDEX IF EXISTS zqt_probe2");
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/tasklist-request.txt"), report.toString());
    System.out.println(report);
  }
}
