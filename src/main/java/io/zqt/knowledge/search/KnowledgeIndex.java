package io.zqt.knowledge.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zqt.knowledge.KnowledgeChange;
import io.zqt.knowledge.KnowledgeChanges;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntriesChanged;
import io.zqt.knowledge.KnowledgeEntry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The knowledge search index of this node: a Lucene index on disk ({@code zqt.knowledge.index-dir}, default
 * {@code ./data/knowledge-index}) that copies the store ({@link KnowledgeEntries}, the source of truth).
 *
 * <p>It follows the store's change log ({@link KnowledgeChanges}): every {@code zqt.knowledge.index-sync-interval}
 * (default 5 s) it applies the changes it has not applied yet, whichever node made them, re-reading the changed
 * entries from the store; each Lucene commit records the last change applied and the entry count. At start it
 * compares them with the store: in step → used as is; behind → the missing changes are applied; missing, unreadable,
 * written with other analysis, ahead of the store, too far behind, or behind a pruned log → rebuilt. This node's own
 * changes are applied at once after their commit as well, so that a search right after a change finds it. An
 * administrator or process owner can rebuild it by command (this node's index only).
 */
@Service
public class KnowledgeIndex {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);

  /** Changes read from the log per Lucene commit. */
  static final int PAGE = 10_000;
  /** Behind by more changes than this (and than half the entries): a rebuild is cheaper than applying them. */
  static final long CATCH_UP_LIMIT = 50_000;

  /** What a rebuild did. */
  public record Rebuilt(long entries, long millis, String dir) {}

  private final KnowledgeEntries entries;
  private final KnowledgeChanges changes;
  private final Path dir;
  private final Duration syncInterval;
  private final SynonymGroups synonyms = SynonymGroups.fromClasspath();
  private final MeterRegistry meters;
  private final Counter applied;
  private volatile KnowledgeSearchEngine engine;
  private volatile long storeChange;
  /** Copies of the open index's figures, for the metrics (never blocked by a rebuild). */
  private volatile long appliedChange;
  private volatile long indexedEntries;
  private ScheduledExecutorService poller;
  private boolean wiped;

  public KnowledgeIndex(KnowledgeEntries entries, KnowledgeChanges changes,
      @Value("${zqt.knowledge.index-dir:./data/knowledge-index}") Path dir,
      @Value("${zqt.knowledge.index-sync-interval:PT5S}") Duration syncInterval, MeterRegistry meters) {
    if (syncInterval.isNegative() || syncInterval.isZero()) {
      throw new IllegalArgumentException("zqt.knowledge.index-sync-interval must be positive: " + syncInterval);
    }
    this.entries = entries;
    this.changes = changes;
    this.dir = dir;
    this.syncInterval = syncInterval;
    this.meters = meters;
    Gauge.builder("zqt.knowledge.index.change", this, KnowledgeIndex::appliedChange)
        .description("Sequence number of the last change of the knowledge store's log applied to this node's index")
        .register(meters);
    Gauge.builder("zqt.knowledge.index.lag", this, i -> Math.max(0, i.storeChange - i.appliedChange()))
        .description("Changes in the knowledge store's log (as of the last sync) not yet applied to this node's index")
        .register(meters);
    Gauge.builder("zqt.knowledge.index.entries", this, i -> i.indexedEntries)
        .description("Entries in this node's knowledge index").register(meters);
    this.applied = Counter.builder("zqt.knowledge.index.applied")
        .description("Entries re-read from the store and indexed because the change log named them")
        .register(meters);
  }

  /** Opens the index at start, bringing it in step with the store, and starts following the change log. */
  @EventListener(ApplicationReadyEvent.class)
  public void open() {
    engine();
  }

  public KnowledgeSearchResult search(KnowledgeQuery query) {
    return engine().search(query);
  }

  /** Refills this node's index from the store (other nodes' indexes are not touched). */
  public synchronized Rebuilt rebuild() {
    return rebuild(engine(), "command");
  }

  /** Applies the changes of the store's log this index has not applied yet; returns how many log rows it read. */
  public synchronized int sync() {
    KnowledgeSearchEngine open = engine;
    if (open == null) {
      return 0;
    }
    long last = changes.lastChange();
    storeChange = last;
    if (last < open.appliedChange()) {
      log.warn("Knowledge index in {} is ahead of the store's change log ({} > {}): a different database?",
          dir.toAbsolutePath(), open.appliedChange(), last);
      rebuild(open, "ahead");
      return 0;
    }
    int read = applyLog(open, last);
    remember(open);
    return read;
  }

  /** The sequence number of the last change of the store's log applied to this node's index. */
  public long appliedChange() {
    return appliedChange;
  }

  private void remember(KnowledgeSearchEngine open) {
    appliedChange = open.appliedChange();
    indexedEntries = open.entryCount();
  }

  /**
   * This node's own changes, applied at once after their commit (the log brings them again: harmless). The request's
   * thread still holds its database connection here, so it waits only for the index itself (whose methods never touch
   * the database), never for this object's lock, which {@link #sync} holds while it reads the store: many imports at
   * once could otherwise hold every pooled connection while the poller waits for one.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onChange(KnowledgeEntriesChanged changed) {
    KnowledgeSearchEngine open = engine;
    if (open != null) {
      open.apply(changed.upserted(), changed.removedKeys());
      remember(open);
    }
  }

  /** The open index, brought in step with the store when it is opened. */
  private KnowledgeSearchEngine engine() {
    KnowledgeSearchEngine open = engine;
    return open != null ? open : openEngine();
  }

  private synchronized KnowledgeSearchEngine openEngine() {
    if (engine != null) {
      return engine;
    }
    wiped = false;
    KnowledgeSearchEngine open = openOrWipe();
    KnowledgeChanges.State state = changes.state();
    storeChange = state.lastChange();
    long recorded = open.appliedChange();
    if (wiped) {
      rebuild(open, "unreadable");
    } else if (open.recorded().isEmpty()) {
      log.info("No knowledge index in {}: building it", dir.toAbsolutePath());
      rebuild(open, "missing");
    } else if (!open.current()) {
      log.info("Knowledge index in {} was written by another version (analysis, synonyms): rebuilding",
          dir.toAbsolutePath());
      rebuild(open, "format");
    } else if (recorded > state.lastChange()) {
      log.info("Knowledge index in {} records change {}, the store's log ends at {}: rebuilding", dir.toAbsolutePath(),
          recorded, state.lastChange());
      rebuild(open, "ahead");
    } else if (recorded < state.lastChange() && state.firstChange() > recorded + 1) {
      log.info("Knowledge index in {} records change {}, the store's log now starts at {}: rebuilding",
          dir.toAbsolutePath(), recorded, state.firstChange());
      rebuild(open, "pruned");
    } else if (state.lastChange() - recorded > Math.max(CATCH_UP_LIMIT, state.entryCount() / 2)) {
      log.info("Knowledge index in {} is {} changes behind the store: rebuilding", dir.toAbsolutePath(),
          state.lastChange() - recorded);
      rebuild(open, "behind");
    } else {
      int read = applyLog(open, state.lastChange());
      if (open.entryCount() != state.entryCount()) {
        log.info("Knowledge index in {} holds {} entries, the store {}: rebuilding", dir.toAbsolutePath(),
            open.entryCount(), state.entryCount());
        rebuild(open, "count");
      } else if (read > 0) {
        log.info("Knowledge index in {} caught up with the store by applying {} changes of its log "
            + "(changes {} to {}; {} entries)", dir.toAbsolutePath(), read, recorded + 1, state.lastChange(),
            open.entryCount());
      } else {
        log.info("Knowledge index in {} is up to date (change {}, {} entries)", dir.toAbsolutePath(), recorded,
            open.entryCount());
      }
    }
    remember(open);
    engine = open;
    startPolling();
    return open;
  }

  /** Opens the index directory; one that cannot be read is emptied first (the store has everything). */
  private KnowledgeSearchEngine openOrWipe() {
    String problem = unreadable();
    if (problem != null) {
      log.warn("Knowledge index in {} cannot be read ({}): emptying it for a rebuild", dir.toAbsolutePath(), problem);
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot empty the knowledge index directory " + dir, e);
      }
      wiped = true;
    }
    return new KnowledgeSearchEngine(dir, synonyms, KnowledgeSearchEngine.Boosts.DEFAULT);
  }

  /** Why the index on disk cannot be opened for reading; null when it can, or when there is none. */
  private String unreadable() {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (FSDirectory directory = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(directory)) {
        return null;
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        reader.getIndexCommit().getUserData();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return e.toString();
    }
  }

  private Rebuilt rebuild(KnowledgeSearchEngine open, String reason) {
    long start = System.nanoTime();
    // the log position first: a change committed while the entries are read is applied again later (harmless)
    long change = changes.lastChange();
    long count = open.rebuild(entries::forEach, change);
    long millis = (System.nanoTime() - start) / 1_000_000;
    storeChange = Math.max(storeChange, change);
    remember(open);
    meters.counter("zqt.knowledge.index.rebuilds", "reason", reason).increment();
    log.info("Knowledge index rebuilt ({}): {} entries in {} ms, change {} ({})", reason, count, millis, change,
        dir.toAbsolutePath());
    return new Rebuilt(count, millis, dir.toAbsolutePath().toString());
  }

  /**
   * Applies the log's changes after the index's recorded one, up to {@code upTo}, a page per Lucene commit: the
   * entries they name are re-read from the store (a version the index holds already is skipped; an entry no longer in
   * the store leaves the index). Returns the number of log rows read.
   */
  private int applyLog(KnowledgeSearchEngine open, long upTo) {
    int read = 0;
    while (open.appliedChange() < upTo) {
      List<KnowledgeChange> page = changes.after(open.appliedChange(), PAGE).stream()
          .filter(c -> c.sequence() <= upTo).toList();
      if (page.isEmpty()) {
        open.apply(List.of(), List.of(), upTo);
        break;
      }
      read += page.size();
      Map<String, Integer> logged = new LinkedHashMap<>();
      for (KnowledgeChange c : page) {
        logged.merge(c.entryKey(), c.version(), Math::max);
      }
      java.util.Set<String> removed = page.stream().filter(c -> c.kind() == KnowledgeChange.Kind.REMOVED)
          .map(KnowledgeChange::entryKey).collect(java.util.stream.Collectors.toSet());
      Map<String, Integer> held = open.versions(logged.keySet());
      List<String> stale = logged.entrySet().stream()
          .filter(e -> held.getOrDefault(e.getKey(), 0) < e.getValue() || removed.contains(e.getKey()))
          .map(Map.Entry::getKey).toList();
      Map<String, KnowledgeEntry> current = entries.findAll(stale);
      List<KnowledgeEntry> upserted = new ArrayList<>(current.values());
      upserted.sort(Comparator.comparing(KnowledgeEntry::key));
      List<String> gone = stale.stream().filter(k -> !current.containsKey(k)).toList();
      open.apply(upserted, gone, page.get(page.size() - 1).sequence());
      applied.increment(upserted.size() + gone.size());
    }
    return read;
  }

  private void startPolling() {
    if (poller != null) {
      return;
    }
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "knowledge-index-sync");
      thread.setDaemon(true);
      return thread;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long millis = syncInterval.toMillis();
    executor.scheduleWithFixedDelay(() -> {
      try {
        sync();
      } catch (RuntimeException e) {
        log.warn("Knowledge index sync with the store's change log failed; trying again in {}", syncInterval, e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
    poller = executor;
  }

  /** Stops following the log and closes the index (at shutdown; tests use it to stand for a stopped node). */
  @PreDestroy
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = poller;
      poller = null;
    }
    if (stopping != null) {
      stopping.shutdownNow();
      try {
        stopping.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (engine != null) {
        engine.close();
        engine = null;
      }
    }
  }
}
