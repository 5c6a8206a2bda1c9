package io.zqt.knowledge.search;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.QueryBuilder;

/**
 * The Lucene index of the knowledge base on disk, with no Spring in it (the evaluation and the benchmark use it
 * directly). The index is a copy: {@link #rebuild} refills it from the store, {@link #apply} follows changes, and the
 * commit records which store state it reflects ({@link #recorded()}).
 */
public final class KnowledgeSearchEngine implements Closeable {

  /** Totals are counted exactly up to this many matches. */
  public static final int EXACT_TOTAL = 1000;

  static final String KEY = "key";
  static final String TYPE = "type";
  static final String UNIT = "unit";
  static final String TOPIC = "topic";
  static final String DISTRICT = "district";
  static final String EVERYWHERE = "*";
  static final String EFFECTIVE_DAY = "effectiveDay";
  static final String EXPIRY_DAY = "expiryDay";
  static final String EFFECTIVE = "effective";
  static final String EXPIRY = "expiry";
  static final String ISSUING_BODY = "issuingBody";
  static final String DOCUMENT_NUMBER = "documentNumber";
  static final String VERSION = "version";

  /** Memory for the filters' document sets kept between searches (LRU; about 125 KB per filter at 1,000,000). */
  static final long FILTER_SETS_BYTES = 32L << 20;

  /** Commit user data. */
  public static final String DATA_SCHEMA = "schema";
  public static final String DATA_SYNONYMS = "synonyms";
  public static final String DATA_COUNT = "entryCount";
  /** The sequence number of the last change of the store's change log this index reflects. */
  public static final String DATA_CHANGE = "change";

  /**
   * Field boosts: words of title, keywords and body; character pairs of title and keywords ({@code grams}) and of the
   * body ({@code bodyGrams}); 0 leaves a field out of queries. The default was chosen on the evaluation set
   * (bench/results/knowledge-eval.md compares it with words only).
   */
  public record Boosts(float title, float keywords, float body, float grams, float bodyGrams) {
    public static final Boosts DEFAULT = new Boosts(3f, 2f, 1f, 1f, 2f);
    public static final Boosts WORDS_ONLY = new Boosts(3f, 2f, 1f, 0f, 0f);
    public static final Boosts TITLE_GRAMS = new Boosts(3f, 2f, 1f, 1f, 0f);
  }

  /** The body keeps its words' offsets, so that snippets need no second analysis of the text. */
  private static final FieldType BODY_TYPE = bodyType();

