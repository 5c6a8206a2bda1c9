package io.zqt.knowledge.store;

import io.zqt.knowledge.EntryType;
import java.time.LocalDate;

/**
 * Which entries to list; every null part matches all.
 *
 * @param district a district code: entries for the whole city and those naming the district
 * @param validOn entries effective on the day and not yet expired
 */
public record KnowledgeFilter(EntryType type, String unit, String topic, String district, LocalDate validOn) {

  public static KnowledgeFilter all() {
    return new KnowledgeFilter(null, null, null, null, null);
  }
}
