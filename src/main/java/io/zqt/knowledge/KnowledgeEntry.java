package io.zqt.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the enterprise knowledge base (涉企知识库), as the store holds it and the search index reads it.
 *
 * @param key the entry's stable key (编号, e.g. {@code SI-001}); imports update entries by it
 * @param topics topic codes of {@code data/reference/codes.yaml}, the main one first
 * @param districts district unit codes where the entry applies; empty for the whole city
 * @param responsibleUnit the unit code (units.yaml) that answers for the entry
 * @param expiryDate the first day it no longer applies; null when it has no end
 * @param version 1 for a new entry, +1 for every change
 */
public record KnowledgeEntry(
    String key,
    EntryType type,
    String title,
    String body,
    String issuingBody,
    String documentNumber,
    LocalDate publishDate,
    LocalDate effectiveDate,
    LocalDate expiryDate,
    List<String> topics,
    List<String> districts,
    String responsibleUnit,
    List<String> keywords,
    String sourceLink,
    int version,
    Instant updatedAt,
    String updatedBy) {

  public KnowledgeEntry {
    topics = List.copyOf(topics);
    districts = List.copyOf(districts);
    keywords = List.copyOf(keywords);
  }

  /** Whether the entry applies on the day: effective, and not yet expired. */
  public boolean validOn(LocalDate day) {
    return !effectiveDate.isAfter(day) && (expiryDate == null || expiryDate.isAfter(day));
  }
}
