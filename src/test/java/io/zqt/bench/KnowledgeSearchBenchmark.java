package io.zqt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.knowledge.search.KnowledgeEntryGenerator;
import io.zqt.knowledge.search.KnowledgeEvaluation;
import io.zqt.knowledge.search.KnowledgeQuery;
import io.zqt.knowledge.search.KnowledgeSearchEngine;
import io.zqt.knowledge.search.InMemoryKnowledgeEntries;
import io.zqt.knowledge.search.SynonymGroups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.util.FileSystemUtils;

/**
 * The knowledge search benchmark (issue 5, item 8): builds the Lucene index of generated entries at 38,000 and
 * 1,000,000 entries ({@code -Dbench.mode=small}: 38,000 only), reports build time and size on disk, then search latency
 * (p50/p95/p99, one thread, after warm-up) over a query mix: the labelled evaluation queries and queries made from
 * the entries' vocabulary, each with and without filters. Run with
 * {@code ./mvnw -B -Pbench verify -Dbench.main=io.zqt.bench.KnowledgeSearchBenchmark}; results go to
 * {@code bench/results/knowledge-search.{json,md}}. {@code -Dknowledge.index-dir=DIR} keeps the index of each size in
 * {@code DIR/SIZE} and reuses it on the next run (building a million entries takes minutes; the search code can be
 * compared on the same index), {@code -Dknowledge.sizes=…} and {@code -Dknowledge.rounds=…} choose sizes and rounds
 * (both only when the class is run directly with java, which the Maven profile does not forward).
 */
public final class KnowledgeSearchBenchmark {

  static final LocalDate DAY = LocalDate.of(2026, 6, 1);
  public static final long SEED = 20261126L;
  static final Map<Integer, Double> TARGET_P95_MS = Map.of(38_000, 20.0, 1_000_000, 50.0);
  static final List<String> SUFFIXES = List.of("怎么办", "在哪办", "需要什么材料", "有什么政策", "找哪个部门", "",
      "咋申请", "多久能办好");

  private KnowledgeSearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    String defaultSizes = "small".equals(System.getProperty("bench.mode")) ? "38000" : "38000,1000000";
    List<Integer> sizes = Arrays.stream(System.getProperty("knowledge.sizes", defaultSizes).split(","))
        .map(String::strip).map(Integer::parseInt).toList();
    int rounds = Integer.getInteger("knowledge.rounds", 3);
    Path out = Path.of(System.getProperty("bench.out", "bench/results"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "knowledge search (Lucene " + org.apache.lucene.util.Version.LATEST + ", smartcn)");
    result.put("startedAt", OffsetDateTime.now().toString());
    result.put("machine", Machine.describe());
    result.put("note", "The machine is shared with other jobs (two other Maven builds ran at the same time); "
        + "latencies are one thread, in-process (no HTTP), after warm-up.");
    List<Map<String, Object>> runs = new ArrayList<>();
    result.put("runs", runs);

    List<KnowledgeEntry> seed = InMemoryKnowledgeEntries.seed();
    KnowledgeEntryGenerator generator = new KnowledgeEntryGenerator(seed, SEED);
    List<KnowledgeQuery> mix = queryMix(seed, new Random(SEED));
    for (int size : sizes) {
      runs.add(run(size, generator, mix, rounds));
      write(out, result);
    }
    write(out, result);
    System.exit(0);
  }

