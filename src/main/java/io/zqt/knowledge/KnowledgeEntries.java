package io.zqt.knowledge;

import java.util.Optional;
import java.util.function.Consumer;

/** The knowledge base's source of truth (the database); the search index is rebuilt from it, never the reverse. */
public interface KnowledgeEntries {

  Optional<KnowledgeEntry> find(String key);

  /** Every current entry (latest version), streamed in key order without holding them all in memory. */
  void forEach(Consumer<KnowledgeEntry> each);

  long count();
}
