package io.zqt.knowledge.search;

import io.zqt.knowledge.EntryType;
import java.time.LocalDate;

/**
 * One search, already validated.
 *
 * @param text what the caller asked, as typed
 * @param type, unit, district, topic filters; null for any. An entry without districts applies everywhere.
 * @param validOn the day the entries must apply on (effective ≤ day &lt; expiry)
 * @param includeExpired true: also entries not valid on that day (expired or not yet effective)
 * @param limit how many hits, 1..50
 */
public record KnowledgeQuery(String text, EntryType type, String unit, String district, String topic,
    LocalDate validOn, boolean includeExpired, int limit) {

  public static KnowledgeQuery of(String text, LocalDate validOn) {
    return new KnowledgeQuery(text, null, null, null, null, validOn, false, 10);
  }

  public KnowledgeQuery withLimit(int newLimit) {
    return new KnowledgeQuery(text, type, unit, district, topic, validOn, includeExpired, newLimit);
  }

  public KnowledgeQuery withIncludeExpired(boolean include) {
    return new KnowledgeQuery(text, type, unit, district, topic, validOn, include, limit);
  }

  /** The same question without type, unit, district and topic filters. */
  public KnowledgeQuery withoutFilters() {
    return new KnowledgeQuery(text, null, null, null, null, validOn, includeExpired, limit);
  }
}
