package io.zqt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coverage gate, run by failsafe after the process scenario tests: at least 90 % of the flow nodes and sequence flows
 * of each BPMN file are reached by {@code EnterpriseCaseProcessTest} (report by camunda-process-test-coverage).
 */
class ProcessCoverageIT {

  static final Path REPORT = Path.of("target/process-test-coverage/io.zqt.cases.EnterpriseCaseProcessTest/report.json");
  static final double MINIMUM = 0.9;

  @ParameterizedTest
  @ValueSource(strings = {"enterprise-case", "three-gate-qc"})
  void scenarioTestsReachAtLeastNinetyPercentOfEachProcess(String processKey) throws IOException {
    assertThat(REPORT).as("coverage report of the process scenario tests").exists();
    JsonNode report = new ObjectMapper().readTree(Files.readString(REPORT));
    Map<String, Integer> totals = new HashMap<>();
    report.get("models").forEach(m -> totals.put(m.get("key").asText(), m.get("totalElementCount").asInt()));
    Set<String> reached = new HashSet<>();
    report.get("suites").forEach(suite -> suite.get("runs").forEach(run -> run.get("events").forEach(e -> {
      if (processKey.equals(e.get("modelKey").asText())) {
        reached.add(e.get("definitionKey").asText());
      }
    })));
    assertThat(totals).containsKey(processKey);
    double coverage = (double) reached.size() / totals.get(processKey);
    assertThat(coverage).as("%s: %d of %d flow nodes and sequence flows reached", processKey, reached.size(),
        totals.get(processKey)).isGreaterThanOrEqualTo(MINIMUM);
  }
}
