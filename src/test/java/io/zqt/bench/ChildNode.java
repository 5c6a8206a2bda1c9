package io.zqt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZQT as it runs in production: its own JVM (default flags), started from nothing on an empty database. Measures the
 * time from process start until readiness answers UP, resident memory idle and after a workload over HTTP.
 */
final class ChildNode {

  private ChildNode() {}

  static Map<String, Object> measure(String jdbcUrl, String user, int lifecycles, Workload workload)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("zqt-child", ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // no empty entries: one would put the working folder (with processes/) on the class path a second time
        "-cp", String.join(java.io.File.pathSeparator, java.util.Arrays.stream(System.getProperty("java.class.path")
            .split(java.io.File.pathSeparator)).filter(e -> !e.isBlank()).toList()),
        "io.zqt.ZqtApplication",
        "--spring.profiles.active=demo",
        "--server.port=" + port,
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=" + user,
        "--spring.datasource.password=",
        "--logging.level.root=WARN"));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String base = "http://localhost:" + port;
      ZqtHttpDriver http = new ZqtHttpDriver(base);
      double startup = waitUntilReady(http, process, start, log);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("startupSeconds", Measure.round(startup, 2));
      r.put("idle", Machine.resident(process.pid()));
      for (String unit : Actors.unitCodes()) {
        createUnitUser(http, unit);
      }
      double perSecond = Measure.lifecyclesPerSecond(http, workload.next(lifecycles), 2);
      r.put("httpLifecyclesPerSecondCold", Measure.round(perSecond, 1));
      Map<String, Object> after = new LinkedHashMap<>(Machine.resident(process.pid()));
      JsonNode heap = http.send("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", "admin", "demo", null,
          200);
      after.put("heapUsedMb", heap.get("measurements").get(0).get("value").asLong() / (1024 * 1024));
      r.put("after" + lifecycles + "Lifecycles", after);
      return r;
    } finally {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static double waitUntilReady(ZqtHttpDriver http, Process process, long start, Path log)
      throws Exception {
    long deadline = start + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("ZQT exited during start-up; log: " + log + "\n" + tail(log));
      }
      try {
        http.send("GET", "/actuator/health/readiness", "admin", "demo", null, 200);
        return (System.nanoTime() - start) / 1e9;
      } catch (IllegalStateException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("ZQT not ready after 180 s; log: " + log + "\n" + tail(log));
  }

  private static void createUnitUser(ZqtHttpDriver http, String unit) {
    String id = Actors.unitUser(unit);
    http.send("POST", "/engine-rest/user/create", "admin", "demo", Map.of(
        "profile", Map.of("id", id, "firstName", "压测", "lastName", unit),
        "credentials", Map.of("password", Actors.PASSWORD_UNIT)), 204);
    http.send("PUT", "/engine-rest/group/unit-" + unit.toLowerCase(java.util.Locale.ROOT) + "/members/" + id,
        "admin", "demo", null, 204);
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
