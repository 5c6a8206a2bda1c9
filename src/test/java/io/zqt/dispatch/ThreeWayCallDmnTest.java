package io.zqt.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Row-by-row test of decisions/three-way-call.dmn (三方连线答复时限) on the standalone DMN engine. */
class ThreeWayCallDmnTest {

  /** Cases per rule, in table order: inputs, the rule expected to match, minutes. */
  static final String ROWS = """
      # urgency, type,         rule,         minutes
      URGENT,    CONSULTATION, Rule_Urgent,  15
      URGENT,    HELP,         Rule_Urgent,  15
      NORMAL,    CONSULTATION, Rule_Default, 30
      NULL,      CONSULTATION, Rule_Default, 30
      NORMAL,    NULL,         Rule_Default, 30
      """;

  private static DmnTableHarness table;

  @BeforeAll
  static void parseTable() {
    table = new DmnTableHarness("three-way-call.dmn", "three-way-call");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}: {3} min")
  @CsvSource(textBlock = ROWS, nullValues = "NULL")
  void eachRuleGivesTheIntendedAnswerTime(String urgency, String type, String expectedRule, Integer minutes) {
    Map<String, Object> v = new HashMap<>();
    v.put("urgency", urgency);
    v.put("type", type);
    DmnTableHarness.Evaluation evaluation = table.evaluate(v);

    assertThat(evaluation.matchedRuleIds()).containsExactly(expectedRule);
    assertThat(evaluation.result().getSingleResult().getEntryMap().get("minutes")).isEqualTo(minutes);
  }

  @Test
  void everyRuleOfTheTableHasARowAbove() {
    Set<String> rulesInRows = ROWS.lines().map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split(",")[2].trim())
        .collect(Collectors.toSet());
    assertThat(rulesInRows).containsExactlyInAnyOrderElementsOf(table.ruleIds());
  }

  @Test
  void tableFollowsTheHouseRules() {
    table.assertWellFormed("Rule_Default");
  }
}
