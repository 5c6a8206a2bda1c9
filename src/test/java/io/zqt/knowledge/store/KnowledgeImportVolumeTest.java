package io.zqt.knowledge.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.bench.KnowledgeEntriesFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * 38,000 generated entries (the benchmark's generator: plausible titles, bodies, dates, topics and units) through the
 * REST import (time printed, not asserted: the target is under a minute on H2), and the command-line import. Own
 * context with an empty knowledge base (no seed).
 */
@ZqtSpringTest
@TestPropertySource(properties = "zqt.knowledge.seed-on-start=false")
class KnowledgeImportVolumeTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcKnowledgeEntries entries;
  @Autowired KnowledgeImportCommand command;

  /** The benchmark's plausible generated entries (seeded), as the import file a process owner would send. */
  static byte[] generated(int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      KnowledgeEntriesFile.write(count, KnowledgeFormat.CSV, out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void imports38000EntriesAndReImportsThemUnchanged() {
    KnowledgeHttp http = new KnowledgeHttp(rest);
    byte[] file = generated(38_000);
    long before = entries.count();
    long start = System.nanoTime();
    ResponseEntity<JsonNode> first = http.importRaw("owner1", "csv", false, file);
    long firstMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody().get("created").asInt()).isEqualTo(38_000);
    assertThat(entries.count() - before).isEqualTo(38_000);
    assertThat(entries.versions("GEN-0037999")).hasSize(1);

    start = System.nanoTime();
    ResponseEntity<JsonNode> again = http.importRaw("owner1", "csv", false, file);
    long againMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(again.getBody().get("unchanged").asInt()).isEqualTo(38_000);
    assertThat(again.getBody().get("written").asBoolean()).isFalse();
    System.out.printf("Knowledge import of 38,000 entries (%.1f MB CSV) on H2 over HTTP: %d ms (server %d ms); "
            + "re-import unchanged: %d ms%n", file.length / 1e6, firstMillis, first.getBody().get("millis").asLong(),
        againMillis);
  }

  @Test
  void theCommandLineImportPrintsTheReportAndGivesTheExitCode(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("entries.csv");
    Files.writeString(good, KnowledgeHttp.csv(List.of(KnowledgeHttp.row("CLI-001", "命令行导入条目"))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(command.execute(good, true, new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("试运行").contains("新增 created: 1");
    assertThat(entries.find("CLI-001")).isEmpty();
    assertThat(command.execute(good, false, new PrintStream(new ByteArrayOutputStream()))).isZero();
    assertThat(entries.find("CLI-001")).isPresent();
    assertThat(entries.find("CLI-001").orElseThrow().updatedBy()).isEqualTo("command-line");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, KnowledgeHttp.csv(List.of(KnowledgeHttp.with(KnowledgeHttp.row("CLI-002", "坏"), 11, "X"))));
    ByteArrayOutputStream badOut = new ByteArrayOutputStream();
    assertThat(command.execute(bad, false, new PrintStream(badOut, true, StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(badOut.toString(StandardCharsets.UTF_8)).contains("第 2 行").contains("[责任单位]")
        .contains("未知的单位代码 X");
    assertThat(entries.find("CLI-002")).isEmpty();
    assertThat(command.execute(dir.resolve("missing.csv"), false, new PrintStream(new ByteArrayOutputStream())))
        .isEqualTo(1);
  }
}
