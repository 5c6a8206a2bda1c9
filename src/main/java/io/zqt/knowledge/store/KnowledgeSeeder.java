package io.zqt.knowledge.store;

import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.ops.ClusterLock;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty knowledge base with the seed entries ({@code data/knowledge/entries/*.csv}) when the app starts, in
 * the demo and in production alike (the city's starting knowledge; illustrative samples to be replaced). Under the
 * cluster lock, so that of two nodes starting together only one seeds. A bad seed file stops the start-up.
 */
@Component
public class KnowledgeSeeder {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeSeeder.class);

  static final String LOCATION = "classpath*:data/knowledge/entries/*.csv";
  static final String LOCK = "knowledge-seed";
  static final String SEED_USER = "seed";

  private final KnowledgeImport importer;
  private final KnowledgeStore store;
  private final JdbcKnowledgeEntries entries;
  private final ClusterLock clusterLock;
  private final TransactionTemplate transaction;
  private final boolean enabled;

  public KnowledgeSeeder(KnowledgeImport importer, KnowledgeStore store, JdbcKnowledgeEntries entries,
      ClusterLock clusterLock, PlatformTransactionManager transactionManager,
      @Value("${zqt.knowledge.seed-on-start:true}") boolean enabled) {
    this.importer = importer;
    this.store = store;
    this.entries = entries;
    this.clusterLock = clusterLock;
    this.transaction = new TransactionTemplate(transactionManager);
    this.enabled = enabled;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(0)
  public void seedOnStart() {
    if (enabled) {
      seedIfEmpty();
    }
  }

  /** Imports the seed files when the knowledge base has no entry; returns the number of entries created. */
  public int seedIfEmpty() {
    Integer created = transaction.execute(status -> {
      clusterLock.holdForTransaction(LOCK);
      if (entries.count() > 0) {
        return 0;
      }
      List<KnowledgeEntry> seed = readSeedFiles();
      return store.apply(seed, SEED_USER).created().size();
    });
    if (created != null && created > 0) {
      log.info("Knowledge base seeded with {} entries from {}", created, LOCATION);
    }
    return created == null ? 0 : created;
  }

  private List<KnowledgeEntry> readSeedFiles() {
    Resource[] files;
    try {
      files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list the knowledge seed files " + LOCATION, e);
    }
    Arrays.sort(files, Comparator.comparing(Resource::getFilename));
    List<KnowledgeEntry> all = new ArrayList<>();
    Map<String, String> fileOfKey = new HashMap<>();
    for (Resource file : files) {
      KnowledgeImport.Parsed parsed;
      try (InputStream in = file.getInputStream()) {
        parsed = importer.parse(in, KnowledgeFormat.CSV);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read the knowledge seed file " + file.getFilename(), e);
      }
      if (!parsed.problems().isEmpty()) {
        throw new IllegalStateException("The knowledge seed file " + file.getFilename() + " has "
            + parsed.problems().size() + " problems, first: " + parsed.problems().get(0));
      }
      for (KnowledgeEntry entry : parsed.entries()) {
        String other = fileOfKey.putIfAbsent(entry.key(), file.getFilename());
        if (other != null) {
          throw new IllegalStateException("Knowledge seed key " + entry.key() + " is in " + other + " and "
              + file.getFilename());
        }
        all.add(entry);
      }
    }
    return all;
  }
}