  private static FieldType bodyType() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }


  private final Path dir;
  private final KnowledgeAnalysis analysis;
  private final String synonymsFingerprint;
  private final Boosts boosts;
  private final List<List<String>> synonymGroups;
  private final FSDirectory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FilterSets filterSets = new FilterSets(FILTER_SETS_BYTES);
  private long change;
  private long count;

  public KnowledgeSearchEngine(Path dir, SynonymGroups synonyms, Boosts boosts) {
    this.dir = dir;
    this.analysis = new KnowledgeAnalysis(synonyms);
    this.synonymsFingerprint = synonyms.fingerprint();
    this.boosts = boosts;
    this.synonymGroups = synonyms.groups().stream()
        .map(g -> g.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList()).toList();
    try {
      Files.createDirectories(dir);
      this.directory = FSDirectory.open(dir);
      IndexWriterConfig config = new IndexWriterConfig(analysis.indexAnalyzer())
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setRAMBufferSizeMB(64);
      this.writer = new IndexWriter(directory, config);
      this.searchers = new SearcherManager(writer, null);
      Map<String, String> recorded = recorded();
      this.change = recorded.get(DATA_CHANGE) == null ? 0 : Long.parseLong(recorded.get(DATA_CHANGE));
      this.count = recorded.get(DATA_COUNT) == null ? 0 : Long.parseLong(recorded.get(DATA_COUNT));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the knowledge index in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** What the last commit recorded: schema, synonyms fingerprint, entry count and change (empty for a new index). */
  public Map<String, String> recorded() {
    Map<String, String> data = new HashMap<>();
    try {
      if (DirectoryReader.indexExists(directory)) {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          data.putAll(reader.getIndexCommit().getUserData());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return data;
  }

  /**
   * Whether the last commit was written with today's analysis and synonyms and says which change of the store's log
   * it reflects; if not, only a rebuild brings it in step.
   */
  public boolean current() {
    Map<String, String> data = recorded();
    return KnowledgeAnalysis.SCHEMA.equals(data.get(DATA_SCHEMA))
        && synonymsFingerprint.equals(data.get(DATA_SYNONYMS))
        && data.containsKey(DATA_COUNT) && data.containsKey(DATA_CHANGE);
  }

  /** The sequence number of the last change of the store's log this index reflects (0: none). */
  public synchronized long appliedChange() {
    return change;
  }

  /** The number of entries the index holds, as its commits count them. */
  public synchronized long entryCount() {
    return count;
  }

  /** Empties the index and fills it with every entry the source yields, then commits; returns the count. */
  public synchronized long rebuild(Consumer<Consumer<KnowledgeEntry>> source) {
    return rebuild(source, 0);
  }

  /**
   * Like {@link #rebuild(Consumer)}, recording that the index reflects the store's log up to {@code change} (read
   * before the entries, so that a change during the rebuild is applied again later, which is harmless).
   */
  public synchronized long rebuild(Consumer<Consumer<KnowledgeEntry>> source, long change) {
    try {
      writer.deleteAll();
      long[] count = {0};
      source.accept(entry -> {
        try {
          writer.addDocument(document(entry));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        count[0]++;
      });
      this.change = change;
      this.count = count[0];
      commit();
      return count[0];
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot rebuild the knowledge index", e);
    }
  }

  /**
   * Follows the store's changes: new versions replace old ones by key; removed keys leave the index. One batch (an
   * import of thousands of entries) is one commit. The recorded change of the log stays as it is.
   */
  public synchronized void apply(List<KnowledgeEntry> upserted, List<String> removedKeys) {
    apply(upserted, removedKeys, change);
  }

  /**
   * Like {@link #apply(List, List)}, recording that the index now reflects the store's log up to {@code change}.
   * Applying a change twice is harmless: a version the index already holds, or an older one, is left alone.
   */
  public synchronized void apply(List<KnowledgeEntry> upserted, List<String> removedKeys, long change) {
    try {
      searchers.maybeRefreshBlocking();
      Map<String, Integer> current = new HashMap<>();
      IndexSearcher searcher = searchers.acquire();
      try {
        for (KnowledgeEntry entry : upserted) {
          storedVersion(searcher, entry.key()).ifPresent(v -> current.put(entry.key(), v));
        }
        for (String key : removedKeys) {
          storedVersion(searcher, key).ifPresent(v -> current.put(key, v));
        }
      } finally {
        searchers.release(searcher);
      }
      boolean changed = change != this.change;
      for (KnowledgeEntry entry : upserted) {
        Integer old = current.get(entry.key());
        if (old != null && old >= entry.version()) {
          continue;
        }
        current.put(entry.key(), entry.version());
        if (old == null) {
          count++;
        }
        writer.updateDocument(new Term(KEY, entry.key()), document(entry));
        changed = true;
      }
      for (String key : removedKeys) {
        Integer old = current.remove(key);
        if (old != null) {
          count--;
          writer.deleteDocuments(new Term(KEY, key));
          changed = true;
        }
      }
      this.change = change;
      if (changed) {
        commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot update the knowledge index", e);
    }
  }

  public long size() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes the index takes on disk. */
  public long bytesOnDisk() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The versions the index holds for these keys (keys not in the index are left out). */
  public synchronized Map<String, Integer> versions(java.util.Collection<String> keys) {
    try {
      searchers.maybeRefreshBlocking();
      Map<String, Integer> versions = new HashMap<>();
      IndexSearcher searcher = searchers.acquire();
      try {
        for (String key : keys) {
          storedVersion(searcher, key).ifPresent(v -> versions.put(key, v));
        }
      } finally {
        searchers.release(searcher);
      }
      return versions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Integer> storedVersion(IndexSearcher searcher, String key) throws IOException {
    TopDocs top = searcher.search(new TermQuery(new Term(KEY, key)), 1);
    if (top.scoreDocs.length == 0) {
      return Optional.empty();
    }
    return Optional.of(searcher.storedFields().document(top.scoreDocs[0].doc).getField(VERSION)
        .numericValue().intValue());
  }

  private void commit() throws IOException {
    writer.setLiveCommitData(Map.of(
        DATA_SCHEMA, KnowledgeAnalysis.SCHEMA,
        DATA_SYNONYMS, synonymsFingerprint,
        DATA_COUNT, String.valueOf(count),
        DATA_CHANGE, String.valueOf(change)).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  static Document document(KnowledgeEntry e) {
    Document doc = new Document();
    doc.add(new StringField(KEY, e.key(), Field.Store.YES));
    doc.add(new StringField(TYPE, e.type().name(), Field.Store.YES));
    doc.add(new TextField(KnowledgeAnalysis.TITLE, e.title(), Field.Store.YES));
    for (String keyword : e.keywords()) {
      doc.add(new TextField(KnowledgeAnalysis.KEYWORDS, keyword, Field.Store.NO));
    }
    doc.add(new Field(KnowledgeAnalysis.BODY, e.body(), BODY_TYPE));
    doc.add(new TextField(KnowledgeAnalysis.GRAMS, e.title() + "\n" + String.join("\n", e.keywords()),
        Field.Store.NO));
    doc.add(new TextField(KnowledgeAnalysis.BODY_GRAMS, e.body(), Field.Store.NO));
    doc.add(new StringField(UNIT, e.responsibleUnit(), Field.Store.YES));
    for (String topic : e.topics()) {
      doc.add(new StringField(TOPIC, topic, Field.Store.YES));
    }
    for (String district : e.districts()) {
      doc.add(new StringField(DISTRICT, district, Field.Store.YES));
    }
    if (e.districts().isEmpty()) {
      doc.add(new StringField(DISTRICT, EVERYWHERE, Field.Store.NO));
    }
    long effective = e.effectiveDate().toEpochDay();
    doc.add(new LongPoint(EFFECTIVE_DAY, effective));
    doc.add(new StoredField(EFFECTIVE, e.effectiveDate().toString()));
    doc.add(new LongPoint(EXPIRY_DAY, e.expiryDate() == null ? Long.MAX_VALUE : e.expiryDate().toEpochDay()));
    if (e.expiryDate() != null) {
      doc.add(new StoredField(EXPIRY, e.expiryDate().toString()));
    }
    if (e.issuingBody() != null) {
      doc.add(new StoredField(ISSUING_BODY, e.issuingBody()));
    }
    if (e.documentNumber() != null) {
      doc.add(new StoredField(DOCUMENT_NUMBER, e.documentNumber()));
    }
    doc.add(new StoredField(VERSION, e.version()));
    return doc;
  }

  /**
   * A question as two queries: {@code first} finds the candidates (the first {@link #RESCORE_DEPTH} hits), {@code
   * rerank} adds its score to theirs. Both are flat disjunctions of clauses, each with its field's boost, so the final
   * score of a candidate is the same as if every clause were in one query; only which entries become candidates
   * depends on the split.
   *
   * <p>First pass: every single word of title, keywords and body, every character pair of title/keywords, the word
   * synonyms of title and keywords and the synonym phrases in their character pairs (an entry titled 单位社会保险登记
   * is found by 社保 only through them). Lucene skips the entries that cannot reach the top hits clause by clause
   * (MaxScore). Re-ranking only (measured at 1,000,000 entries, each costs more than all single words together): the
   * character pairs of the body, the synonym phrases in the body's pairs, and the synonyms of the body that are
   * several words (新办企业 → 开办+企业, 注册+公司 …: conjunctions of frequent words over a million bodies, 13–18 ms
   * each). So an entry that says a caller's synonym only in its body, segmented otherwise, is not found by it; on the
   * labelled queries the split finds the same answers (recall@5 0.930, MRR 0.803 against 0.804).
   */
  record TextQueries(Query first, Query rerank) {}

  /** Null when nothing searchable is left after analysis (only punctuation, …). */
  TextQueries textQueries(String text) {
    BooleanQuery.Builder first = new BooleanQuery.Builder();
    BooleanQuery.Builder rerank = new BooleanQuery.Builder();
    int[] firstClauses = {0};
    int[] rerankClauses = {0};
    QueryBuilder words = new QueryBuilder(analysis.queryWords());
    float[] wordBoosts = {boosts.title(), boosts.keywords(), boosts.body()};
    String[] wordFields = {KnowledgeAnalysis.TITLE, KnowledgeAnalysis.KEYWORDS, KnowledgeAnalysis.BODY};
    boolean deferredBody = false;
    java.util.Set<String> bodyWords = new java.util.HashSet<>();
    for (int i = 0; i < wordFields.length; i++) {
      if (wordBoosts[i] <= 0) {
        continue;
      }
      Query q = words.createBooleanQuery(wordFields[i], text, Occur.SHOULD);
      for (Query clause : clauses(q, wordBoosts[i])) {
        boolean several = !(unboosted(clause) instanceof TermQuery || unboosted(clause) instanceof SynonymQuery);
        if (several && KnowledgeAnalysis.BODY.equals(wordFields[i])) {
          rerank.add(clause, Occur.SHOULD);
          rerankClauses[0]++;
          deferredBody = true;
        } else {
          first.add(clause, Occur.SHOULD);
          firstClauses[0]++;
          if (unboosted(clause) instanceof TermQuery t && KnowledgeAnalysis.BODY.equals(t.getTerm().field())) {
            bodyWords.add(t.getTerm().text());
          }
        }
      }
    }
    if (deferredBody) {
      // the caller's own words in the body still find candidates (without their multi-word synonyms)
      for (String word : new java.util.LinkedHashSet<>(analysis.words(text))) {
        if (!bodyWords.add(word)) {
          continue;
        }
        first.add(new BoostQuery(new TermQuery(new Term(KnowledgeAnalysis.BODY, word)), boosts.body()), Occur.SHOULD);
        firstClauses[0]++;
      }
    }
    String pairsText = analysis.withoutFunctionWords(text);
    if (boosts.grams() > 0) {
      for (Query clause : clauses(new QueryBuilder(analysis.grams()).createBooleanQuery(KnowledgeAnalysis.GRAMS,
          pairsText, Occur.SHOULD), boosts.grams())) {
        first.add(clause, Occur.SHOULD);
        firstClauses[0]++;
      }
    }
    for (Query alternatives : synonymPhrases(text, PhraseFields.TITLE)) {
      first.add(alternatives, Occur.SHOULD);
      firstClauses[0]++;
    }
    for (Query alternatives : synonymPhrases(text, PhraseFields.BODY)) {
      rerank.add(alternatives, Occur.SHOULD);
      rerankClauses[0]++;
    }
    if (boosts.bodyGrams() > 0) {
      for (Query clause : clauses(new QueryBuilder(analysis.grams()).createBooleanQuery(KnowledgeAnalysis.BODY_GRAMS,
          pairsText, Occur.SHOULD), boosts.bodyGrams())) {
        rerank.add(clause, Occur.SHOULD);
        rerankClauses[0]++;
      }
    }
    if (firstClauses[0] == 0) {
      return null;
    }
    return new TextQueries(first.build(), rerankClauses[0] == 0 ? null : rerank.build());
  }

  /** The first-pass query alone (tests, tools). */
  Query textQuery(String text) {
    TextQueries queries = textQueries(text);
    return queries == null ? null : queries.first();
  }

  /** The re-ranking query alone (tests, tools). */
  Query bodyPairsQuery(String text) {
    TextQueries queries = textQueries(text);
    return queries == null ? null : queries.rerank();
  }

  private static Query unboosted(Query q) {
    return q instanceof BoostQuery b ? b.getQuery() : q;
  }

  /** The clauses of a disjunction one by one (each with the boost), anything else as one clause. */
  private static List<Query> clauses(Query q, float boost) {
    if (q == null) {
      return List.of();
    }
    if (q instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0
        && b.clauses().stream().allMatch(c -> c.getOccur() == Occur.SHOULD)) {
      return b.clauses().stream().map(c -> (Query) new BoostQuery(c.getQuery(), boost)).toList();
    }
    return List.of(new BoostQuery(q, boost));
  }

  /** Where {@link #synonymPhrases} looks: the pairs of title/keywords, of the body, or both. */
  enum PhraseFields { TITLE, BODY, BOTH }

  /**
   * Synonyms that hold whatever the word segmentation: smartcn cuts a word differently alone than inside a sentence
   * (社会保险 alone: 社会|保险; in 单位社会保险登记: 社会保险), so the word-level synonyms miss some matches. For every
   * synonym group with a term in the query text, each term of the group is also looked for as a phrase of character
   * pairs in title/keywords and/or body, which is the same in every context; the best alternative counts.
   */
  List<Query> synonymPhrases(String text, PhraseFields where) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<Query> groups = new ArrayList<>();
    QueryBuilder pairs = new QueryBuilder(analysis.grams());
    for (List<String> group : synonymGroups) {
      if (group.stream().noneMatch(lower::contains)) {
        continue;
      }
      List<Query> alternatives = new ArrayList<>();
      for (String term : group) {
        Query title = where == PhraseFields.BODY ? null : pairs.createPhraseQuery(KnowledgeAnalysis.GRAMS, term);
        Query body = where == PhraseFields.TITLE ? null
            : pairs.createPhraseQuery(KnowledgeAnalysis.BODY_GRAMS, term);
        if (title != null) {
          alternatives.add(new BoostQuery(title, boosts.title()));
        }
        if (body != null) {
          alternatives.add(new BoostQuery(body, boosts.body()));
        }
      }
      if (!alternatives.isEmpty()) {
        groups.add(new DisjunctionMaxQuery(alternatives, 0.1f));
      }
    }
    return groups;
  }

  static final int RESCORE_DEPTH = Integer.getInteger("zqt.knowledge.rescore-depth", 30);

  /**
   * The filters of a query as one query without scores (type, unit, topic, district, valid on the day); null when the
   * query has none.
   */
  static Query filter(KnowledgeQuery q) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    int clauses = 0;
    if (q.type() != null) {
      all.add(new TermQuery(new Term(TYPE, q.type().name())), Occur.FILTER);
      clauses++;
    }
    if (q.unit() != null) {
      all.add(new TermQuery(new Term(UNIT, q.unit())), Occur.FILTER);
      clauses++;
    }
    if (q.topic() != null) {
      all.add(new TermQuery(new Term(TOPIC, q.topic())), Occur.FILTER);
      clauses++;
    }
    if (q.district() != null) {
      all.add(new BooleanQuery.Builder()
          .add(new TermQuery(new Term(DISTRICT, q.district())), Occur.SHOULD)
          .add(new TermQuery(new Term(DISTRICT, EVERYWHERE)), Occur.SHOULD)
          .build(), Occur.FILTER);
      clauses++;
    }
    if (!q.includeExpired()) {
      long day = q.validOn().toEpochDay();
      all.add(LongPoint.newRangeQuery(EFFECTIVE_DAY, Long.MIN_VALUE, day), Occur.FILTER);
      all.add(LongPoint.newRangeQuery(EXPIRY_DAY, day + 1, Long.MAX_VALUE), Occur.FILTER);
      clauses++;
    }
    return clauses == 0 ? null : all.build();
  }

  /** The text query with the filters, as one Lucene query (for tools; {@link #search} applies the filters itself). */
  static Query filters(KnowledgeQuery q, Query text) {
    Query filter = filter(q);
    return filter == null ? text
        : new BooleanQuery.Builder().add(text, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  public KnowledgeSearchResult search(KnowledgeQuery q) {
    TextQueries queries = textQueries(q.text());
    if (queries == null) {
      return KnowledgeSearchResult.empty(q.text());
    }
    Query text = queries.first();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Query bodyPairs = queries.rerank();
        TopDocs top;
        if (bodyPairs == null) {
          top = topHits(searcher, text, filter(q), q.limit());
        } else {
          TopDocs first = topHits(searcher, text, filter(q), Math.max(q.limit(), RESCORE_DEPTH));
          top = QueryRescorer.rescore(searcher, first, bodyPairs, 1.0, q.limit());
          top = new TopDocs(first.totalHits, top.scoreDocs);
        }
        Query bodyWords = new QueryBuilder(analysis.queryWords()).createBooleanQuery(KnowledgeAnalysis.BODY, q.text(),
            Occur.SHOULD);
        String[] snippets = bodyWords == null ? new String[top.scoreDocs.length]
            : highlighter(searcher).highlight(KnowledgeAnalysis.BODY, bodyWords, top, 1);
        StoredFields stored = searcher.storedFields();
        List<KnowledgeHit> hits = new ArrayList<>();
        for (int i = 0; i < top.scoreDocs.length; i++) {
          ScoreDoc sd = top.scoreDocs[i];
          hits.add(hit(stored.document(sd.doc), snippets[i], sd.score, q.validOn()));
        }
        // among equal scores: the valid entries first, the newest first
        hits.sort(Comparator.comparing((KnowledgeHit h) -> -h.score()).thenComparing(h -> !h.valid())
            .thenComparing(KnowledgeHit::effectiveDate, Comparator.reverseOrder()));
        boolean exact = top.totalHits.relation == TotalHits.Relation.EQUAL_TO;
        return new KnowledgeSearchResult(q.text(), top.totalHits.value, exact, List.copyOf(hits));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Knowledge search failed", e);
    }
  }

  /**
   * The best {@code n} matches of the text among the documents the filter accepts. The filter is not a clause of the
   * query: it is a set of documents per index segment (kept in {@link #filterSets} for the next searches) handed to
   * Lucene as the accepted documents, so that the text query stays a pure disjunction, which Lucene scores with
   * dynamic pruning (MaxScore: clauses that cannot lift a document into the top n are skipped). A conjunction of the
   * disjunction with the filter clauses took twice the time (measured, see docs/knowledge.md). Totals are counted
   * exactly up to {@link #EXACT_TOTAL}, beyond that they are a lower bound.
   */
  TopDocs topHits(IndexSearcher searcher, Query text, Query filter, int n) throws IOException {
    return topHits(searcher, text, filter, n, EXACT_TOTAL);
  }

  TopDocs topHits(IndexSearcher searcher, Query text, Query filter, int n, int countUpTo) throws IOException {
    Weight weight = searcher.createWeight(searcher.rewrite(text), ScoreMode.TOP_SCORES, 1f);
    TopScoreDocCollector collector = new TopScoreDocCollectorManager(n, null, countUpTo).newCollector();
    Weight[] filterWeight = {null};
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      Bits accept = live;
      if (filter != null) {
        FixedBitSet set = filterSets.get(leaf, filter, () -> {
          if (filterWeight[0] == null) {
            filterWeight[0] = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
          }
          FixedBitSet bits = new FixedBitSet(leaf.reader().maxDoc());
          Scorer matching = filterWeight[0].scorer(leaf);
          if (matching != null) {
            bits.or(matching.iterator());
          }
          return bits;
        });
        if (set.cardinality() == 0) {
          continue;
        }
        accept = live == null ? set : new Bits() {
          @Override
          public boolean get(int index) {
            return set.get(index) && live.get(index);
          }

          @Override
          public int length() {
            return set.length();
          }
        };
      }
      BulkScorer scorer = weight.bulkScorer(leaf);
      if (scorer == null) {
        continue;
      }
      LeafCollector leafCollector;
      try {
        leafCollector = collector.getLeafCollector(leaf);
      } catch (CollectionTerminatedException e) {
        continue;
      }
      try {
        scorer.score(leafCollector, accept, 0, DocIdSetIterator.NO_MORE_DOCS);
      } catch (CollectionTerminatedException e) {
        // this segment has nothing more to give
      }
      leafCollector.finish();
    }
    return collector.topDocs();
  }

  private UnifiedHighlighter highlighter(IndexSearcher searcher) {
    return UnifiedHighlighter.builder(searcher, analysis.indexAnalyzer())
        .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "…", true))
        .withMaxNoHighlightPassages(1)
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
            BreakIterator.getSentenceInstance(Locale.CHINA), 120, 0.5f))
        .build();
  }

  private static KnowledgeHit hit(Document doc, String snippet, float score, LocalDate day) {
    EntryType type = EntryType.valueOf(doc.get(TYPE));
    LocalDate effective = LocalDate.parse(doc.get(EFFECTIVE));
    LocalDate expiry = doc.get(EXPIRY) == null ? null : LocalDate.parse(doc.get(EXPIRY));
    boolean valid = !effective.isAfter(day) && (expiry == null || expiry.isAfter(day));
    return new KnowledgeHit(doc.get(KEY), type, type.nameZh(), doc.get(KnowledgeAnalysis.TITLE),
        snippet == null ? "" : snippet.strip(), doc.get(ISSUING_BODY), doc.get(DOCUMENT_NUMBER), effective, expiry,
        doc.get(UNIT), Arrays.asList(doc.getValues(TOPIC)), Arrays.asList(doc.getValues(DISTRICT)), valid, score);
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
