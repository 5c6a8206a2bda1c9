package io.zqt.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The task list and case search at a large history, on the databases named by {@code bench.scaleDatabases}. */
final class ScaleRun {

  private ScaleRun() {}

  @SuppressWarnings("unchecked")
  static void run(ConfigurableApplicationContext app, BenchMain.Settings settings, Map<String, Object> r)
      throws Exception {
    String product = String.valueOf(r.get("databaseVersion")).toLowerCase(java.util.Locale.ROOT);
    List<String> on = List.of(System.getProperty("bench.scaleDatabases", "postgresql").split(","));
    if (on.stream().noneMatch(product::startsWith)) {
      return;
    }
    Class<?> scale;
    try {
      scale = Class.forName("io.zqt.bench.ScaleBenchmark");
    } catch (ClassNotFoundException e) {
      r.put("scale", Map.of("skipped", "ScaleBenchmark not built yet"));
      return;
    }
    var method = scale.getMethod("run", ConfigurableApplicationContext.class, int.class, int.class, int.class);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int historic : settings.scaleHistoric()) {
      BenchMain.log("scale: filling to " + historic + " historic / " + settings.scaleOpen() + " open cases");
      out.put(String.valueOf(historic), method.invoke(null, app, historic, settings.scaleOpen(),
          settings.scaleSamples()));
    }
    r.put("scale", out);
  }
}
