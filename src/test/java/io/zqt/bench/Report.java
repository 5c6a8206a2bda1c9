package io.zqt.bench;

import java.util.List;
import java.util.Map;

/** The Markdown table of a benchmark run, written beside its JSON. */
final class Report {

  private Report() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    md.append("# ZQT benchmark: ").append(r.get("mode")).append(" mode\n\n");
    md.append("Run ").append(r.get("startedAt")).append(", ").append(r.get("durationSeconds"))
        .append(" s. Produced by `./mvnw -B -Pbench verify");
    if (!"full".equals(r.get("mode"))) {
      md.append(" -Dbench.mode=").append(r.get("mode"));
    }
    md.append("`; the figures are in `").append(r.get("mode")).append(".json`; how to read them: ")
        .append("[docs/benchmarks.md](../../docs/benchmarks.md).\n\n");
    Map<String, Object> machine = (Map<String, Object>) r.get("machine");
    md.append("| machine | |\n|---|---|\n");
    machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    Map<String, Object> workload = (Map<String, Object>) r.get("workload");
    md.append("\nWorkload (seed ").append(workload.get("seed")).append("), per 10,000 cases: kinds ")
        .append(workload.get("kindsPer10000")).append("; ends ").append(workload.get("endsPer10000"))
        .append("; ").append(workload.get("userTasksPerCase")).append(" user tasks per case.\n");

    List<Map<String, Object>> targets = (List<Map<String, Object>>) r.get("targets");
    if (targets != null) {
      md.append("\n## Targets\n\n| database | what | target | measured | met |\n|---|---|---|---|---|\n");
      for (Map<String, Object> t : targets) {
        md.append("| ").append(t.get("database")).append(" | ").append(t.get("what")).append(" | ")
            .append(t.get("target")).append(" | ").append(t.get("value")).append(" | ")
            .append(Boolean.TRUE.equals(t.get("met")) ? "yes" : "**no**").append(" |\n");
      }
    }

