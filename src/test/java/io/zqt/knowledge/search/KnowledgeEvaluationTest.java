package io.zqt.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Search quality on the labelled queries: a change that makes callers' questions miss their answers fails here. */
class KnowledgeEvaluationTest {

  @Test
  void recallAtFiveIsAtLeastNinetyPercent() {
    KnowledgeEvaluation.Report report = KnowledgeEvaluation.run(KnowledgeSearchEngine.Boosts.DEFAULT);

    assertThat(report.overall().queries()).isGreaterThanOrEqualTo(100);
    assertThat(report.overall().recallAt5())
        .as("recall@5; misses: %s", report.misses().stream()
            .map(o -> o.labelled().query() + " -> " + o.top()).toList())
        .isGreaterThanOrEqualTo(0.9);
  }

  /** The evaluation command: {@code -Dzqt.knowledge.eval=true} writes bench/results/knowledge-eval.{md,json}. */
  @Test
  @EnabledIfSystemProperty(named = "zqt.knowledge.eval", matches = "true")
  void writesTheEvaluationReport() throws Exception {
    KnowledgeEvaluation.main(new String[] {Path.of("bench/results").toAbsolutePath().toString()});
  }
}
