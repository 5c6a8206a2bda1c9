package io.zqt.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The targets, checked against a run's figures. */
final class Targets {

  /** The intake target is set at this rate (requests per second). */
  static final double INTAKE_RATE = 50;

  private Targets() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> evaluate(Map<String, Object> results) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> dbs = (Map<String, Object>) results.get("databases");
    for (var e : dbs.entrySet()) {
      String db = e.getKey();
      Map<String, Object> d = (Map<String, Object>) e.getValue();
      Map<String, Object> lifecycles = (Map<String, Object>) d.get("lifecycles");
      if (lifecycles != null) {
        List<String> levels = lifecycles.keySet().stream().filter(k -> k.matches("\\d+threads?")).toList();
        double best = 0;
        for (String threads : levels) {
          Map<String, Object> t = (Map<String, Object>) lifecycles.get(threads);
          add(out, db, "lifecycle throughput vs bare engine, " + threads, ">= 0.9x", t.get("ratio"),
              num(t.get("ratio")) >= 0.9);
          best = Math.max(best, num(t.get("zqtPerSecond")));
        }
        if (db.equals("postgresql")) {
          String names = String.join(", ", levels.stream().map(k -> k.replaceAll("\\D", "")).toList());
          add(out, db, "full lifecycles per second (best of " + names + " threads)", ">= 40/s", best, best >= 40);
        }
      }
      Map<String, Object> intake = (Map<String, Object>) d.get("intake");
      String atRate = (int) INTAKE_RATE + "PerSecond";
      if (intake != null && intake.get(atRate) != null) {
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) intake.get(atRate)).get("zqtHttp");
        add(out, db, "intake p99 at " + (int) INTAKE_RATE + " requests/s (HTTP)", "< 50 ms", http.get("p99Ms"),
            num(http.get("p99Ms")) < 50);
      }
      Map<String, Object> scale = (Map<String, Object>) d.get("scale");
      if (scale != null && scale.get("targets") instanceof List<?> scaleTargets) {
        for (Object t : scaleTargets) {
          Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) t);
          m.put("database", db);
          out.add(m);
        }
      }
    }
    return out;
  }

  private static void add(List<Map<String, Object>> out, String db, String what, String target, Object value,
      boolean met) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("database", db);
    m.put("what", what);
    m.put("target", target);
    m.put("value", value);
    m.put("met", met);
    out.add(m);
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
