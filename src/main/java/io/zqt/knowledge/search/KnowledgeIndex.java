package io.zqt.knowledge.search;

import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntriesChanged;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The knowledge search index of the running app: a Lucene index on disk ({@code zqt.knowledge.index-dir}, default
 * {@code ./data/knowledge-index}) that copies the store ({@link KnowledgeEntries}, the source of truth). At start, and
 * before the first search, it is rebuilt when missing or when the entry count or stamp it recorded differs from the
 * store's; it follows every committed change ({@link KnowledgeEntriesChanged}, after commit); an administrator or
 * process owner can rebuild it by command. Without a store bean in the app it stays closed and searching answers 503.
 */
@Service
public class KnowledgeIndex {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);

  /** What a rebuild did. */
  public record Rebuilt(long entries, long millis, String dir) {}

  private final ObjectProvider<KnowledgeEntries> store;
  private final Path dir;
  private final SynonymGroups synonyms = SynonymGroups.fromClasspath();
  private KnowledgeSearchEngine engine;

  public KnowledgeIndex(ObjectProvider<KnowledgeEntries> store,
      @Value("${zqt.knowledge.index-dir:./data/knowledge-index}") Path dir) {
    this.store = store;
    this.dir = dir;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void openAtStart() {
    if (store.getIfAvailable() == null) {
      log.info("No knowledge store in this app: the knowledge index stays closed");
      return;
    }
    engine();
  }

  /** Whether a store exists, so that searching is possible. */
  public boolean available() {
    return store.getIfAvailable() != null;
  }

  public KnowledgeSearchResult search(KnowledgeQuery query) {
    return engine().orElseThrow(() -> new IllegalStateException("No knowledge store")).search(query);
  }

  /** Refills the index from the store. */
  public synchronized Rebuilt rebuild() {
    KnowledgeEntries entries = store.getObject();
    KnowledgeSearchEngine open = engine().orElseThrow();
    long start = System.nanoTime();
    long count = open.rebuild(entries::forEach);
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.info("Knowledge index rebuilt: {} entries in {} ms ({})", count, millis, dir.toAbsolutePath());
    return new Rebuilt(count, millis, dir.toAbsolutePath().toString());
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onChange(KnowledgeEntriesChanged changed) {
    engine().ifPresent(open -> {
      synchronized (this) {
        open.apply(changed.upserted(), changed.removedKeys());
      }
    });
  }

  /** The open index, fresh against the store; empty when the app has no store. */
  private synchronized Optional<KnowledgeSearchEngine> engine() {
    if (engine != null) {
      return Optional.of(engine);
    }
    KnowledgeEntries entries = store.getIfAvailable();
    if (entries == null) {
      return Optional.empty();
    }
    engine = new KnowledgeSearchEngine(dir, synonyms, KnowledgeSearchEngine.Boosts.DEFAULT);
    long[] stamp = {0};
    entries.forEach(e -> stamp[0] += KnowledgeSearchEngine.stampOf(e.key(), e.version()));
    if (engine.matches(entries.count(), stamp[0])) {
      log.info("Knowledge index in {} is up to date ({} entries)", dir.toAbsolutePath(), engine.size());
    } else {
      log.info("Knowledge index in {} is missing or out of step with the store: rebuilding", dir.toAbsolutePath());
      rebuild();
    }
    return Optional.of(engine);
  }

  @PreDestroy
  public synchronized void close() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }
}
