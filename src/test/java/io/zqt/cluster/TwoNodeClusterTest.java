package io.zqt.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zqt.audit.WebappSession;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.yaml.snakeyaml.Yaml;

/**
 * Two ZQT nodes, each its own JVM as in production, on one PostgreSQL (fsync and synchronous commit on, since the
 * test claims that what was answered 201 survives a kill). Both start at the same moment on the empty database,
 * take cases over HTTP, share the overdue-reminder jobs, and one of them is killed (SIGKILL) while it runs jobs and
 * receives cases: the other finishes its jobs once their locks expire, no job runs twice, no case is lost or half
 * written. ClusterNode logs and the figures go to {@code target/cluster-logs/}.
 */
class TwoNodeClusterTest {

  private static final Path LOGS = Path.of("target", "cluster-logs");
  /** Short, so that the survivor takes over the killed node's jobs within the test; production: 5 minutes. */
  private static final int LOCK_TIME_MILLIS = 5_000;
  private static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate db;
  private static ClusterNode nodeA;
  private static ClusterNode nodeB;
  /** docker/nginx-cluster.conf in front of both nodes; {@link #viaLb} sends through it. */
  private static LoadBalancer lb;
  private static ClusterNode viaLb;
  private static final List<String> figures = new ArrayList<>();

  @BeforeAll
  static void startPostgresAndTwoNodesAtOnce() throws Exception {
    Files.createDirectories(LOGS);
    postgres = io.zqt.postgres.TestPostgres.builder()
        .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
    db = new JdbcTemplate(postgres.getPostgresDatabase());
    Runtime.getRuntime().addShutdownHook(new Thread(TwoNodeClusterTest::stopAll));
    long start = System.nanoTime();
    nodeA = startNode("node-a");
    nodeB = startNode("node-b");
    nodeA.awaitReady();
    nodeB.awaitReady();
    figure("both nodes started together on the empty database and ready after %d ms",
        (System.nanoTime() - start) / 1_000_000);
    lb = LoadBalancer.start(LOGS.resolve("nginx"), nodeA.port(), nodeB.port());
    viaLb = new ClusterNode("load-balancer", lb.port, null, null);
  }

  @AfterAll
  static void stopAll() {
    if (lb != null) {
      lb.stop();
      lb = null;
    }
    ClusterNode.stopAll(postgres, nodeA, nodeB);
    nodeA = null;
    nodeB = null;
    postgres = null;
    if (!figures.isEmpty()) {
      try {
        Files.write(LOGS.resolve("figures.txt"), figures, StandardCharsets.UTF_8);
      } catch (IOException ignored) {
        // figures are also on standard output
      }
    }
  }

