package io.zqt.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeChange;
import io.zqt.knowledge.KnowledgeChanges;
import io.zqt.knowledge.KnowledgeEntriesChanged;
import io.zqt.knowledge.KnowledgeEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index of one node against a store with a change log (in memory here; the real one on PostgreSQL with two nodes
 * is {@code io.zqt.cluster.KnowledgeIndexClusterTest}), on a real Lucene index on disk: opened as is when in step,
 * caught up from the log when behind, rebuilt when missing, unreadable or behind a pruned log; a change applied twice
 * is one document.
 */
class KnowledgeIndexSyncTest {

  static final LocalDate DAY = LocalDate.of(2026, 6, 1);

  @TempDir Path dir;
  final LoggedStore store = new LoggedStore();
  /** A new registry per start, as a restarted node has. */
  SimpleMeterRegistry meters;
  KnowledgeIndex index;

  @AfterEach
  void close() {
    if (index != null) {
      index.close();
    }
  }

  @Test
  void anIndexInStepIsOpenedAsIsWithoutReadingTheEntries() throws Exception {
    store.put(entry("S-1", "社会保险登记", 1, null));
    store.put(entry("S-2", "住房公积金缴存登记", 1, null));
    start();
    assertThat(keys("社保")).containsExactly("S-1");
    assertThat(rebuilds("missing")).isEqualTo(1);
    index.close();
    List<String> filesBefore = files();
    int readsBefore = store.fullReads.get();

    start();

    assertThat(store.fullReads.get()).as("entries read in full at start").isEqualTo(readsBefore);
    assertThat(files()).as("no new commit").isEqualTo(filesBefore);
    assertThat(totalRebuilds()).isZero();
    assertThat(gauge("zqt.knowledge.index.change")).isEqualTo(2);
    assertThat(gauge("zqt.knowledge.index.entries")).isEqualTo(2);
    assertThat(keys("公积金")).containsExactly("S-2");
  }

  @Test
  void anIndexBehindTheStoreCatchesUpByApplyingTheLogWithoutARebuild() {
    store.put(entry("S-1", "社会保险登记", 1, null));
    store.put(entry("S-2", "住房公积金缴存登记", 1, null));
    store.put(entry("S-3", "失业保险稳岗返还", 1, null));
    start();
    index.close();
    // while this node was down, another node changed the store: a new title, a new entry, an expiry
    store.put(entry("S-1", "社会保险登记（多证合一）", 2, null));
    store.put(entry("S-4", "创业担保贷款贴息", 1, null));
    store.put(entry("S-3", "失业保险稳岗返还", 2, DAY));
    int readsBefore = store.fullReads.get();

    start();

    assertThat(totalRebuilds()).as("rebuilds at the second start").isZero();
    assertThat(store.fullReads.get()).isEqualTo(readsBefore);
    assertThat(counter("zqt.knowledge.index.applied")).as("entries re-read from the store").isEqualTo(3);
    assertThat(index.appliedChange()).isEqualTo(store.state().lastChange()).isEqualTo(6);
    assertThat(gauge("zqt.knowledge.index.lag")).isZero();
    assertThat(keys("多证合一")).containsExactly("S-1");
    assertThat(keys("创业担保贷款")).containsExactly("S-4");
    assertThat(keys("稳岗返还")).as("expired on the day").isEmpty();
    assertThat(gauge("zqt.knowledge.index.entries")).isEqualTo(4);
  }

  @Test
  void whileOpenChangesMadeElsewhereArriveWithTheNextSync() {
    store.put(entry("S-1", "社会保险登记", 1, null));
    start();
    store.put(entry("S-2", "住房公积金缴存登记", 1, null)); // no event on this node: another node's change

    assertThat(keys("公积金")).isEmpty();
    assertThat(index.sync()).as("log rows read").isEqualTo(1);
    assertThat(keys("公积金")).containsExactly("S-2");
    assertThat(index.sync()).as("nothing new").isZero();
    store.remove("S-1");
    index.sync();
    assertThat(keys("社保")).isEmpty();
    assertThat(gauge("zqt.knowledge.index.entries")).isEqualTo(1);
  }

  @Test
  void aMissingIndexDirectoryIsRebuilt() throws Exception {
    store.put(entry("S-1", "社会保险登记", 1, null));
    start();
    index.close();
    deleteRecursively(dir.resolve("index"));

    start();

    assertThat(rebuilds("missing")).as("built again at the second start").isEqualTo(1);
    assertThat(keys("社保")).containsExactly("S-1");
    assertThat(Files.exists(dir.resolve("index"))).isTrue();
  }

  @Test
  void anUnreadableIndexIsRebuilt() throws Exception {
    store.put(entry("S-1", "社会保险登记", 1, null));
    start();
    index.close();
    try (Stream<Path> files = Files.list(dir.resolve("index"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
        Files.write(file, new byte[] {1, 2, 3});
      }
    }

    start();

    assertThat(keys("社保")).containsExactly("S-1");
    assertThat(rebuilds("unreadable")).isEqualTo(1);
    assertThat(totalRebuilds()).isEqualTo(1);
  }

  @Test
  void anIndexWithDamagedSegmentsIsRebuilt() throws Exception {
    store.put(entry("S-1", "社会保险登记", 1, null));
    start();
    index.close();
    try (Stream<Path> files = Files.list(dir.resolve("index"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".si")).toList()) {
        Files.write(file, new byte[] {1, 2, 3});
      }
    }

    start();

    assertThat(keys("社保")).containsExactly("S-1");
    assertThat(rebuilds("unreadable")).isEqualTo(1);
  }

