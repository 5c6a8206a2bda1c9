package io.zqt.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a measured run cost besides its wall time, to say where a throughput gap comes from: CPU of this JVM (the app
 * or the bare engine runs in it), CPU of the rest of the machine (on PostgreSQL mostly its server; the machine is a VM
 * of its own, so {@code /proc/stat} counts nothing of other tenants but their steal, which is left out), garbage
 * collection in this JVM, and on PostgreSQL the time sessions spent waiting for a lock (row, tuple or transaction
 * locks: {@code wait_event_type = 'Lock'}) or a lightweight lock ({@code 'LWLock'}), sampled every 20 ms from
 * {@code pg_stat_activity}.
 */
final class RunCost {

  private static final long SAMPLE_MILLIS = 20;

  private final long jvmCpuNanos;
  private final long machineBusyJiffies;
  private final long gcMillis;
  private final LockSampler locks;

  private RunCost(LockSampler locks) {
    this.locks = locks;
    this.jvmCpuNanos = jvmCpuNanos();
    this.machineBusyJiffies = machineBusyJiffies();
    this.gcMillis = gcMillis();
  }

  /** Starts counting; {@code postgresUrl} null: no lock sampling (H2 runs inside this JVM). */
  static RunCost start(String postgresUrl, String user, String password) {
    return new RunCost(postgresUrl == null ? null : new LockSampler(postgresUrl, user, password));
  }

  /** Stops counting; the costs since the start, in milliseconds. */
  Totals stop() {
    long jvm = jvmCpuNanos() - jvmCpuNanos;
    long machine = (machineBusyJiffies() - machineBusyJiffies) * 10; // USER_HZ = 100
    long gc = gcMillis() - gcMillis;
    double[] waits = locks == null ? null : locks.stop();
    double jvmMs = jvm / 1e6;
    return new Totals(jvmMs, Math.max(0, machine - jvmMs), gc, waits == null ? Double.NaN : waits[0],
        waits == null ? Double.NaN : waits[1]);
  }

  /** Costs in milliseconds; the lock waits are NaN where not sampled. */
  record Totals(double jvmCpu, double otherCpu, double gc, double lockWait, double lwLockWait) {

    static final Totals ZERO = new Totals(0, 0, 0, 0, 0);

    Totals plus(Totals o) {
      return new Totals(jvmCpu + o.jvmCpu, otherCpu + o.otherCpu, gc + o.gc, lockWait + o.lockWait,
          lwLockWait + o.lwLockWait);
    }

    Map<String, Object> perLifecycle(int lifecycles) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("jvmCpuMs", Measure.round(jvmCpu / lifecycles, 2));
      m.put("otherCpuMs", Measure.round(otherCpu / lifecycles, 2));
      m.put("gcMs", Measure.round(gc / lifecycles, 3));
      if (!Double.isNaN(lockWait)) {
        m.put("lockWaitMs", Measure.round(lockWait / lifecycles, 3));
        m.put("lwLockWaitMs", Measure.round(lwLockWait / lifecycles, 3));
      }
      return m;
    }
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** user + nice + system + irq + softirq of the first line of /proc/stat (not idle, iowait or steal). */
  static long machineBusyJiffies() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
          + Long.parseLong(f[7]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Sessions waiting for a lock, sampled; the sum of (waiting sessions × time between samples). */
  private static final class LockSampler {
    private final Thread thread;
    private volatile boolean running = true;
    private double lockMs;
    private double lwLockMs;
    private volatile Throwable failure;

    LockSampler(String url, String user, String password) {
      thread = new Thread(() -> {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
          long last = System.nanoTime();
          while (running) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'),"
                + " count(*) FILTER (WHERE wait_event_type = 'LWLock') FROM pg_stat_activity"
                + " WHERE pid <> pg_backend_pid()")) {
              rs.next();
              long now = System.nanoTime();
              double ms = (now - last) / 1e6;
              last = now;
              synchronized (this) {
                lockMs += rs.getInt(1) * ms;
                lwLockMs += rs.getInt(2) * ms;
              }
            }
            Thread.sleep(SAMPLE_MILLIS);
          }
        } catch (SQLException | RuntimeException e) {
          failure = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bench-lock-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    double[] stop() {
      running = false;
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw new IllegalStateException("Lock sampling failed", failure);
      }
      synchronized (this) {
        return new double[] {lockMs, lwLockMs};
      }
    }
  }
}
