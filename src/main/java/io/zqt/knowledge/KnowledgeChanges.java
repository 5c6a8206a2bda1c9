package io.zqt.knowledge;

import java.util.List;

/**
 * The store's change log, read by every node's search index to follow changes made on any node. Written by the store
 * in the transaction of each change; the store stays the source of truth, the log only says which entries to re-read.
 */
public interface KnowledgeChanges {

  /**
   * The store as one statement sees it: the newest and the oldest sequence number in the log (0 when empty) and the
   * number of entries.
   */
  record State(long lastChange, long firstChange, long entryCount) {}

  State state();

  /** The newest sequence number in the log (0 when empty); cheap, for polling. */
  long lastChange();

  /** At most {@code limit} changes with a sequence number above {@code sequence}, oldest first. */
  List<KnowledgeChange> after(long sequence, int limit);
}
