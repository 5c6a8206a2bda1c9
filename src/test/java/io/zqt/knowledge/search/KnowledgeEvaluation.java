package io.zqt.knowledge.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zqt.knowledge.KnowledgeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.util.FileSystemUtils;

/**
 * The search quality measured on the labelled queries of {@code src/test/resources/knowledge/eval/*.csv}
 * (查询,期望条目,说明): every query runs against an index of the seed entries, valid on {@link #DAY}.
 *
 * <p>recall@5 of a query = share of its expected entries among the first 5 hits; MRR = mean of 1/rank of the first
 * expected entry (0 when none is in the first 10). A query also looks at entries not valid on the day
 * ({@code includeExpired=true}) when one of its expected entries is not valid on the day, or when its 说明 says the
 * question is about an old, expired or future rule ({@link #ASKS_FOR_INVALID}); the caller would ask for them too.
 *
 * <p>Run: {@code ./mvnw -B -o test -Dtest=KnowledgeEvaluationTest -Dzqt.knowledge.eval=true}; writes
 * {@code bench/results/knowledge-eval.md} and {@code .json}.
 */
public final class KnowledgeEvaluation {

  public static final LocalDate DAY = LocalDate.of(2026, 6, 1);
  static final List<String> FILES = List.of("social", "business", "projects");
  static final List<String> ASKS_FOR_INVALID = List.of("失效", "旧规", "旧政策", "已到期", "未来生效", "废止");
  static final int K = 5;
  static final int DEPTH = 10;

  public record Labelled(String file, int line, String query, List<String> expected, String note) {}

  record Outcome(Labelled labelled, boolean includeExpired, List<String> top, double recall, double reciprocalRank) {}

  record Summary(int queries, double recallAt5, double mrr, double hitAt5) {
    static Summary of(List<Outcome> outcomes) {
      return new Summary(outcomes.size(),
          outcomes.stream().mapToDouble(Outcome::recall).average().orElse(0),
          outcomes.stream().mapToDouble(Outcome::reciprocalRank).average().orElse(0),
          outcomes.stream().mapToDouble(o -> o.recall() > 0 ? 1 : 0).average().orElse(0));
    }
  }

  record Report(Summary overall, Map<String, Summary> perFile, List<Outcome> outcomes,
      KnowledgeSearchEngine.Boosts boosts, Map<String, Summary> variants) {

    Report withVariants(Map<String, Summary> others) {
      return new Report(overall, perFile, outcomes, boosts, others);
    }

    List<Outcome> misses() {
      return outcomes.stream().filter(o -> o.recall() < 1).toList();
    }
  }

  private KnowledgeEvaluation() {}

