package io.zqt.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's documented load balancer, {@code docker/nginx-cluster.conf}, run by Debian's nginx in front of nodes of
 * this machine: the file as it is, with only its upstream addresses ({@code node1:8080}, {@code node2:8080}) and its
 * listening port replaced. Its access log names, per request, the node (or nodes, when one failed) that answered:
 * {@code <method> <uri> <status> <upstream addresses>}.
 */
final class LoadBalancer {

  static final Path NGINX = Path.of(System.getProperty("zqt.nginx", "/usr/sbin/nginx"));
  static final Path CONFIG = Path.of("docker", "nginx-cluster.conf");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final int port;
  final Path accessLog;
  private final Process process;
  private final Path errorLog;

  private LoadBalancer(int port, Path accessLog, Path errorLog, Process process) {
    this.port = port;
    this.accessLog = accessLog;
    this.errorLog = errorLog;
    this.process = process;
  }

  /** Starts nginx with the repository's configuration in front of the nodes listening on these ports. */
  static LoadBalancer start(Path dir, int node1Port, int node2Port) throws Exception {
    if (!Files.isExecutable(NGINX)) {
      throw new IllegalStateException("The cluster test runs the documented load balancer with Debian's nginx ("
          + NGINX + "): run .ci/run, or apt-get install nginx-light");
    }
    Path home = Files.createDirectories(dir.toAbsolutePath());
    int port = ClusterNode.freePort();
    String site = Files.readString(CONFIG, StandardCharsets.UTF_8);
    String rewritten = site.replace("server node1:8080", "server 127.0.0.1:" + node1Port)
        .replace("server node2:8080", "server 127.0.0.1:" + node2Port)
        .replace("listen 80;", "listen 127.0.0.1:" + port + ";");
    for (String expected : List.of("127.0.0.1:" + node1Port, "127.0.0.1:" + node2Port, "listen 127.0.0.1:" + port)) {
      if (!rewritten.contains(expected)) {
        throw new IllegalStateException(CONFIG + " no longer names node1:8080, node2:8080 and listen 80");
      }
    }
    Files.writeString(home.resolve("site.conf"), rewritten, StandardCharsets.UTF_8);
    Path accessLog = home.resolve("access.log");
    Path errorLog = home.resolve("error.log");
    Files.deleteIfExists(accessLog);
    StringBuilder temp = new StringBuilder();
    for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
      temp.append("  ").append(kind).append("_temp_path ")
          .append(Files.createDirectories(home.resolve("tmp-" + kind))).append(";\n");
    }
    // what Debian's /etc/nginx/nginx.conf and the image's would give, in the foreground, one process, logs here
    String main = "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + home.resolve("nginx.pid") + ";\n"
        + "error_log " + errorLog + " warn;\n"
        + "events { worker_connections 512; }\n"
        + "http {\n"
        + "  log_format nodes '$request_method $uri $status $upstream_addr';\n"
        + "  access_log " + accessLog + " nodes;\n"
        + temp
        + "  include " + home.resolve("site.conf") + ";\n"
        + "}\n";
    Path mainConf = home.resolve("nginx.conf");
    Files.writeString(mainConf, main, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder(NGINX.toString(), "-p", home.toString(), "-c", mainConf.toString(),
        "-e", errorLog.toString()).redirectErrorStream(true).redirectOutput(home.resolve("nginx.out").toFile())
        .start();
    LoadBalancer lb = new LoadBalancer(port, accessLog, errorLog, process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("nginx exited with " + process.exitValue() + ": "
            + Files.readString(home.resolve("nginx.out")) + lb.errors());
      }
      try {
        if (lb.get("/lb-health").statusCode() == 200) {
          return lb;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new AssertionError("nginx did not answer within 20 s: " + lb.errors());
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The access log's lines so far: method, path, status and the upstream address(es) that answered. */
  List<String[]> requests() throws IOException {
    if (!Files.exists(accessLog)) {
      return List.of();
    }
    return Files.readAllLines(accessLog, StandardCharsets.UTF_8).stream().map(line -> line.split(" ", 4)).toList();
  }

  /** The upstream addresses per node port, for reading {@link #requests()}. */
  static Map<String, String> nodeNames(ClusterNode... nodes) {
    Map<String, String> names = new LinkedHashMap<>();
    for (ClusterNode node : nodes) {
      names.put("127.0.0.1:" + node.port(), node.name());
    }
    return names;
  }

  String errors() {
    try {
      return Files.exists(errorLog) ? Files.readString(errorLog, StandardCharsets.UTF_8) : "(no error log)";
    } catch (IOException e) {
      return "(error log unreadable: " + e + ")";
    }
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
