package io.zqt.knowledge.search;

import java.util.List;

/**
 * The answer to a search. {@code total} counts every match exactly up to {@link KnowledgeSearchEngine#EXACT_TOTAL};
 * beyond that it is a lower bound and {@code totalExact} is false.
 */
public record KnowledgeSearchResult(String query, long total, boolean totalExact, List<KnowledgeHit> hits) {

  static KnowledgeSearchResult empty(String query) {
    return new KnowledgeSearchResult(query, 0, true, List.of());
  }
}