  @Test
  void twoNodesShareTheJobsAndTheSurvivorFinishesTheWorkOfAKilledNode() throws Exception {
    // Started together on an empty database: one engine schema, one deployment, one set of seeded data.
    assertThat(db.queryForList("SELECT KEY_ FROM ACT_RE_PROCDEF GROUP BY KEY_ HAVING COUNT(*) > 1", String.class))
        .as("process and decision definitions deployed once").isEmpty();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_RU_FILTER", Integer.class)).as("Tasklist filters")
        .isEqualTo(db.queryForObject("SELECT COUNT(DISTINCT NAME_) FROM ACT_RU_FILTER", Integer.class))
        .isPositive();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM zqt_schema_history WHERE success", Integer.class))
        .as("the app's own migrations applied once each")
        .isEqualTo(db.queryForObject("SELECT COUNT(DISTINCT version) FROM zqt_schema_history WHERE success",
            Integer.class));

    // 0. The documented load balancer in front of both nodes: the APIs go to either node, a webapp session stays
    //    with the node that holds it in memory, each node's health is not exposed.
    Map<String, String> nodeAt = LoadBalancer.nodeNames(nodeA, nodeB);
    assertThat(lb.get("/actuator/health").statusCode()).as("a node's health through the load balancer")
        .isEqualTo(404);
    // The compose file publishes the load balancer's port 80 as 8080: a redirect must name the port the browser asked
    // for, not nginx's own.
    assertThat(redirectThroughLb("localhost:8080", "/camunda/app/tasklist/"))
        .isEqualTo("http://localhost:8080/camunda/app/tasklist/default/");
    Driver throughLb = new Driver("lb");
    throughLb.openCases(10, viaLb);
    WebappSession tasklist = new WebappSession(lb.port).login("hrss1", "tasklist");
    for (int i = 0; i < 10; i++) {
      assertThat(tasklist.get(TASK_COUNT).statusCode()).as("hrss1's Tasklist session, request %d", i)
          .isEqualTo(200);
    }
    Map<String, Integer> intakeNodes = answeredBy(nodeAt, "POST", "/api/cases", 0);
    Map<String, Integer> sessionNodes = answeredBy(nodeAt, "GET", TASK_COUNT, 0);
    figure("through the load balancer: 10 cases answered by %s; hrss1's Tasklist session by %s", intakeNodes,
        sessionNodes);
    assertThat(intakeNodes).as("cases through the load balancer, by node").containsOnlyKeys("node-a", "node-b");
    assertThat(sessionNodes).as("one session, one node").hasSize(1).containsValue(10);
    int lbLogLines = lb.requests().size();

    // 1. Work arrives at both nodes; the units' staff work tasks through either node; both job executors run the
    //    overdue reminders.
    Driver phase1 = new Driver("p1");
    long intakeStart = System.nanoTime();
    List<String> phase1Cases = phase1.openCases(40, nodeA, nodeB);
    figure("40 cases opened through both nodes (4 clients) in %d ms", (System.nanoTime() - intakeStart) / 1_000_000);
    // the same request (same idempotency key) at both nodes at the same moment: one case, both answer with it
    for (int i = 0; i < 5; i++) {
      String key = "twice-" + i;
      ExecutorService both = Executors.newFixedThreadPool(2);
      try {
        Future<HttpResponse<String>> atA = both.submit(() -> phase1.send(nodeA, key));
        Future<HttpResponse<String>> atB = both.submit(() -> phase1.send(nodeB, key));
        List<Integer> statuses = List.of(atA.get(60, TimeUnit.SECONDS).statusCode(),
            atB.get(60, TimeUnit.SECONDS).statusCode());
        assertThat(statuses).as("answers to %s at both nodes", key).containsExactlyInAnyOrder(200, 201);
        assertThat(JSON.readTree(atA.get().body()).get("caseNumber"))
            .isEqualTo(JSON.readTree(atB.get().body()).get("caseNumber"));
      } finally {
        both.shutdownNow();
      }
      assertThat(db.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE idempotency_key = ?", Integer.class, key))
          .isEqualTo(1);
    }
    List<String> signed = phase1Cases.subList(0, 10);
    for (int i = 0; i < signed.size(); i++) {
      signFor(i % 2 == 0 ? nodeA : nodeB, "hrss1", signed.get(i));
    }
    List<String> phase1Jobs = timerJobIds(phase1Cases);
    assertThat(phase1Jobs).as("one overdue timer per open case (sign-for or handling)").hasSize(40);
    // all due at the same moment, a little ahead, so that both nodes' job executors find them together
    Instant phase1Due = Instant.now().plusSeconds(2);
    makeDue(phase1Jobs, phase1Due, nodeA, nodeB);
    await("phase 1 reminders", Duration.ofSeconds(60), () -> reminders() >= 40);
    figure("phase 1: 40 overdue reminders run %d ms after they fell due",
        Duration.between(phase1Due, Instant.now()).toMillis());
    assertThat(reminderKinds()).containsEntry("SIGN_FOR_OVERDUE", 30).containsEntry("HANDLING_OVERDUE", 10);
    Map<String, Integer> phase1ByNode = successfulJobsByNode(phase1Jobs);
    figure("phase 1 jobs by node: %s", phase1ByNode);
    assertThat(phase1ByNode).as("both job executors ran reminders").containsKeys("node-a", "node-b");

    // 2. More work; while both nodes run the reminders and keep receiving cases, node B is killed.
    Driver phase2 = new Driver("p2");
    List<String> phase2Cases = phase2.openCases(120, nodeA, nodeB);
    List<String> phase2Jobs = timerJobIds(phase2Cases);
    assertThat(phase2Jobs).hasSize(120);
    Driver sending = new Driver("p2s");
    ExecutorService background = Executors.newFixedThreadPool(5);
    AtomicBoolean keepSending = new AtomicBoolean(true);
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      ClusterNode target = t % 2 == 0 ? nodeA : nodeB;
      senders.add(background.submit(() -> sending.sendUntil(target, keepSending)));
    }
    Future<?> dueSetter = background.submit(() -> makeDue(phase2Jobs, Instant.now().plusSeconds(3), nodeA));
    await("node B holding reminder jobs", Duration.ofSeconds(40),
        () -> lockedBy("node-b") >= 2 && successfulJobsByNode(phase2Jobs).getOrDefault("node-b", 0) >= 1);
    int doneBeforeKill = successfulJobsByNode(phase2Jobs).values().stream().mapToInt(Integer::intValue).sum();
    nodeB.process().destroyForcibly();
    assertThat(nodeB.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    Instant killedAt = Instant.now();
    List<String> orphaned = db.queryForList("SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE 'node-b:%'",
        String.class);
    figure("node B killed (SIGKILL) with %d of 120 phase-2 reminders done; it held %d job locks",
        doneBeforeKill, orphaned.size());
    assertThat(orphaned).as("jobs node B had locked and not finished").isNotEmpty();
    Thread.sleep(2_000); // the survivor keeps receiving cases; node B's senders see refused connections
    // Through the load balancer the kill does not show: a connection node B refuses is tried at node A, a POST too,
    // since nothing of it was sent; a new Tasklist login lands on node A.
    throughLb.openCases(20, viaLb);
    WebappSession afterKill = new WebappSession(lb.port).login("hrss1", "tasklist");
    assertThat(afterKill.get(TASK_COUNT).statusCode()).as("Tasklist after the kill").isEqualTo(200);
    Map<String, Integer> intakeAfterKill = answeredBy(nodeAt, "POST", "/api/cases", lbLogLines);
    figure("through the load balancer after the kill: 20 cases answered 201 by %s", intakeAfterKill);
    assertThat(intakeAfterKill).as("cases through the load balancer after the kill, by node")
        .containsOnlyKeys("node-a").containsValue(20);
    keepSending.set(false);
    for (Future<?> sender : senders) {
      sender.get(60, TimeUnit.SECONDS);
    }
    dueSetter.get(60, TimeUnit.SECONDS);
    background.shutdown();

    await("node B's locked jobs run by node A", Duration.ofSeconds(60), () -> db.queryForObject(
        "SELECT COUNT(*) FROM ACT_RU_JOB WHERE ID_ IN (" + in(orphaned) + ")", Integer.class) == 0);
    long takeoverMillis = Duration.between(killedAt, Instant.now()).toMillis();
    await("all phase-2 reminders", Duration.ofSeconds(60), () -> reminders() >= 160);
    figure("node A finished node B's %d locked jobs %d ms after the kill (lock time %d ms)", orphaned.size(),
        takeoverMillis, LOCK_TIME_MILLIS);
    assertThat(takeoverMillis).as("the survivor waits for the locks to expire, not much longer")
        .isLessThan(LOCK_TIME_MILLIS + 15_000L);
    assertThat(successfulJobsByNode(orphaned)).as("node B's locked jobs, run by node A").containsOnlyKeys("node-a")
        .containsValue(orphaned.size());

    // No job ran twice: one reminder per overdue timer, one successful job log entry per job.
    assertThat(db.queryForList("SELECT case_number FROM zqt_reminder GROUP BY case_number, kind HAVING COUNT(*) > 1",
        String.class)).as("cases reminded twice for the same deadline").isEmpty();
    assertThat(reminders()).isEqualTo(160);
    Set<String> reminded = new HashSet<>(db.queryForList("SELECT case_number FROM zqt_reminder", String.class));
    assertThat(reminded).containsAll(phase1Cases).containsAll(phase2Cases);
    // The history cleanup job is the exception: one job, rescheduled after every run inside the nightly window
    // (01:00-05:00 Beijing time), so when this test runs in that window its id logs a success per run.
    assertThat(db.queryForList("SELECT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 "
        + "AND (JOB_DEF_TYPE_ IS NULL OR JOB_DEF_TYPE_ <> 'history-cleanup') GROUP BY JOB_ID_ HAVING COUNT(*) > 1",
        String.class))
        .as("jobs that ran successfully twice").isEmpty();
    Map<String, Integer> allByNode = successfulJobsByNode(concat(phase1Jobs, phase2Jobs));
    figure("all reminder jobs by node: %s", allByNode);
    assertThat(allByNode.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(160);

    // No case lost: every 201 is a case with its process instance; what failed at the dead node, the client sends
    // again to the survivor with the same idempotency key, and gets exactly one case per key.
    List<String> created = new ArrayList<>(sending.created.values());
    figure("intake during the kill: %d answered 201 (%d by node B), %d failed at node B", created.size(),
        sending.createdBy.get("node-b").get(), sending.failed.size());
    assertThat(sending.failed).as("requests node B could not answer").isNotEmpty();
    assertThat(sending.createdBy.get("node-b").get()).isPositive();
    assertThat(sending.refusedOther).as("answers other than 201 or a dropped connection").isEmpty();
    for (String number : created) {
      assertThat(db.queryForObject("SELECT COUNT(*) FROM zqt_case c JOIN ACT_HI_PROCINST p "
          + "ON p.PROC_INST_ID_ = c.process_instance_id AND p.BUSINESS_KEY_ = c.case_number "
          + "WHERE c.case_number = ?", Integer.class, number)).as("case %s with its process", number).isEqualTo(1);
    }
    int replayed = 0;
    for (String key : sending.failed) {
      HttpResponse<String> again = sending.send(nodeA, key);
      assertThat(again.statusCode()).as("the same request again at node A").isIn(200, 201);
      if (again.statusCode() == 200) {
        replayed++;
      }
    }
    figure("resent to node A: %d, of which %d had been stored by node B before it died", sending.failed.size(),
        replayed);
    Set<String> keys = new HashSet<>(sending.created.keySet());
    keys.addAll(sending.failed);
    assertThat(db.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE idempotency_key LIKE 'p2s-%'", Integer.class))
        .as("one case per request sent").isEqualTo(keys.size());
    assertThat(db.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE idempotency_key LIKE 'lb-%'", Integer.class))
        .as("one case per request sent through the load balancer").isEqualTo(30);

    // No half-written case anywhere: no case without its process instance, no case process without its case.
    assertThat(db.queryForObject("SELECT COUNT(*) FROM zqt_case c WHERE c.process_instance_id IS NULL "
        + "OR NOT EXISTS (SELECT 1 FROM ACT_HI_PROCINST p WHERE p.PROC_INST_ID_ = c.process_instance_id)",
        Integer.class)).isZero();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_HI_PROCINST p JOIN ACT_RE_PROCDEF d "
        + "ON d.ID_ = p.PROC_DEF_ID_ AND d.KEY_ = 'enterprise-case' "
        + "WHERE NOT EXISTS (SELECT 1 FROM zqt_case c WHERE c.case_number = p.BUSINESS_KEY_)", Integer.class))
        .isZero();
    assertThat(db.queryForObject("SELECT COUNT(*) FROM ACT_RU_INCIDENT", Integer.class)).as("incidents").isZero();
  }

  // --- the two nodes ----------------------------------------------------------------------------------------------

  /**
   * One node of this test, configured as the cluster's compose file configures its nodes
   * ({@link #composeNodeSettings()}), except for what names this machine (the database, the JVM) and: its name in
   * the job log, short job lock and acquisition times.
   */
  static ClusterNode startNode(String name) throws IOException {
    Map<String, String> env = new LinkedHashMap<>(composeNodeSettings());
    env.putAll(Map.of(
        "ZQT_NODE_NAME", name,
        "ZQT_JOB_LOCK_TIME_MILLIS", String.valueOf(LOCK_TIME_MILLIS),
        "ZQT_JOB_WAIT_TIME_MILLIS", "200",
        "ZQT_JOB_MAX_WAIT_MILLIS", "200"));
    return ClusterNode.start(name, LOGS, postgres, env);
  }

  /**
   * The environment {@code docker/compose-cluster.yaml} gives its first node, without what only makes sense in
   * Docker: the database's address and credentials, the administrator (the test runs the demo profile), the JVM's
   * options and the node's name.
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> composeNodeSettings() throws IOException {
    Map<String, Object> compose;
    try (var in = Files.newInputStream(Path.of("docker", "compose-cluster.yaml"))) {
      compose = new Yaml().load(in);
    }
    Map<String, Object> node1 = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("node1");
    Map<String, String> env = new LinkedHashMap<>();
    ((Map<String, Object>) node1.get("environment")).forEach((key, value) -> {
      if (!key.startsWith("ZQT_DB_") && !key.startsWith("ZQT_ADMIN_") && !key.equals("JAVA_OPTS")
          && !key.equals("ZQT_NODE_NAME") && !key.equals("ZQT_JOB_LOCK_TIME_MILLIS")) {
        env.put(key, String.valueOf(value));
      }
    });
    if (!"native".equals(env.get("SERVER_FORWARD_HEADERS_STRATEGY"))) {
      throw new IllegalStateException("compose-cluster.yaml's nodes no longer read nginx's X-Forwarded-* headers: "
          + env);
    }
    return env;
  }

  /** Sends cases as operator1, each with its own idempotency key, and records what each node answered. */
  static final class Driver {

    final String prefix;
    final AtomicInteger sequence = new AtomicInteger();
    final Map<String, String> created = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> createdBy = Map.of("node-a", new AtomicInteger(), "node-b", new AtomicInteger());
    final List<String> failed = new CopyOnWriteArrayList<>();
    final List<String> refusedOther = new CopyOnWriteArrayList<>();

    Driver(String prefix) {
      this.prefix = prefix;
    }

    /** Opens the cases through the targets in turn, four at a time; every one must be answered 201. */
    List<String> openCases(int count, ClusterNode... targets) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          ClusterNode node = targets[i % targets.length];
          numbers.add(pool.submit(() -> {
            String key = prefix + "-" + sequence.incrementAndGet();
            HttpResponse<String> response = send(node, key);
            assertThat(response.statusCode()).as("%s answers %s", node.name(), response.body()).isEqualTo(201);
            return JSON.readTree(response.body()).get("caseNumber").asText();
          }));
        }
        List<String> result = new ArrayList<>();
        for (Future<String> number : numbers) {
          result.add(number.get(120, TimeUnit.SECONDS));
        }
        return result;
      } finally {
        pool.shutdownNow();
      }
    }

