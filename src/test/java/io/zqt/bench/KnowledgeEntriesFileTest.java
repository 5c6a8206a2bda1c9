package io.zqt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.knowledge.store.KnowledgeFormat;
import io.zqt.knowledge.store.KnowledgeImport;
import io.zqt.org.ReferenceCatalog;
import io.zqt.org.UnitCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The generated entries a benchmark or a trial import uses pass the import's own checks, in both file formats, and
 * are the same for the same count (seeded).
 */
class KnowledgeEntriesFileTest {

  private final DefaultResourceLoader loader = new DefaultResourceLoader();
  private final UnitCatalog units = new UnitCatalog(loader);
  private final KnowledgeImport reader = new KnowledgeImport(null, units, new ReferenceCatalog(loader, units));

  @ParameterizedTest
  @EnumSource(KnowledgeFormat.class)
  void generatedFileImportsWithoutAProblem(KnowledgeFormat format) throws IOException {
    KnowledgeImport.Parsed parsed = reader.parse(new ByteArrayInputStream(file(2_000, format)), format);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.entries()).hasSize(2_000);
    assertThat(parsed.entries().stream().map(KnowledgeEntry::key).collect(Collectors.toSet())).hasSize(2_000)
        .contains("GEN-0000001", "GEN-0002000");
    // plausible, not filler: several types, units and topics, some expired, bodies of real length
    assertThat(parsed.entries().stream().map(KnowledgeEntry::type).collect(Collectors.toSet())).hasSizeGreaterThan(2);
    assertThat(parsed.entries().stream().map(KnowledgeEntry::responsibleUnit).collect(Collectors.toSet()))
        .hasSizeGreaterThan(5);
    assertThat(parsed.entries().stream().filter(e -> e.expiryDate() != null).count()).isBetween(100L, 600L);
    assertThat(parsed.entries().stream().mapToInt(e -> e.body().length()).average().orElse(0)).isGreaterThan(80);
  }

  @Test
  void sameCountGivesTheSameFile() throws IOException {
    assertThat(file(300, KnowledgeFormat.CSV)).isEqualTo(file(300, KnowledgeFormat.CSV));
    Set<String> first = reader.parse(new ByteArrayInputStream(file(300, KnowledgeFormat.CSV)), KnowledgeFormat.CSV)
        .entries().stream().map(KnowledgeEntry::title).collect(Collectors.toSet());
    assertThat(first).hasSizeGreaterThan(250);
  }

  private static byte[] file(int count, KnowledgeFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    KnowledgeEntriesFile.write(count, format, out);
    return out.toByteArray();
  }
}
