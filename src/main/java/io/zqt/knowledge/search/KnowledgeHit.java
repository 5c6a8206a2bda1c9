package io.zqt.knowledge.search;

import io.zqt.knowledge.EntryType;
import java.time.LocalDate;
import java.util.List;

/** One found entry, with a highlighted snippet of its body ({@code <em>…</em>} around matches, text HTML-escaped). */
public record KnowledgeHit(String key, EntryType type, String typeZh, String title, String snippet,
    String issuingBody, String documentNumber, LocalDate effectiveDate, LocalDate expiryDate,
    String responsibleUnit, List<String> topics, List<String> districts, boolean valid, float score) {}
