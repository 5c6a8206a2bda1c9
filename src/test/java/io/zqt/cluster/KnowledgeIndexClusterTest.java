package io.zqt.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two ZQT nodes (each its own JVM) on one PostgreSQL, each with its own knowledge index on disk: what a process owner
 * imports at node A — a new entry, a new title, an expiry — is what node B's search answers within a few sync
 * intervals (0.5 s here), through the store's change log; node B, stopped while A changes the store, catches up at
 * its next start by applying the log, without a rebuild. Node logs go to {@code target/cluster-logs/knowledge/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeIndexClusterTest {

  private static final Path LOGS = Path.of("target", "cluster-logs", "knowledge");
  private static final Duration SYNC = Duration.ofMillis(500);
  /** A few sync intervals, plus room for a machine shared with other builds. */
  private static final Duration WITHIN = Duration.ofSeconds(10);
  private static final String HEADER = "编号,类型,标题,正文,发文机关,文号,发布日期,生效日期,失效日期,主题,适用区市,责任单位,关键词,来源链接";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate db;
  private static Path indexes;
  private static ClusterNode nodeA;
  private static ClusterNode nodeB;

  @BeforeAll
  static void startPostgresAndTwoNodes() throws Exception {
    Files.createDirectories(LOGS);
    postgres = io.zqt.postgres.TestPostgres.builder().start();
    db = new JdbcTemplate(postgres.getPostgresDatabase());
    indexes = Files.createTempDirectory("zqt-knowledge-cluster");
    Runtime.getRuntime().addShutdownHook(new Thread(KnowledgeIndexClusterTest::stopAll));
    long start = System.nanoTime();
    nodeA = start("knowledge-a", "a");
    nodeB = start("knowledge-b", "b");
    nodeA.awaitReady();
    nodeB.awaitReady();
    System.out.printf("[knowledge-cluster] both nodes ready after %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  @AfterAll
  static void stopAll() {
    ClusterNode.stopAll(postgres, nodeA, nodeB);
    nodeA = null;
    nodeB = null;
    postgres = null;
    if (indexes != null) {
      try (java.util.stream.Stream<Path> files = Files.walk(indexes)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (Exception ignored) {
        // a temp directory
      }
      indexes = null;
    }
  }

  @Test
  @Order(1)
  void whatIsImportedAtNodeAIsWhatNodeBFinds() throws Exception {
    assertThat(keys(nodeB, "港口冷链查验绿色通道", false)).doesNotContain("KC-001");

    // created at A
    importAt(nodeA, row("KC-001", "港口冷链查验绿色通道", ""));
    long created = awaitMillis("the new entry at node B", () -> keys(nodeB, "港口冷链查验绿色通道", false)
        .contains("KC-001"));

    // a new title at A: B finds the entry by the new title, no longer by the old one
    importAt(nodeA, row("KC-001", "跨境电商退货监管仓申报", ""));
    long updated = awaitMillis("the new title at node B", () -> keys(nodeB, "跨境电商退货监管仓", false)
        .contains("KC-001") && !keys(nodeB, "港口冷链查验绿色通道", false).contains("KC-001"));

    // expired at A from today on: B leaves it out of answers, and finds it only when asked for expired entries
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    importAt(nodeA, row("KC-001", "跨境电商退货监管仓申报", today));
    long expired = awaitMillis("the expiry at node B", () -> !keys(nodeB, "跨境电商退货监管仓", false)
        .contains("KC-001"));
    assertThat(keys(nodeB, "跨境电商退货监管仓", true)).contains("KC-001");
    System.out.printf("[knowledge-cluster] seen at node B after: created %d ms, updated %d ms, expired %d ms%n",
        created, updated, expired);

    assertThat(db.queryForList("SELECT change_kind FROM zqt_knowledge_change WHERE entry_key = 'KC-001' ORDER BY seq",
        String.class)).as("the store's change log").containsExactly("CREATED", "UPDATED", "EXPIRED");
    long last = db.queryForObject("SELECT MAX(seq) FROM zqt_knowledge_change", Long.class);
    assertThat(metric(nodeB, "zqt.knowledge.index.change")).as("node B's last applied change").isEqualTo(last);
    assertThat(metric(nodeA, "zqt.knowledge.index.change")).isEqualTo(last);
  }

  @Test
  @Order(2)
  void aNodeStoppedWhileTheStoreChangedCatchesUpAtStartFromTheLogWithoutARebuild() throws Exception {
    nodeB.process().destroy(); // SIGTERM: a graceful stop
    assertThat(nodeB.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    importAt(nodeA, row("KC-002", "保税仓库设立审批", ""));
    importAt(nodeA, row("KC-001", "跨境电商退货监管仓申报（新）", ""));
    long last = db.queryForObject("SELECT MAX(seq) FROM zqt_knowledge_change", Long.class);

    nodeB = start("knowledge-b-restarted", "b");
    nodeB.awaitReady();

    String log = Files.readString(nodeB.log(), StandardCharsets.UTF_8);
    assertThat(log).contains("caught up with the store by applying 2 changes of its log")
        .doesNotContain("Knowledge index rebuilt");
    assertThat(nodeB.call("GET", "/actuator/metrics/zqt.knowledge.index.rebuilds", "admin", null).statusCode())
        .as("no rebuild counted on node B").isEqualTo(404);
    assertThat(metric(nodeB, "zqt.knowledge.index.change")).isEqualTo(last);
    assertThat(keys(nodeB, "保税仓库设立审批", false)).contains("KC-002");
    assertThat(keys(nodeB, "跨境电商退货监管仓", false)).as("valid again: no expiry in the new version")
        .contains("KC-001");
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  private static ClusterNode start(String name, String index) throws Exception {
    return ClusterNode.start(name, LOGS, postgres, Map.of(
        "ZQT_NODE_NAME", name,
        "ZQT_KNOWLEDGE_INDEX_DIR", indexes.resolve(index).toString(),
        "ZQT_KNOWLEDGE_INDEX_SYNC_INTERVAL", SYNC.toString()));
  }

  /** One entry row of an import file (no commas in the values). */
  private static String row(String key, String title, String expiry) {
    return String.join(",", key, "POLICY", title, title + "：企业可通过烟台市政务服务网申请，五个工作日内办结。",
        "烟台市商务局", "", "2024-01-01", "2024-02-01", expiry, "FOREIGN_TRADE", "", "COM", "外贸;口岸", "");
  }

  private static void importAt(ClusterNode node, String row) throws Exception {
    HttpResponse<String> response = node.call("POST", "/api/knowledge/import?format=csv", "owner1",
        "application/octet-stream", (HEADER + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static List<String> keys(ClusterNode node, String q, boolean includeExpired) {
    try {
      HttpResponse<String> response = node.call("GET", "/api/knowledge/search?q="
          + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&includeExpired=" + includeExpired, "operator1", null);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      List<String> keys = new ArrayList<>();
      JSON.readTree(response.body()).get("hits").forEach(hit -> keys.add(hit.get("key").asText()));
      return keys;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long metric(ClusterNode node, String name) throws Exception {
    HttpResponse<String> response = node.call("GET", "/actuator/metrics/" + name, "admin", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode value = JSON.readTree(response.body()).get("measurements").get(0).get("value");
    return value.asLong();
  }

  private static long awaitMillis(String what, BooleanSupplier condition) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + WITHIN + " waiting for " + what + "; node B log:\n"
            + nodeB.tail());
      }
      Thread.sleep(50);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