  static Map<String, Object> run(int size, KnowledgeEntryGenerator generator, List<KnowledgeQuery> mix, int rounds)
      throws Exception {
    String keep = System.getProperty("knowledge.index-dir");
    Path dir = keep == null ? Files.createTempDirectory("zqt-knowledge-bench") : Path.of(keep, String.valueOf(size));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("entries", size);
    KnowledgeSearchEngine.Boosts boosts = KnowledgeSearchEngine.Boosts.DEFAULT;
    String override = System.getProperty("knowledge.boosts");
    if (override != null) {
      float[] b = new float[5];
      String[] parts = override.split(",");
      for (int i = 0; i < 5; i++) {
        b[i] = Float.parseFloat(parts[i]);
      }
      boosts = new KnowledgeSearchEngine.Boosts(b[0], b[1], b[2], b[3], b[4]);
    }
    r.put("boosts", boosts);
    try (KnowledgeSearchEngine engine = new KnowledgeSearchEngine(dir, SynonymGroups.fromClasspath(), boosts)) {
      long count;
      if (keep != null && engine.size() == size) {
        count = size;
        r.put("indexed", count);
        r.put("reusedIndex", dir.toString());
        r.put("buildSeconds", Double.NaN);
        r.put("entriesPerSecond", 0L);
        System.out.printf("%,d entries: index in %s reused%n", size, dir);
      } else {
        long start = System.nanoTime();
        count = engine.rebuild(each -> generator.forEach(size, each));
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        r.put("indexed", count);
        r.put("buildSeconds", round(buildSeconds));
        r.put("entriesPerSecond", Math.round(count / buildSeconds));
      }
      r.put("indexMb", round(engine.bytesOnDisk() / (1024.0 * 1024.0)));
      System.out.printf("%,d entries indexed in %.1f s, %.1f MB%n", count, (Double) r.get("buildSeconds"),
          engine.bytesOnDisk() / (1024.0 * 1024.0));

      // warm-up: the whole mix twice
      for (int i = 0; i < 2; i++) {
        mix.forEach(engine::search);
      }
      Map<String, List<Double>> byKind = new LinkedHashMap<>();
      List<Double> all = new ArrayList<>();
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < mix.size(); i++) {
        order.add(i);
      }
      Random shuffle = new Random(SEED);
      long hits = 0;
      for (int round = 0; round < rounds; round++) {
        Collections.shuffle(order, shuffle);
        for (int i : order) {
          KnowledgeQuery q = mix.get(i);
          long t0 = System.nanoTime();
          hits += engine.search(q).hits().size();
          double ms = (System.nanoTime() - t0) / 1e6;
          all.add(ms);
          byKind.computeIfAbsent(kind(i, q), k -> new ArrayList<>()).add(ms);
        }
      }
      r.put("queries", all.size());
      r.put("meanHitsPerQuery", round(hits / (double) all.size()));
      r.put("latencyMs", percentiles(all));
      Map<String, Object> kinds = new LinkedHashMap<>();
      byKind.forEach((k, v) -> kinds.put(k, percentiles(v)));
      r.put("latencyMsByKind", kinds);
      double p95 = percentile(all, 95);
      double target = TARGET_P95_MS.getOrDefault(size, Double.NaN);
      r.put("targetP95Ms", target);
      r.put("targetMet", p95 <= target);
      r.put("loadAverageAfter", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
      r.putAll(Machine.memory());
      System.out.printf("%,d entries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n", size, percentile(all, 50), p95,
          percentile(all, 99));
    } finally {
      if (keep == null) {
        FileSystemUtils.deleteRecursively(dir.toFile());
      }
    }
    return r;
  }

  /** Index of the first generated query in the mix (the labelled ones come first). */
  private static int labelledCount = -1;

  private static String kind(int i, KnowledgeQuery q) {
    boolean filtered = q.type() != null || q.unit() != null || q.district() != null || q.topic() != null;
    return (i < labelledCount ? "labelled" : "generated") + (filtered ? "+filters" : "");
  }

  /**
   * The labelled queries, then as many made from entry titles and keywords (a piece of a title or a keyword, a
   * caller's ending); every second one of each gets filters (district, topic, type or unit, as a caller's context
   * would give them).
   */
  public static List<KnowledgeQuery> queryMix(List<KnowledgeEntry> seed, Random random) {
    List<KnowledgeQuery> mix = new ArrayList<>();
    List<KnowledgeEvaluation.Labelled> labelled = KnowledgeEvaluation.labelled();
    for (int i = 0; i < labelled.size(); i++) {
      mix.add(withFilters(KnowledgeQuery.of(labelled.get(i).query(), DAY), i % 2 == 1, seed, random));
    }
    labelledCount = mix.size();
    for (int i = 0; i < labelled.size(); i++) {
      KnowledgeEntry e = seed.get(random.nextInt(seed.size()));
      String text;
      if (random.nextBoolean() || e.keywords().isEmpty()) {
        String t = e.title().replaceAll("[（）()《》\"“”]", "");
        int len = Math.min(t.length(), 4 + random.nextInt(7));
        int from = random.nextInt(t.length() - len + 1);
        text = t.substring(from, from + len);
      } else {
        text = e.keywords().get(random.nextInt(e.keywords().size()));
      }
      text += SUFFIXES.get(random.nextInt(SUFFIXES.size()));
      mix.add(withFilters(KnowledgeQuery.of(text, DAY), i % 2 == 1, seed, random));
    }
    return mix;
  }

