package io.zqt.knowledge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.postgres.PostgresTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The knowledge tables on PostgreSQL 16: migration, seed, an import with a new version, the SQL filters. */
class KnowledgePostgresTest extends PostgresTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcKnowledgeEntries entries;

  @Test
  void seedsImportsVersionsAndFiltersOnPostgres() {
    assertThat(entries.count()).isGreaterThanOrEqualTo(361);
    KnowledgeHttp http = new KnowledgeHttp(rest);
    List<String> row = KnowledgeHttp.with(KnowledgeHttp.row("PG-001", "PostgreSQL 上的条目"), 10, "ZHIFU;LAISHAN");
    ResponseEntity<JsonNode> created = http.importCsv("owner1", false, KnowledgeHttp.csv(List.of(row)));
    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(created.getBody().get("created").asInt()).isEqualTo(1);
    ResponseEntity<JsonNode> changed = http.importCsv("admin", false,
        KnowledgeHttp.csv(List.of(KnowledgeHttp.with(row, 8, "2026-12-31"))));
    assertThat(changed.getBody().get("updated").asInt()).isEqualTo(1);
    JsonNode versions = http.get("/api/knowledge/entries/PG-001/versions", "tax1").getBody();
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("changedFields").get(0).asText()).isEqualTo("expiryDate");
    KnowledgeEntry entry = entries.find("PG-001").orElseThrow();
    assertThat(entry.districts()).containsExactly("ZHIFU", "LAISHAN");
    assertThat(entry.updatedAt()).isNotNull();

    assertThat(entries.list(new KnowledgeFilter(EntryType.POLICY, "HRSS", "SOCIAL_INSURANCE", "LAISHAN",
        LocalDate.of(2026, 6, 1)))).extracting(KnowledgeEntry::key).contains("PG-001");
    assertThat(entries.list(new KnowledgeFilter(null, null, null, "YEDA", null)))
        .extracting(KnowledgeEntry::key).doesNotContain("PG-001");
    assertThat(entries.list(new KnowledgeFilter(null, null, null, null, LocalDate.of(2027, 1, 1))))
        .extracting(KnowledgeEntry::key).doesNotContain("PG-001");

    ResponseEntity<byte[]> export = http.export("owner1", "csv");
    ResponseEntity<JsonNode> back = http.importRaw("owner1", "csv", true, export.getBody());
    assertThat(back.getBody().get("unchanged").asInt()).isEqualTo((int) entries.count());
  }
}
