package io.zqt.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Row-by-row test of decisions/handling-deadline.dmn (办理时限规则) on the standalone DMN engine. */
class HandlingDeadlineDmnTest {

  /** Cases per rule, in table order: inputs, the rule expected to match, and the three deadlines. */
  static final String ROWS = """
      # type,       urgency, rule,                 signForWorkingHours, handlingWorkingDays, extensionMaxWorkingDays
      CONSULTATION, URGENT,  Rule_Urgent,          2, 2,  5
      HELP,         URGENT,  Rule_Urgent,          2, 2,  5
      COMPLAINT,    URGENT,  Rule_Urgent,          2, 2,  5
      SUGGESTION,   URGENT,  Rule_Urgent,          2, 2,  5
      REPORT,       URGENT,  Rule_Urgent,          2, 2,  5
      PRAISE,       URGENT,  Rule_Urgent,          2, 2,  5
      NULL,         URGENT,  Rule_Urgent,          2, 2,  5
      CONSULTATION, NORMAL,  Rule_Consultation,    8, 3,  5
      SUGGESTION,   NORMAL,  Rule_Suggestion,      8, 10, 10
      COMPLAINT,    NORMAL,  Rule_ComplaintReport, 8, 5,  10
      REPORT,       NORMAL,  Rule_ComplaintReport, 8, 5,  10
      HELP,         NORMAL,  Rule_CatchAll,        8, 5,  10
      PRAISE,       NORMAL,  Rule_CatchAll,        8, 5,  10
      CONSULTATION, NULL,    Rule_CatchAll,        8, 5,  10
      COMPLAINT,    SOMEDAY, Rule_CatchAll,        8, 5,  10
      NULL,         NULL,    Rule_CatchAll,        8, 5,  10
      """;

  private static DmnTableHarness deadlines;

  @BeforeAll
  static void parseTable() {
    deadlines = new DmnTableHarness("handling-deadline.dmn", "handling-deadline");
  }

  private static DmnTableHarness.Evaluation evaluate(String type, String urgency) {
    Map<String, Object> v = new HashMap<>();
    v.put("type", type);
    v.put("urgency", urgency);
    return deadlines.evaluate(v);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}: {3} h / {4} d / +{5} d")
  @CsvSource(textBlock = ROWS, nullValues = "NULL")
  void eachRuleSetsTheIntendedDeadlines(String type, String urgency, String expectedRule,
      int signForWorkingHours, int handlingWorkingDays, int extensionMaxWorkingDays) {
    DmnTableHarness.Evaluation evaluation = evaluate(type, urgency);

    assertThat(evaluation.matchedRuleIds()).containsExactly(expectedRule);
    assertThat(evaluation.result()).hasSize(1);
    DmnDecisionRuleResult out = evaluation.result().getSingleResult();
    // typeRef="integer": the engine hands out java.lang.Integer, which the process can use directly
    assertThat(out.getEntryMap()).containsOnly(
        Map.entry("signForWorkingHours", signForWorkingHours),
        Map.entry("handlingWorkingDays", handlingWorkingDays),
        Map.entry("extensionMaxWorkingDays", extensionMaxWorkingDays));
  }

  @Test
  void everyRuleOfTheTableHasARowAboveAndNoRowNamesAMissingRule() {
    Set<String> rulesInRows = ROWS.lines()
        .map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split(",")[2].trim())
        .collect(Collectors.toSet());

    assertThat(rulesInRows).containsExactlyInAnyOrderElementsOf(deadlines.ruleIds());
  }

  @Test
  void tableFollowsTheHouseRules() {
    assertThat(deadlines.ruleIds()).containsExactly(
        "Rule_Urgent", "Rule_Consultation", "Rule_Suggestion", "Rule_ComplaintReport", "Rule_CatchAll");
    deadlines.assertWellFormed("Rule_CatchAll");
  }

  @Test
  void everyTypeAndUrgencyGetsDeadlinesAndUrgentIsNeverSlower() {
    Map<String, Object> codes = DmnTableHarness.loadYaml("data/reference/codes.yaml");
    List<String> types = DmnTableHarness.column(codes, "types", "code");
    List<String> urgencies = DmnTableHarness.column(codes, "urgencies", "code");
    assertThat(urgencies).containsExactlyInAnyOrder("NORMAL", "URGENT");
    assertThat(types).hasSizeGreaterThanOrEqualTo(6);

    for (String type : types) {
      Map<String, Object> normal = evaluate(type, "NORMAL").result().getSingleResult().getEntryMap();
      Map<String, Object> urgent = evaluate(type, "URGENT").result().getSingleResult().getEntryMap();
      for (Map<String, Object> out : List.of(normal, urgent)) {
        assertThat(out).as(type).containsOnlyKeys(
            "signForWorkingHours", "handlingWorkingDays", "extensionMaxWorkingDays");
        assertThat(out.values()).as(type).allSatisfy(v -> assertThat(v).isInstanceOf(Integer.class));
        // Shandong practice: sign for within one working day (8 working hours)
        assertThat((Integer) out.get("signForWorkingHours")).as(type).isBetween(1, 8);
        assertThat((Integer) out.get("handlingWorkingDays")).as(type).isBetween(1, 10);
        assertThat((Integer) out.get("extensionMaxWorkingDays")).as(type).isBetween(1, 10);
      }
      for (String key : normal.keySet()) {
        assertThat((Integer) urgent.get(key)).as(type + " " + key).isLessThanOrEqualTo((Integer) normal.get(key));
      }
    }
  }
}
