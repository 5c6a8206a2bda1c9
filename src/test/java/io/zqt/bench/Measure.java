package io.zqt.bench;

import io.zqt.bench.Workload.CasePlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/** Timing helpers: closed-loop lifecycle throughput, open-loop latency at a fixed rate, percentiles. */
final class Measure {

  private Measure() {}

  /** Lifecycles per second: {@code threads} workers run the plans to their end, each taking the next plan. */
  static double lifecyclesPerSecond(LifecycleDriver driver, List<CasePlan> plans, int threads) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        int i;
        while (failure.get() == null && (i = next.getAndIncrement()) < plans.size()) {
          try {
            driver.run(plans.get(i));
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }
      }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    if (failure.get() != null) {
      throw new IllegalStateException(driver.name() + " failed a lifecycle", failure.get());
    }
    return plans.size() / (elapsed / 1e9);
  }

  /**
   * Sends {@code rate} requests per second for {@code seconds}, each started at its planned time whatever the
   * earlier ones do (open loop), and measures each latency from its planned start (so queueing counts).
   */
  static Map<String, Object> openLoop(double rate, double seconds, Consumer<Integer> request) throws Exception {
    int count = (int) Math.round(rate * seconds);
    double[] latencies = new double[count];
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    long start = System.nanoTime() + 50_000_000L;
    long intervalNanos = (long) (1e9 / rate);
    for (int i = 0; i < count; i++) {
      long planned = start + i * intervalNanos;
      long wait;
      while ((wait = planned - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      pool.execute(() -> {
        try {
          request.accept(index);
        } catch (RuntimeException e) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, String.valueOf(e.getMessage()));
        }
        latencies[index] = (System.nanoTime() - planned) / 1e6;
      });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    double elapsed = (System.nanoTime() - start) / 1e9;
    Map<String, Object> out = percentiles(latencies);
    out.put("ratePerSecond", rate);
    out.put("requests", count);
    out.put("achievedPerSecond", round(count / elapsed, 1));
    out.put("errors", errors.get());
    if (firstError.get() != null) {
      out.put("firstError", firstError.get());
    }
    return out;
  }

  /** p50, p95, p99 and max of latencies in milliseconds. */
  static Map<String, Object> percentiles(double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("p50Ms", round(at(sorted, 0.50), 2));
    out.put("p95Ms", round(at(sorted, 0.95), 2));
    out.put("p99Ms", round(at(sorted, 0.99), 2));
    out.put("maxMs", round(sorted.length == 0 ? 0 : sorted[sorted.length - 1], 2));
    return out;
  }

  private static double at(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * Rounds of {@link #openLoop} at one rate as one figure: each percentile (and the maximum) the median of the rounds'
   * values, requests and errors summed, and the rounds' p99 values listed.
   */
  static Map<String, Object> medianOfRounds(List<Map<String, Object>> rounds) {
    if (rounds.size() == 1) {
      return rounds.get(0);
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>(rounds.get(0));
    for (String key : List.of("p50Ms", "p95Ms", "p99Ms", "maxMs", "achievedPerSecond")) {
      out.put(key, round(median(rounds.stream().map(r -> ((Number) r.get(key)).doubleValue()).toList()), 2));
    }
    out.put("requests", rounds.stream().mapToInt(r -> ((Number) r.get("requests")).intValue()).sum());
    out.put("errors", rounds.stream().mapToInt(r -> ((Number) r.get("errors")).intValue()).sum());
    rounds.stream().map(r -> r.get("firstError")).filter(java.util.Objects::nonNull).findFirst()
        .ifPresent(e -> out.put("firstError", e));
    out.put("roundsP99Ms", rounds.stream().map(r -> r.get("p99Ms")).toList());
    return out;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double round(double value, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(value * f) / f;
  }
}