    /** Keeps sending new cases to the node until told to stop; a dead node's refusals are recorded, not thrown. */
    void sendUntil(ClusterNode node, AtomicBoolean keepGoing) {
      while (keepGoing.get()) {
        String key = prefix + "-" + sequence.incrementAndGet();
        try {
          HttpResponse<String> response = send(node, key);
          if (response.statusCode() == 201) {
            created.put(key, JSON.readTree(response.body()).get("caseNumber").asText());
            createdBy.get(node.name()).incrementAndGet();
          } else {
            refusedOther.add(key + " " + response.statusCode() + " " + response.body());
          }
        } catch (IOException connectionLost) {
          failed.add(key);
          pause(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    HttpResponse<String> send(ClusterNode node, String key) throws IOException, InterruptedException {
      ObjectNode c = JSON.valueToTree(io.zqt.cases.CaseScenarios.request("HELP", "SOCIAL_INSURANCE", "ZHIFU", null));
      c.put("idempotencyKey", key);
      return node.call("POST", "/api/cases", "operator1", c.toString());
    }
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  /** The unit's staff member claims and signs for the case's task through the engine REST API of the node. */
  static void signFor(ClusterNode node, String user, String caseNumber) throws Exception {
    HttpResponse<String> tasks = node.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + caseNumber
        + "&taskDefinitionKey=UserTask_SignFor", user, null);
    assertThat(tasks.statusCode()).isEqualTo(200);
    JsonNode list = JSON.readTree(tasks.body());
    assertThat(list).as("%s sees the sign-for task of %s", user, caseNumber).hasSize(1);
    String id = list.get(0).get("id").asText();
    assertThat(node.call("POST", "/engine-rest/task/" + id + "/claim", user, "{\"userId\":\"" + user + "\"}")
        .statusCode()).isEqualTo(204);
    HttpResponse<String> done = node.call("POST", "/engine-rest/task/" + id + "/complete", user,
        "{\"variables\":{\"signForDecision\":{\"value\":\"SIGN\"}}}");
    assertThat(done.statusCode()).as(done.body()).isIn(200, 204);
  }

  /** The ids of the timer jobs (overdue timers) now waiting in these cases. */
  static List<String> timerJobIds(List<String> caseNumbers) {
    return db.queryForList("SELECT j.ID_ FROM ACT_RU_JOB j JOIN zqt_case c ON c.process_instance_id = "
        + "j.PROCESS_INSTANCE_ID_ WHERE j.TYPE_ = 'timer' AND c.case_number IN (" + in(caseNumbers) + ")",
        String.class);
  }

  /** Time passes for these jobs: the administrator sets their due date, through the nodes' engine REST API. */
  static Void makeDue(List<String> jobIds, Instant due, ClusterNode... nodes) throws Exception {
    String body = "{\"duedate\":\"" + REST_DATE.format(due.atOffset(ZoneOffset.UTC)) + "\"}";
    for (int i = 0; i < jobIds.size(); i++) {
      HttpResponse<String> response = nodes[i % nodes.length].call("PUT", "/engine-rest/job/" + jobIds.get(i)
          + "/duedate", "admin", body);
      // 404 or 500 when the job already ran (the node set it due a moment ago and a job executor was quicker)
      assertThat(response.statusCode()).as(response.body()).isIn(204, 404, 500);
    }
    return null;
  }

  static final String TASK_COUNT = "/camunda/api/engine/engine/default/task/count";

  /**
   * Which node answered the load balancer's requests of this method and path (from its access log line
   * {@code skip} on), with how many each: the last upstream address of a line is the one that answered.
   */
  static Map<String, Integer> answeredBy(Map<String, String> nodeAt, String method, String path, int skip)
      throws IOException {
    Map<String, Integer> byNode = new TreeMap<>();
    List<String[]> lines = lb.requests();
    for (String[] line : lines.subList(Math.min(skip, lines.size()), lines.size())) {
      if (line.length == 4 && line[0].equals(method) && line[1].equals(path)) {
        String[] tried = line[3].split(",\\s*");
        String last = tried[tried.length - 1].trim();
        byNode.merge(nodeAt.getOrDefault(last, last + " (" + line[2] + ")"), 1, Integer::sum);
      }
    }
    return byNode;
  }

  /** The Location of the load balancer's answer to a GET sent with this Host header, as a browser would send it. */
  static String redirectThroughLb(String host, String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", lb.port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      String head = answer.split("\r\n\r\n")[0];
      assertThat(head).as("answer to GET %s", path).matches("(?s)HTTP/1\\.1 30[1278] .*");
      return head.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
          .map(line -> line.substring(9).trim()).findFirst().orElseThrow(() -> new AssertionError(head));
    }
  }

  static int reminders() {
    return db.queryForObject("SELECT COUNT(*) FROM zqt_reminder", Integer.class);
  }

  static Map<String, Integer> reminderKinds() {
    Map<String, Integer> kinds = new LinkedHashMap<>();
    db.query("SELECT kind, COUNT(*) AS n FROM zqt_reminder GROUP BY kind",
        rs -> {
          kinds.put(rs.getString("kind"), rs.getInt("n"));
        });
    return kinds;
  }

  static int lockedBy(String node) {
    return db.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE ? AND LOCK_EXP_TIME_ > now()",
        Integer.class, node + ":%");
  }

  /** Successful executions of these jobs per node (the job log's host name is the node's name). */
  static Map<String, Integer> successfulJobsByNode(List<String> jobIds) {
    Map<String, Integer> byNode = new LinkedHashMap<>();
    if (jobIds.isEmpty()) {
      return byNode;
    }
    db.query("SELECT HOSTNAME_, COUNT(*) AS n FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND JOB_ID_ IN ("
        + in(jobIds) + ") GROUP BY HOSTNAME_ ORDER BY HOSTNAME_", rs -> {
          byNode.put(rs.getString("HOSTNAME_"), rs.getInt("n"));
        });
    return byNode;
  }

  static String in(List<String> ids) {
    StringBuilder sql = new StringBuilder();
    for (String id : ids) {
      if (!id.matches("[A-Za-z0-9-]+")) {
        throw new IllegalArgumentException(id);
      }
      sql.append(sql.isEmpty() ? "'" : ",'").append(id).append('\'');
    }
    return sql.toString();
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return Collections.unmodifiableList(all);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; node A log:\n"
            + nodeA.tail());
      }
      Thread.sleep(20);
    }
  }

  static void figure(String format, Object... args) {
    String line = String.format(format, args);
    figures.add(line);
    System.out.println("[cluster] " + line);
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