  @Test
  void anIndexBehindAPrunedLogIsRebuilt() {
    store.put(entry("S-1", "社会保险登记", 1, null));
    start();
    index.close();
    store.put(entry("S-2", "住房公积金缴存登记", 1, null));
    store.put(entry("S-3", "失业保险稳岗返还", 1, null));
    store.pruneUpTo(2);

    start();

    assertThat(rebuilds("pruned")).isEqualTo(1);
    assertThat(keys("公积金")).containsExactly("S-2");
    assertThat(index.appliedChange()).isEqualTo(3);
  }

  @Test
  void applyingTheSameChangeTwiceLeavesOneDocument() {
    store.put(entry("S-1", "社会保险登记", 1, null));
    start();
    KnowledgeEntry changed = entry("S-1", "社会保险登记（多证合一）", 2, null);
    store.put(changed);

    // this node's own change: at once after the commit, and again from the log
    index.onChange(new KnowledgeEntriesChanged(List.of(changed), List.of()));
    index.onChange(new KnowledgeEntriesChanged(List.of(changed), List.of()));
    index.sync();
    // an old version arriving late changes nothing
    index.onChange(new KnowledgeEntriesChanged(List.of(entry("S-1", "社会保险登记", 1, null)), List.of()));

    assertThat(keys("社会保险登记")).containsExactly("S-1");
    assertThat(keys("多证合一")).containsExactly("S-1");
    assertThat(gauge("zqt.knowledge.index.entries")).isEqualTo(1);
    assertThat(counter("zqt.knowledge.index.applied")).as("the log's row found the version indexed already")
        .isZero();
  }

  // --- helpers ----------------------------------------------------------------------------------------------------

  private void start() {
    meters = new SimpleMeterRegistry();
    index = new KnowledgeIndex(store, store, dir.resolve("index"), Duration.ofHours(1), meters);
    index.open();
  }

  private List<String> keys(String q) {
    return index.search(KnowledgeQuery.of(q, DAY)).hits().stream().map(KnowledgeHit::key).toList();
  }

  private double rebuilds(String reason) {
    Counter c = meters.find("zqt.knowledge.index.rebuilds").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }

  private double totalRebuilds() {
    return meters.find("zqt.knowledge.index.rebuilds").counters().stream().mapToDouble(Counter::count).sum();
  }

  private double counter(String name) {
    return meters.get(name).counter().count();
  }

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  private List<String> files() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("index"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("write.lock")).sorted().toList();
    }
  }

  private static void deleteRecursively(Path path) throws Exception {
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static KnowledgeEntry entry(String key, String title, int version, LocalDate expiry) {
    LocalDate effective = LocalDate.of(2025, 1, 1);
    return new KnowledgeEntry(key, EntryType.POLICY, title, title + "的办理。", "烟台市人力资源和社会保障局", null,
        effective, effective, expiry, List.of("SOCIAL_INSURANCE"), List.of(), "HRSS", List.of(), null, version,
        Instant.now(), "test");
  }

  /** Entries by key with a change log, as the store keeps them: every put or remove is one row of the log. */
  static final class LoggedStore extends InMemoryKnowledgeEntries implements KnowledgeChanges {
    private final List<KnowledgeChange> log = new ArrayList<>();
    private long sequence;
    final AtomicInteger fullReads = new AtomicInteger();

    LoggedStore() {
      super(List.of());
    }

    @Override
    public synchronized void put(KnowledgeEntry e) {
      KnowledgeEntry before = find(e.key()).orElse(null);
      super.put(e);
      KnowledgeChange.Kind kind = before == null ? KnowledgeChange.Kind.CREATED
          : e.expiryDate() != null && before.expiryDate() == null ? KnowledgeChange.Kind.EXPIRED
          : KnowledgeChange.Kind.UPDATED;
      log.add(new KnowledgeChange(++sequence, e.key(), kind, e.version(), Instant.now()));
    }

    @Override
    public synchronized void remove(String key) {
      KnowledgeEntry before = find(key).orElseThrow();
      super.remove(key);
      log.add(new KnowledgeChange(++sequence, key, KnowledgeChange.Kind.REMOVED, before.version() + 1,
          Instant.now()));
    }

    synchronized void pruneUpTo(long last) {
      log.removeIf(c -> c.sequence() <= last);
    }

    /** Counts the full reads: an index in step with the store must open without one. */
    @Override
    public void forEach(Consumer<KnowledgeEntry> each) {
      fullReads.incrementAndGet();
      super.forEach(each);
    }

    @Override
    public synchronized State state() {
      return new State(log.isEmpty() ? 0 : log.get(log.size() - 1).sequence(),
          log.isEmpty() ? 0 : log.get(0).sequence(), count());
    }

    @Override
    public synchronized long lastChange() {
      return state().lastChange();
    }

    @Override
    public synchronized List<KnowledgeChange> after(long seq, int limit) {
      return log.stream().filter(c -> c.sequence() > seq).limit(limit).toList();
    }
  }
}
