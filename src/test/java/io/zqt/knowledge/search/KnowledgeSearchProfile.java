package io.zqt.knowledge.search;

import io.zqt.bench.KnowledgeSearchBenchmark;
import io.zqt.knowledge.KnowledgeEntry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Developer tool, not a test: where the time of a knowledge search goes. Builds (or reuses) an index of generated
 * entries in a directory that is kept, then times the benchmark's query mix per query and per variant of the query
 * (thread CPU time, robust on a shared machine). Run with the test class path:
 * {@code java -cp … io.zqt.knowledge.search.KnowledgeSearchProfile DIR SIZE [ROUNDS]}.
 */
public final class KnowledgeSearchProfile {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private KnowledgeSearchProfile() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<KnowledgeEntry> seed = InMemoryKnowledgeEntries.seed();
    SynonymGroups synonyms = SynonymGroups.fromClasspath();
    KnowledgeSearchEngine.Boosts boosts = KnowledgeSearchEngine.Boosts.DEFAULT;
    try (KnowledgeSearchEngine engine = new KnowledgeSearchEngine(dir, synonyms, boosts)) {
      if (engine.size() != size) {
        long t = System.nanoTime();
        KnowledgeEntryGenerator generator = new KnowledgeEntryGenerator(seed, KnowledgeSearchBenchmark.SEED);
        engine.rebuild(each -> generator.forEach(size, each));
        System.out.printf("built %,d in %.0f s%n", size, (System.nanoTime() - t) / 1e9);
      }
      if (rounds == 0) {
        System.exit(0);
      }
      List<KnowledgeQuery> mix = KnowledgeSearchBenchmark.queryMix(seed, new Random(KnowledgeSearchBenchmark.SEED));
      KnowledgeAnalysis analysis = new KnowledgeAnalysis(synonyms);
      List<List<String>> groups = synonyms.groups().stream()
          .map(g -> g.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()).toList();
      try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Map<String, Function<KnowledgeQuery, Object>> variants = new LinkedHashMap<>();
        variants.put("engine.search", engine::search);
        variants.put("first pass (top 30, count 1000)", q -> top(searcher, q, full(analysis, groups, boosts, q.text(),
            true, true, true), 1000));
        variants.put("first pass, count 30", q -> top(searcher, q, full(analysis, groups, boosts, q.text(), true,
            true, true), 30));
        variants.put("no filters", q -> top(searcher, q.withIncludeExpired(true).withoutFilters(),
            full(analysis, groups, boosts, q.text(), true, true, true), 1000));
        variants.put("no body phrases", q -> top(searcher, q, full(analysis, groups, boosts, q.text(), true, false,
            true), 1000));
        variants.put("no body words", q -> top(searcher, q, full(analysis, groups, boosts, q.text(), false, true,
            true), 1000));
        variants.put("no title grams", q -> top(searcher, q, full(analysis, groups, boosts, q.text(), true, true,
            false), 1000));
        variants.put("title/keywords only", q -> top(searcher, q, full(analysis, groups, boosts, q.text(), false,
            false, true), 1000));
        variants.put("flat + FILTER", q -> top(searcher, q, flat(full(analysis, groups, boosts, q.text(), true, true,
            true)), 30));
        Map<Object, FixedBitSet> cache = new java.util.HashMap<>();
        variants.put("nested, accept bits (uncached)", q -> accept(searcher, full(analysis, groups, boosts, q.text(),
            true, true, true), q, null));
        variants.put("nested, accept bits (cached)", q -> accept(searcher, full(analysis, groups, boosts, q.text(),
            true, true, true), q, cache));
        variants.put("flat, accept bits (cached)", q -> accept(searcher, flat(full(analysis, groups, boosts, q.text(),
            true, true, true)), q, cache));
        variants.put("flat, no body phrases, cached", q -> accept(searcher, flat(full(analysis, groups, boosts,
            q.text(), true, false, true)), q, cache));
        variants.put("new first pass", q -> newPass(engine, searcher, engine.textQuery(q.text()), q, 1000));
        variants.put("new first pass, count 30", q -> newPass(engine, searcher, engine.textQuery(q.text()), q, 30));
        variants.put("new first pass, no body words", q -> newPass(engine, searcher,
            without(engine.textQuery(q.text()), KnowledgeAnalysis.BODY), q, 1000));
        variants.put("new first pass, no title grams", q -> newPass(engine, searcher,
            without(engine.textQuery(q.text()), KnowledgeAnalysis.GRAMS), q, 1000));
        variants.put("rescore only", q -> {
          try {
            TopDocs first = engine.topHits(searcher, engine.textQuery(q.text()), KnowledgeSearchEngine.filter(q), 30,
                1000);
            Query body = engine.bodyPairsQuery(q.text());
            return body == null ? first : QueryRescorer.rescore(searcher, first, body, 1.0, 10);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        for (double f : new double[] {0.02, 0.05, 0.1, 0.2}) {
          variants.put("new first pass, rare only " + f, q -> newPass(engine, searcher,
              rare(engine.textQuery(q.text()), reader, f), q, 1000));
        }
        String only = System.getProperty("profile.variants");
        if (only != null) {
          List<String> wanted = Arrays.asList(only.split(";"));
          variants.keySet().removeIf(k -> !wanted.contains(k));
        }
        for (int i = 0; i < Integer.getInteger("profile.warmup", 2); i++) {
          for (KnowledgeQuery q : mix) {
            variants.values().forEach(v -> v.apply(q));
          }
        }
        Map<String, double[][]> cpu = new LinkedHashMap<>();
        variants.keySet().forEach(k -> cpu.put(k, new double[mix.size()][rounds]));
        double[][] wall = new double[mix.size()][rounds];
        for (int r = 0; r < rounds; r++) {
          for (int i = 0; i < mix.size(); i++) {
            for (Map.Entry<String, Function<KnowledgeQuery, Object>> v : variants.entrySet()) {
              long w0 = System.nanoTime();
              long c0 = CPU.getCurrentThreadCpuTime();
              v.getValue().apply(mix.get(i));
              cpu.get(v.getKey())[i][r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
              if (v.getKey().equals("engine.search")) {
                wall[i][r] = (System.nanoTime() - w0) / 1e6;
              }
            }
          }
        }
        System.out.printf("%,d entries, load %.2f; per variant CPU ms of the median round: p50 / p95 / p99 / mean%n",
            size, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (variants.containsKey("engine.search")) {
          System.out.printf("  %-34s %6.1f %6.1f %6.1f %6.1f%n", "engine.search WALL", pct(medians(wall), 50),
              pct(medians(wall), 95), pct(medians(wall), 99), mean(medians(wall)));
          List<Double> flat = new ArrayList<>();
          Arrays.stream(wall).forEach(r -> Arrays.stream(r).forEach(flat::add));
          double[] allWall = flat.stream().mapToDouble(Double::doubleValue).toArray();
          System.out.printf("  %-34s %6.1f %6.1f %6.1f %6.1f%n", "engine.search WALL all rounds", pct(allWall, 50),
              pct(allWall, 95), pct(allWall, 99), mean(allWall));
          double[] c = medians(cpu.get("engine.search"));
          for (String kind : List.of("labelled", "labelled+filters", "generated", "generated+filters")) {
            double[] sub = java.util.stream.IntStream.range(0, mix.size()).filter(i -> kind(i, mix).equals(kind))
                .mapToDouble(i -> c[i]).toArray();
            System.out.printf("    CPU %-28s %6.1f %6.1f %6.1f %6.1f%n", kind, pct(sub, 50), pct(sub, 95),
                pct(sub, 99), mean(sub));
          }
        }
        cpu.forEach((k, v) -> System.out.printf("  %-34s %6.1f %6.1f %6.1f %6.1f%n", k, pct(medians(v), 50),
            pct(medians(v), 95), pct(medians(v), 99), mean(medians(v))));
        double[] engineCpu = medians(cpu.get("engine.search"));
        Integer[] order = new Integer[mix.size()];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(engineCpu[b], engineCpu[a]));
        System.out.println("slowest (CPU ms per variant in the order above):");
        if (Boolean.getBoolean("profile.clauses")) {
          for (int i : Arrays.asList(order).subList(0, 4)) {
            KnowledgeQuery q = mix.get(i);
            BooleanQuery text = (BooleanQuery) engine.textQuery(q.text());
            System.out.println("clauses of " + q.text());
            for (var c : text.clauses()) {
              double best = Double.MAX_VALUE;
              for (int r = 0; r < 3; r++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                newPass(engine, searcher, c.getQuery(), q, 1000);
                best = Math.min(best, (CPU.getCurrentThreadCpuTime() - c0) / 1e6);
              }
              System.out.printf("  %6.2f ms  %s%n", best, c.getQuery());
            }
          }
        }
        for (int i : Arrays.asList(order).subList(0, Math.min(Integer.getInteger("profile.slowest", 20),
            order.length))) {
          KnowledgeQuery q = mix.get(i);
          StringBuilder line = new StringBuilder();
          cpu.values().forEach(v -> line.append(String.format("%6.1f", median(v[i]))));
          System.out.printf("%s  %s%s%n", line, q.text(), q.type() != null || q.unit() != null
              || q.district() != null || q.topic() != null ? " [filtered]" : "");
        }
      }
    }
    System.exit(0);
  }

  static Object top(IndexSearcher searcher, KnowledgeQuery q, Query text, int threshold) {
    try {
      return searcher.search(KnowledgeSearchEngine.filters(q, text), new TopScoreDocCollectorManager(30, null,
          threshold));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Object newPass(KnowledgeSearchEngine engine, IndexSearcher searcher, Query text, KnowledgeQuery q,
      int threshold) {
    try {
      return text == null ? null : engine.topHits(searcher, text, KnowledgeSearchEngine.filter(q), 30, threshold);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The disjunction without its term clauses in more than the given share of documents. */
  static Query rare(Query q, DirectoryReader reader, double share) {
    if (!(q instanceof BooleanQuery b)) {
      return q;
    }
    try {
      BooleanQuery.Builder kept = new BooleanQuery.Builder();
      int n = 0;
      for (var c : b.clauses()) {
        Query inner = c.getQuery() instanceof BoostQuery bq ? bq.getQuery() : c.getQuery();
        if (inner instanceof org.apache.lucene.search.TermQuery tq
            && reader.docFreq(tq.getTerm()) > share * reader.maxDoc()) {
          continue;
        }
        kept.add(c);
        n++;
      }
      return n == 0 ? q : kept.build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The disjunction without its clauses on one field. */
  static Query without(Query q, String field) {
    if (!(q instanceof BooleanQuery b)) {
      return q;
    }
    BooleanQuery.Builder kept = new BooleanQuery.Builder();
    int n = 0;
    for (var c : b.clauses()) {
      java.util.Set<String> fields = new java.util.HashSet<>();
      c.getQuery().visit(new org.apache.lucene.search.QueryVisitor() {
        @Override
        public boolean acceptField(String f) {
          fields.add(f);
          return true;
        }
      });
      if (!fields.equals(java.util.Set.of(field))) {
        kept.add(c);
        n++;
      }
    }
    return n == 0 ? new MatchAllDocsQuery() : kept.build();
  }

  static String kind(int i, List<KnowledgeQuery> mix) {
    KnowledgeQuery q = mix.get(i);
    boolean filtered = q.type() != null || q.unit() != null || q.district() != null || q.topic() != null;
    return (i < mix.size() / 2 ? "labelled" : "generated") + (filtered ? "+filters" : "");
  }

  static Query flat(Query q) {
    if (!(q instanceof BooleanQuery b)) {
      return q;
    }
    BooleanQuery.Builder flat = new BooleanQuery.Builder();
    for (var c : b.clauses()) {
      Query sub = c.getQuery();
      float boost = 1f;
      if (sub instanceof BoostQuery bq) {
        boost = bq.getBoost();
        sub = bq.getQuery();
      }
      if (sub instanceof BooleanQuery inner && inner.getMinimumNumberShouldMatch() == 0
          && inner.clauses().stream().allMatch(x -> x.getOccur() == Occur.SHOULD)) {
        for (var x : inner.clauses()) {
          flat.add(new BoostQuery(x.getQuery(), boost), Occur.SHOULD);
        }
      } else {
        flat.add(c);
      }
    }
    return flat.build();
  }

  static Object accept(IndexSearcher searcher, Query text, KnowledgeQuery q, Map<Object, FixedBitSet> cache) {
    try {
      Query filter = KnowledgeSearchEngine.filters(q, new MatchAllDocsQuery());
      Weight w = searcher.createWeight(searcher.rewrite(text), ScoreMode.TOP_SCORES, 1f);
      Weight fw = null;
      TopScoreDocCollector c = new TopScoreDocCollectorManager(30, null, 30).newCollector();
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Object key = List.of(leaf.reader().getCoreCacheHelper().getKey(), filter);
        FixedBitSet bits = cache == null ? null : cache.get(key);
        if (bits == null) {
          if (fw == null) {
            fw = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
          }
          bits = new FixedBitSet(leaf.reader().maxDoc());
          Scorer fs = fw.scorer(leaf);
          if (fs != null) {
            bits.or(fs.iterator());
          }
          if (cache != null) {
            cache.put(key, bits);
          }
        }
        BulkScorer bs = w.bulkScorer(leaf);
        if (bs == null) {
          continue;
        }
        bs.score(c.getLeafCollector(leaf), bits, 0, DocIdSetIterator.NO_MORE_DOCS);
      }
      return c.topDocs();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The engine's text query (as on main), with parts left out. */
  static Query full(KnowledgeAnalysis analysis, List<List<String>> groups, KnowledgeSearchEngine.Boosts boosts,
      String text, boolean bodyWords, boolean bodyPhrases, boolean titleGrams) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    QueryBuilder words = new QueryBuilder(analysis.queryWords());
    float[] wordBoosts = {boosts.title(), boosts.keywords(), bodyWords ? boosts.body() : 0};
    String[] wordFields = {KnowledgeAnalysis.TITLE, KnowledgeAnalysis.KEYWORDS, KnowledgeAnalysis.BODY};
    for (int i = 0; i < wordFields.length; i++) {
      Query q = words.createBooleanQuery(wordFields[i], text, Occur.SHOULD);
      if (q != null && wordBoosts[i] > 0) {
        any.add(new BoostQuery(q, wordBoosts[i]), Occur.SHOULD);
      }
    }
    if (titleGrams) {
      Query q = new QueryBuilder(analysis.grams()).createBooleanQuery(KnowledgeAnalysis.GRAMS,
          analysis.withoutFunctionWords(text), Occur.SHOULD);
      if (q != null) {
        any.add(new BoostQuery(q, boosts.grams()), Occur.SHOULD);
      }
    }
    QueryBuilder pairs = new QueryBuilder(analysis.grams());
    String lower = text.toLowerCase(Locale.ROOT);
    for (List<String> group : groups) {
      if (group.stream().noneMatch(lower::contains)) {
        continue;
      }
      List<Query> alternatives = new ArrayList<>();
      for (String term : group) {
        Query title = pairs.createPhraseQuery(KnowledgeAnalysis.GRAMS, term);
        Query body = bodyPhrases ? pairs.createPhraseQuery(KnowledgeAnalysis.BODY_GRAMS, term) : null;
        if (title != null) {
          alternatives.add(new BoostQuery(title, boosts.title()));
        }
        if (body != null) {
          alternatives.add(new BoostQuery(body, boosts.body()));
        }
      }
      if (!alternatives.isEmpty()) {
        any.add(new DisjunctionMaxQuery(alternatives, 0.1f), Occur.SHOULD);
      }
    }
    BooleanQuery built = any.build();
    return built.clauses().isEmpty() ? new org.apache.lucene.search.MatchNoDocsQuery() : built;
  }

  static double[] medians(double[][] v) {
    return Arrays.stream(v).mapToDouble(KnowledgeSearchProfile::median).toArray();
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(0);
  }

  static double pct(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
