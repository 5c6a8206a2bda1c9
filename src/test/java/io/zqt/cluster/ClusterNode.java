package io.zqt.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One app node of a cluster test: {@code java -cp <test class path> io.zqt.ZqtApplication} in its own JVM, as in
 * production, configured by environment only, on the given PostgreSQL; its output goes to {@code <logs>/<name>.log},
 * its working directory is {@code <logs>/<name>/}.
 */
record ClusterNode(String name, int port, Process process, Path log) {

  static final Duration START_TIMEOUT = Duration.ofSeconds(150);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Starts the node (demo profile) with these environment variables added; does not wait for it. */
  static ClusterNode start(String name, Path logs, EmbeddedPostgres postgres, Map<String, String> extraEnv)
      throws IOException {
    int port = freePort();
    Path log = logs.resolve(name + ".log");
    // surefire's class path ends with an empty entry, which would put the working directory on the class path
    String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")).split(File.pathSeparator)).filter(entry -> !entry.isBlank())
        .collect(Collectors.joining(File.pathSeparator));
    Path workDir = Files.createDirectories(logs.resolve(name)).toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dfile.encoding=UTF-8", "-Duser.timezone=Asia/Shanghai", "-cp", classPath, "io.zqt.ZqtApplication")
        .directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPRING_PROFILES_ACTIVE", "demo");
    env.put("ZQT_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
    env.put("ZQT_DB_USER", "postgres");
    env.put("ZQT_DB_PASSWORD", "");
    env.put("ZQT_DB_POOL_SIZE", "8");
    env.put("ZQT_PORT", String.valueOf(port));
    env.putAll(extraEnv);
    return new ClusterNode(name, port, builder.start(), log);
  }

  void awaitReady() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " not ready within " + START_TIMEOUT + ":\n" + tail());
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** A JSON request as this user (password demo); {@code body} null for none. */
  HttpResponse<String> call(String method, String path, String user, String body) throws IOException,
      InterruptedException {
    return call(method, path, user, "application/json",
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /** A request as this user (password demo) with a body of this content type; {@code body} null for none. */
  HttpResponse<String> call(String method, String path, String user, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Kills these nodes' JVMs (those started) and waits for them to go; then closes the shared database. */
  static void stopAll(EmbeddedPostgres postgres, ClusterNode... nodes) {
    for (ClusterNode node : nodes) {
      if (node != null) {
        node.process().destroyForcibly();
        try {
          node.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException ignored) {
        // the server process goes with the JVM anyway
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
