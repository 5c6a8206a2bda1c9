package io.zqt.bench;

import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.knowledge.search.InMemoryKnowledgeEntries;
import io.zqt.knowledge.search.KnowledgeEntryGenerator;
import io.zqt.knowledge.store.KnowledgeFiles;
import io.zqt.knowledge.store.KnowledgeFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes synthetic but plausible knowledge entries ({@link KnowledgeEntryGenerator}, seeded, keys GEN-0000001 …) as an
 * import file in the knowledge base's own format, so that 38,000 or 1,000,000 entries can be imported into a running
 * ZQT and searched there:
 *
 * <pre>
 * ./mvnw -B -Pbench verify -Dbench.main=io.zqt.bench.KnowledgeEntriesFile -Dknowledge.count=38000 \
 *     -Dknowledge.format=csv -Dknowledge.out=target/knowledge-38000.csv
 * curl -u owner1:demo -F file=@target/knowledge-38000.csv 'http://localhost:8080/api/knowledge/import?format=csv'
 * </pre>
 */
public final class KnowledgeEntriesFile {

  static final long SEED = 20261126L;

  private KnowledgeEntriesFile() {}

  public static void main(String[] args) throws IOException {
    long count = Long.parseLong(System.getProperty("knowledge.count", "38000"));
    KnowledgeFormat format = KnowledgeFormat.valueOf(System.getProperty("knowledge.format", "csv")
        .toUpperCase(Locale.ROOT));
    String out = System.getProperty("knowledge.out", "");
    Path file = Path.of(out.isBlank() ? "target/knowledge-" + count + "." + format.name().toLowerCase(Locale.ROOT)
        : out);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    long start = System.nanoTime();
    try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
      write(count, format, stream);
    }
    System.out.printf("Wrote %,d generated knowledge entries to %s (%,d bytes) in %.1f s%n", count,
        file.toAbsolutePath(), Files.size(file), (System.nanoTime() - start) / 1e9);
  }

  /** Writes {@code count} generated entries (the same ones for the same count) as an import file. */
  public static void write(long count, KnowledgeFormat format, OutputStream out) throws IOException {
    KnowledgeEntryGenerator generator = new KnowledgeEntryGenerator(InMemoryKnowledgeEntries.seed(), SEED);
    KnowledgeFiles.write(new KnowledgeEntries() {
      @Override
      public Optional<KnowledgeEntry> find(String key) {
        return Optional.empty();
      }

      @Override
      public void forEach(Consumer<KnowledgeEntry> each) {
        generator.forEach(count, each);
      }

      @Override
      public long count() {
        return count;
      }
    }, format, out);
  }
}