    Map<String, Object> dbs = (Map<String, Object>) r.get("databases");
    md.append("\n## Full lifecycles per second (median of rounds; ratio = ZQT / bare engine)\n\n")
        .append("| database | threads | bare engine | bare engine + ZQT's engine settings | ZQT | ZQT / bare |")
        .append(" ZQT / bare+settings | ZQT over HTTP | HTTP / bare |\n")
        .append("|---|---|---|---|---|---|---|---|---|\n");
    dbs.forEach((db, value) -> {
      Map<String, Object> d = (Map<String, Object>) value;
      Map<String, Object> l = (Map<String, Object>) d.get("lifecycles");
      Map<String, Object> h = (Map<String, Object>) d.get("httpLifecycles");
      for (String threads : l.keySet().stream().filter(k -> k.matches("\\d+threads?")).toList()) {
        Map<String, Object> t = (Map<String, Object>) l.get(threads);
        Map<String, Object> ht = h == null || h.get(threads) == null ? Map.of() : (Map<String, Object>) h.get(threads);
        md.append("| ").append(db).append(" | ").append(threads.replaceAll("\\D", "")).append(" | ")
            .append(t.get("baselinePerSecond")).append(" | ").append(t.get("baselineSecuredPerSecond"))
            .append(" | ").append(t.get("zqtPerSecond")).append(" | ").append(t.get("ratio")).append(" | ")
            .append(t.get("ratioToSecured")).append(" | ").append(ht.get("zqtPerSecond")).append(" | ")
            .append(ht.get("ratioToBaselineJava")).append(" |\n");
      }
    });
    md.append("\n## Where a lifecycle's cost goes (ms per lifecycle, all rounds)\n\n")
        .append("CPU of the benchmark's JVM (where ZQT or the bare engine runs), CPU of the rest of the machine (on")
        .append(" PostgreSQL mostly its server), garbage collection, and on PostgreSQL the time its sessions waited")
        .append(" for a lock (sampled every 20 ms; LWLock: the server's internal locks).\n\n")
        .append("| database | threads | system | JVM CPU | rest of the machine's CPU | GC | lock waits | LWLock waits |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    dbs.forEach((db, value) -> {
      Map<String, Object> l = (Map<String, Object>) ((Map<String, Object>) value).get("lifecycles");
      for (String threads : l.keySet().stream().filter(k -> k.matches("\\d+threads?")).toList()) {
        Map<String, Object> cost = (Map<String, Object>) ((Map<String, Object>) l.get(threads))
            .get("costPerLifecycle");
        if (cost == null) {
          continue;
        }
        for (String system : List.of("baseline", "baselineSecured", "zqt")) {
          Map<String, Object> c = (Map<String, Object>) cost.get(system);
          md.append("| ").append(db).append(" | ").append(threads.replaceAll("\\D", "")).append(" | ")
              .append(systemName(system)).append(" | ").append(c.get("jvmCpuMs")).append(" | ")
              .append(c.get("otherCpuMs")).append(" | ").append(c.get("gcMs")).append(" | ")
              .append(c.getOrDefault("lockWaitMs", "")).append(" | ").append(c.getOrDefault("lwLockWaitMs", ""))
              .append(" |\n");
        }
      }
    });
    md.append("\n## SQL statements per lifecycle (one thread; a JDBC batch counts once)\n\n")
        .append("| database | system | SELECT | INSERT | UPDATE | DELETE | other | total | commits |")
        .append(" time in SQL (ms) |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    dbs.forEach((db, value) -> {
      Map<String, Object> sql = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) value)
          .get("lifecycles")).get("sqlPerLifecycle");
      for (String system : List.of("baseline", "baselineSecured", "zqt")) {
        Map<String, Object> s = (Map<String, Object>) sql.get(system);
        md.append("| ").append(db).append(" | ").append(systemName(system));
        for (String k : List.of("SELECT", "INSERT", "UPDATE", "DELETE", "OTHER", "total", "commits")) {
          md.append(" | ").append(s.get(k));
        }
        md.append(" | ").append(s.get("micros") instanceof Number n ? Measure.round(n.doubleValue() / 1000, 1) : "")
            .append(" |\n");
      }
    });
    dbs.forEach((db, value) -> {
      Map<String, Object> top = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) value)
          .get("lifecycles")).get("topStatementsPerLifecycle");
      Map<String, Object> zqt = (Map<String, Object>) top.get("zqt");
      Map<String, Object> secured = (Map<String, Object>) top.get("baselineSecured");
      md.append("\n### ").append(db).append(": what ZQT runs per lifecycle beyond the bare engine with its settings\n\n")
          .append("| statement (first 120 characters; [batch] = one JDBC batch) | ZQT | bare + settings | more |\n")
          .append("|---|---|---|---|\n");
      zqt.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), ((Number) e.getValue()).doubleValue()
              - (secured.get(e.getKey()) instanceof Number n ? n.doubleValue() : 0)))
          .filter(e -> e.getValue() >= 0.5)
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .limit(15)
          .forEach(e -> md.append("| `").append(e.getKey().replace("|", "\\|")).append("` | ")
              .append(zqt.get(e.getKey())).append(" | ").append(secured.getOrDefault(e.getKey(), 0)).append(" | ")
              .append(Measure.round(e.getValue(), 1)).append(" |\n"));
    });
    dbs.forEach((db, value) -> {
      Map<String, Object> time = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) value)
          .get("lifecycles")).get("statementMicrosPerLifecycle");
      if (time == null) {
        return;
      }
      Map<String, Object> zqt = (Map<String, Object>) time.get("zqt");
      Map<String, Object> secured = (Map<String, Object>) time.get("baselineSecured");
      md.append("\n### ").append(db).append(": where ZQT's time in SQL goes beyond the bare engine with its settings")
          .append(" (µs per lifecycle, one thread)\n\n")
          .append("| statement or commit | ZQT | bare + settings | more |\n|---|---|---|---|\n");
      java.util.Set<String> keys = new java.util.HashSet<>(zqt.keySet());
      keys.addAll(secured.keySet());
      keys.stream()
          .map(k -> Map.entry(k, (zqt.get(k) instanceof Number n ? n.doubleValue() : 0)
              - (secured.get(k) instanceof Number n ? n.doubleValue() : 0)))
          .filter(e -> Math.abs(e.getValue()) >= 100)
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .limit(15)
          .forEach(e -> md.append("| `").append(e.getKey().replace("|", "\\|")).append("` | ")
              .append(zqt.getOrDefault(e.getKey(), 0)).append(" | ").append(secured.getOrDefault(e.getKey(), 0))
              .append(" | ").append(Measure.round(e.getValue(), 0)).append(" |\n"));
    });
    md.append("\n## Intake latency at fixed rates (open loop, from the planned send time; ms p50 / p95 / p99)\n\n")
        .append("| database | rate/s | bare engine, start | ZQT, POST /api/cases | ZQT, Java API | p99 ratio HTTP / bare |")
        .append(" errors |\n|---|---|---|---|---|---|---|\n");
    dbs.forEach((db, value) -> {
      Map<String, Object> intake = (Map<String, Object>) ((Map<String, Object>) value).get("intake");
      intake.forEach((rate, v) -> {
        Map<String, Object> at = (Map<String, Object>) v;
        Object rounds = ((Map<String, Object>) at.get("zqtHttp")).get("roundsP99Ms");
        md.append("| ").append(db).append(" | ").append(rate.replace("PerSecond", ""))
            .append(rounds == null ? "" : " (median of " + ((List<?>) rounds).size() + " rounds; HTTP p99 of each: "
                + rounds + ")").append(" | ")
            .append(pct(at.get("baselineJava"))).append(" | ").append(pct(at.get("zqtHttp"))).append(" | ")
            .append(pct(at.get("zqtJava"))).append(" | ").append(at.get("p99RatioHttpToBaseline")).append(" | ")
            .append(errors(at)).append(" |\n");
      });
    });
    md.append("\n## Start-up and memory\n\n")
        .append("| database | start-up, own JVM (s) | resident idle (MB) | resident after lifecycles (MB) |")
        .append(" heap used after (MB) | benchmark JVM: heap after GC / resident (MB) |\n")
        .append("|---|---|---|---|---|---|\n");
    Map<String, Object> sep = (Map<String, Object>) r.get("separateProcess");
    dbs.forEach((db, value) -> {
      Map<String, Object> d = (Map<String, Object>) value;
      Map<String, Object> mem = (Map<String, Object>) d.get("memory");
      Map<String, Object> child = sep == null ? null : (Map<String, Object>) sep.get(db);
      md.append("| ").append(db).append(" | ");
      if (child != null) {
        Map<String, Object> idle = (Map<String, Object>) child.get("idle");
        Map<String, Object> after = child.entrySet().stream().filter(e -> e.getKey().startsWith("after"))
            .map(e -> (Map<String, Object>) e.getValue()).findFirst().orElse(Map.of());
        md.append(child.get("startupSeconds")).append(" | ").append(idle.get("residentMb")).append(" | ")
            .append(after.get("residentMb")).append(" | ").append(after.get("heapUsedMb"));
      } else {
        md.append(" | | | ");
      }
      md.append(" | ").append(mem.get("heapUsedAfterGcMb")).append(" / ").append(mem.get("residentMb"))
          .append(" |\n");
    });
    dbs.forEach((db, value) -> {
      Object scale = ((Map<String, Object>) value).get("scale");
      if (scale != null) {
        md.append("\n## Task list and case search at scale: ").append(db).append("\n\n");
        md.append(ScaleReport.markdown(scale));
      }
    });
    return md.toString();
  }

  private static String systemName(String system) {
    return switch (system) {
      case "zqt" -> "ZQT";
      case "baselineSecured" -> "bare engine + ZQT's engine settings";
      default -> "bare engine";
    };
  }

  private static String pct(Object o) {
    if (!(o instanceof Map<?, ?> m)) {
      return "";
    }
    return m.get("p50Ms") + " / " + m.get("p95Ms") + " / " + m.get("p99Ms");
  }

  private static String errors(Map<String, Object> at) {
    long sum = 0;
    for (Object v : at.values()) {
      if (v instanceof Map<?, ?> m && m.get("errors") instanceof Number n) {
        sum += n.longValue();
      }
    }
    return String.valueOf(sum);
  }

  /** Per query kind: p50 / p95 / p99 at each size; fill time and row counts. */
  static final class ScaleReport {
    private ScaleReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Object scale) {
      Map<String, Object> bySize = new java.util.LinkedHashMap<>((Map<String, Object>) scale);
      bySize.remove("targets");
      StringBuilder md = new StringBuilder("| query (over HTTP) |");
      StringBuilder rule = new StringBuilder("|---|");
      java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
      for (var e : bySize.entrySet()) {
        md.append(" ").append(e.getKey()).append(" finished: p50 / p95 / p99 ms |");
        rule.append("---|");
        kinds.addAll(((Map<String, Object>) ((Map<String, Object>) e.getValue()).get("queries")).keySet());
      }
      md.append("\n").append(rule).append("\n");
      for (String kind : kinds) {
        md.append("| ").append(kind).append(" |");
        for (Object at : bySize.values()) {
          Object q = ((Map<String, Object>) ((Map<String, Object>) at).get("queries")).get(kind);
          if (q instanceof Map<?, ?> f) {
            md.append(" ").append(f.get("p50")).append(" / ").append(f.get("p95")).append(" / ").append(f.get("p99"))
                .append(" (").append(f.get("samples")).append(")");
          }
          md.append(" |");
        }
        md.append("\n");
      }
      md.append("\nFill (seconds) and rows: ");
      for (var e : bySize.entrySet()) {
        Map<String, Object> at = (Map<String, Object>) e.getValue();
        md.append("\n- ").append(e.getKey()).append(": fill ")
            .append(((Map<String, Object>) at.get("fill")).get("seconds")).append(" s; rows ").append(at.get("rows"));
      }
      return md.append("\n").toString();
    }
  }
}
