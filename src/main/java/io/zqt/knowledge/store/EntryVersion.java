package io.zqt.knowledge.store;

import io.zqt.knowledge.KnowledgeEntry;
import java.time.Instant;
import java.util.List;

/**
 * One version of an entry as the store keeps it: the content it had, who made it, when, and which fields changed
 * from the version before (names of {@link KnowledgeEntry}'s components; empty for version 1).
 */
public record EntryVersion(String key, int version, Instant changedAt, String changedBy, List<String> changedFields,
    KnowledgeEntry entry) {

  public EntryVersion {
    changedFields = List.copyOf(changedFields);
  }
}
