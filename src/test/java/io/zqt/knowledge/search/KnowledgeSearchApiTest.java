package io.zqt.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.ZqtSpringTest;
import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.knowledge.store.KnowledgeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/** The knowledge search over real HTTP, on a real Lucene index in a temporary directory built from the seed entries. */
@ZqtSpringTest
class KnowledgeSearchApiTest {

  static final Path INDEX_DIR = tempDir();

  @DynamicPropertySource
  static void indexDir(DynamicPropertyRegistry registry) {
    registry.add("zqt.knowledge.index-dir", INDEX_DIR::toString);
  }

  @Autowired TestRestTemplate rest;
  @Autowired KnowledgeEntries store;
  @Autowired KnowledgeStore knowledgeStore;
  @Autowired PlatformTransactionManager transactions;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anOperatorFindsTheSocialInsuranceRegistrationFirstWithAHighlightedSnippet() throws Exception {
    JsonNode body = search("operator1", "q", "新办企业怎么申请社保登记");

    assertThat(body.get("query").asText()).isEqualTo("新办企业怎么申请社保登记");
    assertThat(body.get("total").asLong()).isGreaterThan(0);
    JsonNode first = body.get("hits").get(0);
    assertThat(first.get("key").asText()).isEqualTo("SI-001");
    assertThat(first.get("type").asText()).isEqualTo("PROCEDURE");
    assertThat(first.get("typeZh").asText()).isEqualTo("办事流程");
    assertThat(first.get("title").asText()).contains("社会保险登记");
    assertThat(first.get("snippet").asText()).contains("<em>").doesNotContain("<script");
    assertThat(first.get("responsibleUnit").asText()).isEqualTo("HRSS");
    assertThat(first.get("topics").get(0).asText()).isEqualTo("SOCIAL_INSURANCE");
    assertThat(first.get("valid").asBoolean()).isTrue();
    assertThat(first.get("effectiveDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(first.get("score").asDouble()).isPositive();
  }

  @Test
  void filtersNarrowTheHitsAndEveryHitHonoursThem() throws Exception {
    JsonNode body = search("lwg1", "q", "补贴", "type", "POLICY", "unit", "HRSS", "limit", "50");
    assertThat(body.get("hits")).isNotEmpty().allSatisfy(hit -> {
      assertThat(hit.get("type").asText()).isEqualTo("POLICY");
      assertThat(hit.get("responsibleUnit").asText()).isEqualTo("HRSS");
      assertThat(hit.get("valid").asBoolean()).isTrue();
    });

    JsonNode laishan = search("laishan1", "q", "企业", "district", "LAISHAN", "limit", "50");
    assertThat(laishan.get("hits")).isNotEmpty().allSatisfy(hit -> {
      List<String> districts = new ArrayList<>();
      hit.get("districts").forEach(d -> districts.add(d.asText()));
      assertThat(districts.isEmpty() || districts.contains("LAISHAN")).as(hit.get("key").asText()).isTrue();
    });

    JsonNode topic = search("operator1", "q", "登记", "topic", "TAX", "limit", "50");
    assertThat(topic.get("hits")).isNotEmpty().allSatisfy(hit -> {
      List<String> topics = new ArrayList<>();
      hit.get("topics").forEach(d -> topics.add(d.asText()));
      assertThat(topics).contains("TAX");
    });
  }

  @Test
  void expiredEntriesAreFoundOnlyWhenAskedFor() throws Exception {
    KnowledgeEntry expired = store.find("LAB-009").orElseThrow();
    assertThat(expired.validOn(LocalDate.of(2026, 6, 1))).isFalse();

    JsonNode byDefault = search("operator1", "q", expired.title(), "validOn", "2026-06-01", "limit", "50");
    assertThat(keys(byDefault)).doesNotContain("LAB-009");

    JsonNode asked = search("operator1", "q", expired.title(), "validOn", "2026-06-01", "includeExpired", "true");
    assertThat(keys(asked)).contains("LAB-009");
    JsonNode hit = find(asked, "LAB-009");
    assertThat(hit.get("valid").asBoolean()).isFalse();
  }

  @Test
  void badInputIsA400NamingTheField() {
    assertBad("q", "q", "   ");
    assertBad("q", "type", "POLICY");
    assertBad("q", "q", "社".repeat(101));
    assertBad("validOn", "q", "社保", "validOn", "2026-13-01");
    assertBad("type", "q", "社保", "type", "LAW");
    assertBad("unit", "q", "社保", "unit", "NOPE");
    assertBad("district", "q", "社保", "district", "HRSS");
    assertBad("topic", "q", "社保", "topic", "NOPE");
    assertBad("limit", "q", "社保", "limit", "0");
    assertBad("limit", "q", "社保", "limit", "51");
    assertBad("limit", "q", "社保", "limit", "ten");
    assertBad("includeExpired", "q", "社保", "includeExpired", "maybe");
  }

  @Test
  void aQueryOfOnlyPunctuationHonestlyFindsNothing() throws Exception {
    JsonNode body = search("operator1", "q", "？？！，。…");
    assertThat(body.get("total").asLong()).isZero();
    assertThat(body.get("hits")).isEmpty();
  }

  @Test
  void searchingNeedsALogin() {
    ResponseEntity<String> response = rest.getForEntity(url("q", "社保"), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void onlyAdministratorsAndProcessOwnersRebuildTheIndex() throws Exception {
    ResponseEntity<String> refused = rest.withBasicAuth("operator1", "demo")
        .postForEntity("/api/knowledge/index/rebuild", null, String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    for (String user : List.of("admin", "owner1")) {
      ResponseEntity<String> done = rest.withBasicAuth(user, "demo")
          .postForEntity("/api/knowledge/index/rebuild", null, String.class);
      assertThat(done.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(json.readTree(done.getBody()).get("entries").asLong()).isEqualTo(store.count());
    }
    assertThat(search("operator1", "q", "社保登记").get("hits")).isNotEmpty();
  }

  @Test
  void theIndexFollowsCommittedChangesAndIgnoresRolledBackOnes() throws Exception {
    KnowledgeEntry committed = entry("ZZ-901", "海带养殖用海补助申领指引");
    KnowledgeEntry rolledBack = entry("ZZ-902", "海参育苗补助申领指引");
    TransactionTemplate tx = new TransactionTemplate(transactions);
    knowledgeStore.create(committed, "owner1");
    tx.executeWithoutResult(status -> {
      knowledgeStore.create(rolledBack, "owner1");
      status.setRollbackOnly();
    });
    assertThat(store.find("ZZ-902")).isEmpty();

    assertThat(keys(search("operator1", "q", "海带养殖补助"))).first().isEqualTo("ZZ-901");
    assertThat(keys(search("operator1", "q", "海参育苗补助"))).doesNotContain("ZZ-902");

    // expired from today: answers leave it out, a search that asks for expired entries still finds it
    knowledgeStore.expire("ZZ-901", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), "owner1");
    assertThat(keys(search("operator1", "q", "海带养殖补助"))).doesNotContain("ZZ-901");
    assertThat(keys(search("operator1", "q", "海带养殖补助", "includeExpired", "true"))).contains("ZZ-901");
  }

  private static KnowledgeEntry entry(String key, String title) {
    return new KnowledgeEntry(key, EntryType.POLICY, title, title + "：符合条件的企业向区市农业农村部门申请。", "烟台市农业农村局",
        null, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null, List.of("AGRICULTURE"), List.of(), "AGRI",
        List.of("补助"), null, 1, Instant.now(), "test");
  }

  private void assertBad(String field, String... params) {
    ResponseEntity<String> response = rest.withBasicAuth("operator1", "demo").getForEntity(url(params), String.class);
    assertThat(response.getStatusCode()).as(String.join(" ", params)).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isNotNull()
        .satisfies(t -> assertThat(t.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
    try {
      JsonNode body = json.readTree(response.getBody());
      List<String> fields = new ArrayList<>();
      body.get("errors").forEach(e -> fields.add(e.get("field").asText()));
      assertThat(fields).as(String.join(" ", params)).contains(field);
      assertThat(body.get("errors").get(0).get("message").asText()).containsPattern("\\p{IsHan}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode search(String user, String... params) throws IOException {
    ResponseEntity<String> response = rest.withBasicAuth(user, "demo").getForEntity(url(params), String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private static java.net.URI url(String... params) {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath("/api/knowledge/search");
    for (int i = 0; i < params.length; i += 2) {
      b.queryParam(params[i], params[i + 1]);
    }
    return b.encode().build().toUri();
  }

  private static List<String> keys(JsonNode body) {
    List<String> keys = new ArrayList<>();
    body.get("hits").forEach(h -> keys.add(h.get("key").asText()));
    return keys;
  }

  private static JsonNode find(JsonNode body, String key) {
    for (JsonNode hit : body.get("hits")) {
      if (hit.get("key").asText().equals(key)) {
        return hit;
      }
    }
    throw new AssertionError(key + " not found");
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("zqt-knowledge-api").resolve("index");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
