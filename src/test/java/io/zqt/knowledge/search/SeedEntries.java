package io.zqt.knowledge.search;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * TEST ONLY, until the knowledge store (issue 5, K1) is on main: reads the seed entry CSVs of
 * {@code data/knowledge/entries/} into {@link KnowledgeEntry} records, and holds them in an in-memory
 * {@link KnowledgeEntries} that publishes nothing. The integrator replaces this by the real store.
 */
public final class SeedEntries {

  static final List<String> FILES = List.of("social", "business", "projects");

  private SeedEntries() {}

  /** Every seed entry, in file order. */
  public static List<KnowledgeEntry> all() {
    List<KnowledgeEntry> entries = new ArrayList<>();
    for (String file : FILES) {
      String resource = "/data/knowledge/entries/" + file + ".csv";
      try (InputStream in = SeedEntries.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("Missing seed file " + resource);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord row : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          entries.add(entry(row));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return entries;
  }

  private static KnowledgeEntry entry(CSVRecord row) {
    return new KnowledgeEntry(row.get("编号"), EntryType.valueOf(row.get("类型")), row.get("标题"), row.get("正文"),
        blankToNull(row.get("发文机关")), blankToNull(row.get("文号")), date(row.get("发布日期")),
        date(row.get("生效日期")), date(row.get("失效日期")), list(row.get("主题")), list(row.get("适用区市")),
        row.get("责任单位"), list(row.get("关键词")), blankToNull(row.get("来源链接")), 1,
        Instant.parse("2026-01-01T00:00:00Z"), "seed");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static LocalDate date(String s) {
    return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
  }

  private static List<String> list(String s) {
    return s == null || s.isBlank() ? List.of()
        : Arrays.stream(s.split(";")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  /** An in-memory store for tests: entries by key, in key order. */
  public static final class InMemory implements KnowledgeEntries {
    private final Map<String, KnowledgeEntry> entries = new TreeMap<>();

    public InMemory(List<KnowledgeEntry> initial) {
      initial.forEach(this::put);
    }

    public static InMemory seed() {
      return new InMemory(all());
    }

    public synchronized void put(KnowledgeEntry entry) {
      entries.put(entry.key(), entry);
    }

    public synchronized void remove(String key) {
      entries.remove(key);
    }

    @Override
    public synchronized Optional<KnowledgeEntry> find(String key) {
      return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void forEach(Consumer<KnowledgeEntry> each) {
      List<KnowledgeEntry> copy;
      synchronized (this) {
        copy = List.copyOf(entries.values());
      }
      copy.forEach(each);
    }

    @Override
    public synchronized long count() {
      return entries.size();
    }
  }
}