  private static KnowledgeQuery withFilters(KnowledgeQuery q, boolean filtered, List<KnowledgeEntry> seed,
      Random random) {
    if (!filtered) {
      return q;
    }
    KnowledgeEntry e = seed.get(random.nextInt(seed.size()));
    List<String> districts = KnowledgeEntryGenerator.districts();
    return switch (random.nextInt(4)) {
      case 0 -> new KnowledgeQuery(q.text(), null, null, districts.get(random.nextInt(districts.size())), null, DAY,
          false, 10);
      case 1 -> new KnowledgeQuery(q.text(), null, null, null, e.topics().get(0), DAY, false, 10);
      case 2 -> new KnowledgeQuery(q.text(), EntryType.values()[random.nextInt(4)], null, null, null, DAY, false, 10);
      default -> new KnowledgeQuery(q.text(), null, e.responsibleUnit(), districts.get(random.nextInt(
          districts.size())), null, DAY, true, 10);
    };
  }

  static Map<String, Object> percentiles(List<Double> values) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", values.size());
    m.put("p50", round(percentile(values, 50)));
    m.put("p95", round(percentile(values, 95)));
    m.put("p99", round(percentile(values, 99)));
    m.put("max", round(values.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
    return m;
  }

  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  @SuppressWarnings("unchecked")
  static void write(Path out, Map<String, Object> result) throws Exception {
    Files.createDirectories(out);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("knowledge-search.json").toFile(), result);
    StringBuilder md = new StringBuilder("# 知识库检索性能 / Knowledge search benchmark\n\n");
    md.append(result.get("benchmark")).append(", started ").append(result.get("startedAt")).append(".\n\n")
        .append(result.get("note")).append("\n\n");
    Map<String, Object> machine = (Map<String, Object>) result.get("machine");
    md.append("Machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, ")
        .append(machine.get("memoryMb")).append(" MB; ").append(machine.get("os")).append("; ")
        .append(machine.get("java")).append("; JVM ").append(machine.get("jvmArgs")).append("; load average at start ")
        .append(machine.get("loadAverageAtStart")).append("; commit ").append(machine.get("gitCommit")).append(".\n\n");
    md.append("| entries | build | entries/s | index on disk | queries | p50 | p95 | p99 | max | p95 target | met |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Map<String, Object> run : (List<Map<String, Object>>) result.get("runs")) {
      Map<String, Object> l = (Map<String, Object>) run.get("latencyMs");
      double build = (Double) run.get("buildSeconds");
      md.append(String.format("| %,d | %s | %s | %.0f MB | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.0f ms | %s |%n",
          (Integer) run.get("entries"), Double.isNaN(build) ? "(index reused)" : String.format("%.1f s", build),
          Double.isNaN(build) ? "" : String.format("%,d", (Long) run.get("entriesPerSecond")),
          (Double) run.get("indexMb"), (Integer) run.get("queries"), (Double) l.get("p50"), (Double) l.get("p95"),
          (Double) l.get("p99"), (Double) l.get("max"), (Double) run.get("targetP95Ms"),
          Boolean.TRUE.equals(run.get("targetMet")) ? "yes" : "**no**"));
    }
    md.append("\n### By kind of query\n\n| entries | kind | queries | p50 | p95 | p99 |\n|---:|---|---:|---:|---:|---:|\n");
    for (Map<String, Object> run : (List<Map<String, Object>>) result.get("runs")) {
      ((Map<String, Object>) run.get("latencyMsByKind")).forEach((kind, v) -> {
        Map<String, Object> l = (Map<String, Object>) v;
        md.append(String.format("| %,d | %s | %d | %.2f ms | %.2f ms | %.2f ms |%n", (Integer) run.get("entries"),
            kind, (Integer) l.get("count"), (Double) l.get("p50"), (Double) l.get("p95"), (Double) l.get("p99")));
      });
    }
    md.append("\nQuery mix: the ").append(KnowledgeEvaluation.labelled().size())
        .append(" labelled evaluation queries and as many generated from entry titles and keywords with a caller's ")
        .append("ending; every second query of each half with a filter (district, topic, type, or unit + district with ")
        .append("includeExpired). Valid on ").append(DAY).append(", 10 hits, snippets included. Entries: ")
        .append("io.zqt.knowledge.search.KnowledgeEntryGenerator (seed ").append(SEED).append(").\n");
    Files.writeString(out.resolve("knowledge-search.md"), md.toString());
  }
}
