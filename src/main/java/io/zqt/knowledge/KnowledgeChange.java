package io.zqt.knowledge;

import java.time.Instant;

/**
 * One row of the knowledge base's change log: which entry changed, how, to which version, in which order.
 *
 * @param sequence the log's order, increasing; a rolled-back change leaves a gap
 * @param version the entry's version after the change
 */
public record KnowledgeChange(long sequence, String entryKey, Kind kind, int version, Instant changedAt) {

  /** What happened to the entry. */
  public enum Kind {
    CREATED, UPDATED, EXPIRED, REMOVED
  }
}
