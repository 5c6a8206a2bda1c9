package io.zqt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's statistics: rounds of a fixed-rate intake become one figure without one bad round deciding it. */
class MeasureTest {

  @Test
  void roundsAtOneRateGiveTheMedianOfEachPercentileAndSumTheRequests() {
    Map<String, Object> figure = Measure.medianOfRounds(List.of(round(14, 26, 59.65, 0), round(13, 21, 25.6, 1),
        round(15, 22, 28.9, 0)));
    assertThat(figure).containsEntry("p50Ms", 14.0).containsEntry("p95Ms", 22.0).containsEntry("p99Ms", 28.9)
        .containsEntry("requests", 900).containsEntry("errors", 1)
        .containsEntry("roundsP99Ms", List.of(59.65, 25.6, 28.9));
    assertThat(Measure.medianOfRounds(List.of(round(14, 26, 59.65, 0)))).as("one round is itself")
        .containsEntry("p99Ms", 59.65).doesNotContainKey("roundsP99Ms");
  }

  private static Map<String, Object> round(double p50, double p95, double p99, int errors) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ratePerSecond", 50.0);
    r.put("requests", 300);
    r.put("achievedPerSecond", 50.0);
    r.put("errors", errors);
    r.put("p50Ms", p50);
    r.put("p95Ms", p95);
    r.put("p99Ms", p99);
    r.put("maxMs", p99 + 10);
    return r;
  }
}