  public static List<Labelled> labelled() {
    List<Labelled> all = new ArrayList<>();
    for (String file : FILES) {
      String resource = "/knowledge/eval/" + file + ".csv";
      try (InputStream in = KnowledgeEvaluation.class.getResourceAsStream(resource)) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord row : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          List<String> expected = Arrays.stream(row.get("期望条目").split(";")).map(String::strip)
              .filter(s -> !s.isEmpty()).toList();
          all.add(new Labelled(file, (int) row.getRecordNumber() + 1, row.get("查询"), expected, row.get("说明")));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  /** Indexes the seed entries in a temporary directory and runs every labelled query. */
  static Report run(KnowledgeSearchEngine.Boosts boosts) {
    Path dir;
    try {
      dir = Files.createTempDirectory("zqt-knowledge-eval");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<KnowledgeEntry> seed = InMemoryKnowledgeEntries.seed();
    Map<String, KnowledgeEntry> byKey = seed.stream().collect(Collectors.toMap(KnowledgeEntry::key, Function.identity()));
    try (KnowledgeSearchEngine engine = new KnowledgeSearchEngine(dir, SynonymGroups.fromClasspath(), boosts)) {
      engine.rebuild(seed::forEach);
      List<Outcome> outcomes = new ArrayList<>();
      for (Labelled l : labelled()) {
        boolean includeExpired = ASKS_FOR_INVALID.stream().anyMatch(l.note()::contains)
            || l.expected().stream().map(byKey::get).anyMatch(e -> e != null && !e.validOn(DAY));
        KnowledgeQuery q = KnowledgeQuery.of(l.query(), DAY).withLimit(DEPTH).withIncludeExpired(includeExpired);
        List<String> top = engine.search(q).hits().stream().map(KnowledgeHit::key).toList();
        List<String> top5 = top.subList(0, Math.min(K, top.size()));
        double recall = l.expected().stream().filter(top5::contains).count() / (double) l.expected().size();
        double rr = 0;
        for (int i = 0; i < top.size(); i++) {
          if (l.expected().contains(top.get(i))) {
            rr = 1.0 / (i + 1);
            break;
          }
        }
        outcomes.add(new Outcome(l, includeExpired, top5, recall, rr));
      }
      Map<String, Summary> perFile = new LinkedHashMap<>();
      for (String file : FILES) {
        perFile.put(file, Summary.of(outcomes.stream().filter(o -> o.labelled().file().equals(file)).toList()));
      }
      return new Report(Summary.of(outcomes), perFile, outcomes, boosts, Map.of());
    } finally {
      FileSystemUtils.deleteRecursively(dir.toFile());
    }
  }

  static void write(Report report, Path out) throws IOException {
    Files.createDirectories(out);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("day", DAY.toString());
    json.put("k", K);
    json.put("boosts", report.boosts());
    json.put("overall", report.overall());
    json.put("perFile", report.perFile());
    json.put("variants", report.variants());
    json.put("misses", report.misses().stream().map(KnowledgeEvaluation::missJson).toList());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("knowledge-eval.json").toFile(),
        json);

    StringBuilder md = new StringBuilder();
    md.append("# 知识库检索质量评测 / Knowledge search evaluation\n\n");
    md.append("Labelled queries: `src/test/resources/knowledge/eval/*.csv`; index of the ")
        .append("seed entries; valid on ").append(DAY).append("; recall@").append(K)
        .append(" = share of a query's expected entries among its first ").append(K)
        .append(" hits, averaged; MRR = mean 1/rank of the first expected entry (first 10 hits). ")
        .append("hit@5 = share of queries with at least one expected entry in the first 5.\n")
        .append("Boosts: title ").append(report.boosts().title()).append(", keywords ")
        .append(report.boosts().keywords()).append(", body ").append(report.boosts().body()).append(", character pairs of title/keywords ")
        .append(report.boosts().grams()).append(", character pairs of the body ").append(report.boosts().bodyGrams())
        .append(".\n\n");
    md.append("| set | queries | recall@5 | MRR | hit@5 |\n|---|---:|---:|---:|---:|\n");
    row(md, "**all**", report.overall());
    report.perFile().forEach((file, s) -> row(md, file + ".csv", s));
    if (!report.variants().isEmpty()) {
      md.append("\n## Do character pairs help? (same queries, other boosts)\n\n")
          .append("| analysis | recall@5 | MRR | hit@5 |\n|---|---:|---:|---:|\n");
      report.variants().forEach((name, s) -> md.append(String.format("| %s | %.3f | %.3f | %.3f |%n", name,
          s.recallAt5(), s.mrr(), s.hitAt5())));
    }
    md.append("\n## Misses (recall@5 < 1)\n\n| file:line | query | expected | first 5 hits | includeExpired |\n")
        .append("|---|---|---|---|---|\n");
    for (Outcome o : report.misses()) {
      md.append("| ").append(o.labelled().file()).append(':').append(o.labelled().line()).append(" | ")
          .append(o.labelled().query()).append(" | ").append(String.join(" ", o.labelled().expected())).append(" | ")
          .append(String.join(" ", o.top())).append(" | ").append(o.includeExpired()).append(" |\n");
    }
    Files.writeString(out.resolve("knowledge-eval.md"), md.toString());
  }

  private static Map<String, Object> missJson(Outcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", o.labelled().file());
    m.put("line", o.labelled().line());
    m.put("query", o.labelled().query());
    m.put("expected", o.labelled().expected());
    m.put("top5", o.top());
    m.put("recall", o.recall());
    m.put("includeExpired", o.includeExpired());
    return m;
  }

  private static void row(StringBuilder md, String name, Summary s) {
    md.append(String.format("| %s | %d | %.3f | %.3f | %.3f |%n", name, s.queries(), s.recallAt5(), s.mrr(),
        s.hitAt5()));
  }

  public static void main(String[] args) throws IOException {
    Map<String, Summary> variants = new LinkedHashMap<>();
    variants.put("smartcn words and synonyms, no character pairs of the query " + KnowledgeSearchEngine.Boosts.WORDS_ONLY,
        run(KnowledgeSearchEngine.Boosts.WORDS_ONLY).overall());
    variants.put("+ character pairs of title/keywords " + KnowledgeSearchEngine.Boosts.TITLE_GRAMS,
        run(KnowledgeSearchEngine.Boosts.TITLE_GRAMS).overall());
    Report report = run(KnowledgeSearchEngine.Boosts.DEFAULT);
    variants.put("+ character pairs of the body re-ranking the first 30 (default) " + KnowledgeSearchEngine.Boosts.DEFAULT, report.overall());
    report = report.withVariants(variants);
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
    write(report, out);
    System.out.printf("recall@5 %.3f, MRR %.3f, hit@5 %.3f over %d queries -> %s%n", report.overall().recallAt5(),
        report.overall().mrr(), report.overall().hitAt5(), report.overall().queries(), out);
  }
}
