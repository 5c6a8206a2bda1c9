package io.zqt.knowledge;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The knowledge base's source of truth (the database); the search index is rebuilt from it, never the reverse. */
public interface KnowledgeEntries {

  Optional<KnowledgeEntry> find(String key);

  /** Every current entry (latest version), streamed in key order without holding them all in memory. */
  void forEach(Consumer<KnowledgeEntry> each);

  long count();

  /** The current entries with these keys, by key; keys without an entry are left out. */
  default Map<String, KnowledgeEntry> findAll(Collection<String> keys) {
    Map<String, KnowledgeEntry> found = new HashMap<>();
    for (String key : keys) {
      find(key).ifPresent(e -> found.put(key, e));
    }
    return found;
  }
}
