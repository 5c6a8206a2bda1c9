package io.zqt.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The task list and case search at a large history, on the databases named by {@code bench.scaleDatabases}. */
final class ScaleRun {

  private ScaleRun() {}

  /** The unit's task list as Tasklist asks for it, at the small and the large history. */
  static final String TASK_LIST = "tasklist hrss1 本单位待办 list (Tasklist's own API)";
  static final String TASK_COUNT = "tasklist hrss1 本单位待办 count (Tasklist's own API)";

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> targets(Map<String, Object> out, int[] sizes) {
    Map<String, Object> small = (Map<String, Object>) ((Map<String, Object>) out.get(String.valueOf(sizes[0])))
        .get("queries");
    Map<String, Object> large = (Map<String, Object>) ((Map<String, Object>) out.get(
        String.valueOf(sizes[sizes.length - 1]))).get("queries");
    List<Map<String, Object>> targets = new java.util.ArrayList<>();
    for (String kind : List.of(TASK_LIST, TASK_COUNT)) {
      double p95 = p95(large.get(kind));
      double ratio = p95 / p95(small.get(kind));
      targets.add(target(kind + ", p95 at " + sizes[sizes.length - 1] + " historic cases", "< 50 ms", p95, p95 < 50));
      // a ratio below 1 because the smaller history got a bad plan (seconds) is not "bounded growth": not met
      double smallP95 = p95(small.get(kind));
      targets.add(target(kind + ", p95 at " + sizes[sizes.length - 1] + " / at " + sizes[0]
          + (smallP95 >= 500 ? " (at " + sizes[0] + ": " + Math.round(smallP95) + " ms, a bad plan)" : ""), "<= 1.5",
          Measure.round(ratio, 2), ratio <= 1.5 && smallP95 < 500));
    }
    return targets;
  }

  private static double p95(Object figures) {
    return figures instanceof Map<?, ?> m && m.get("p95") instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static Map<String, Object> target(String what, String target, Object value, boolean met) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("what", what);
    m.put("target", target);
    m.put("value", value);
    m.put("met", met);
    return m;
  }

  @SuppressWarnings("unchecked")
  static void run(ConfigurableApplicationContext app, BenchMain.Settings settings, Map<String, Object> r)
      throws Exception {
    String product = String.valueOf(r.get("databaseVersion")).toLowerCase(java.util.Locale.ROOT);
    List<String> on = List.of(System.getProperty("bench.scaleDatabases", "postgresql").split(","));
    if (on.stream().noneMatch(product::startsWith)) {
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int historic : settings.scaleHistoric()) {
      BenchMain.log("scale: filling to " + historic + " historic / " + settings.scaleOpen() + " open cases");
      Map<String, Object> at = ScaleBenchmark.run(app, historic, settings.scaleOpen(), settings.scaleSamples());
      out.put(String.valueOf(historic), at);
      BenchMain.log("scale " + historic + ": " + at.get("queries"));
    }
    out.put("targets", targets(out, settings.scaleHistoric()));
    r.put("scale", out);
  }
}
