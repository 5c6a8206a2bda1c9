package io.zqt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zqt.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The benchmark's cost counters measure what they name: this JVM's CPU, and a session waiting for a row lock. */
class RunCostTest {

  @Test
  void countsThisJvmsCpuAndNoLockWaitWithoutSampling() {
    // burn 300 ms of this thread's own CPU (however long that takes on a busy machine): the JVM's count must hold it
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long wallStart = System.nanoTime();
    RunCost cost = RunCost.start(null, null, null);
    long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
    long spin = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
    }
    RunCost.Totals totals = cost.stop();
    double wallMs = (System.nanoTime() - wallStart) / 1e6;
    assertThat(spin).isPositive();
    assertThat(totals.jvmCpu()).as("300 ms of this thread's CPU, and no more than every core for the whole time")
        .isBetween(290.0, wallMs * Runtime.getRuntime().availableProcessors() + 50);
    assertThat(totals.perLifecycle(3)).containsKeys("jvmCpuMs", "otherCpuMs", "gcMs")
        .doesNotContainKey("lockWaitMs");
  }

  @Test
  void samplesTheTimeASessionWaitsForARowLockOnPostgres() throws Exception {
    try (EmbeddedPostgres postgres = TestPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      try (Connection holder = postgres.getPostgresDatabase().getConnection();
          Statement s = holder.createStatement()) {
        s.execute("CREATE TABLE counter (id int PRIMARY KEY, n int)");
        s.execute("INSERT INTO counter VALUES (1, 0)");
        RunCost quiet = RunCost.start(url, "postgres", "");
        Thread.sleep(300);
        assertThat(quiet.stop().lockWait()).as("nobody waits").isZero();

        RunCost cost = RunCost.start(url, "postgres", "");
        holder.setAutoCommit(false);
        s.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
          try (Connection other = postgres.getPostgresDatabase().getConnection();
              Statement o = other.createStatement()) {
            o.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        Thread.sleep(800);
        holder.commit();
        waiter.get();
        RunCost.Totals totals = cost.stop();
        assertThat(totals.lockWait()).as("one session blocked for about 800 ms").isBetween(400.0, 1_500.0);
      }
    }
  }
}
