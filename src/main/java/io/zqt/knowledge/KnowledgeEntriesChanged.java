package io.zqt.knowledge;

import java.util.List;

/**
 * Published by the store inside the transaction that changes entries; the search index listens after the commit
 * ({@code @TransactionalEventListener(phase = AFTER_COMMIT)}), so it never shows a change that was rolled back.
 *
 * @param upserted entries created or changed, in their new version
 * @param removedKeys keys of entries removed from the knowledge base
 */
public record KnowledgeEntriesChanged(List<KnowledgeEntry> upserted, List<String> removedKeys) {

  public KnowledgeEntriesChanged {
    upserted = List.copyOf(upserted);
    removedKeys = List.copyOf(removedKeys);
  }
}
