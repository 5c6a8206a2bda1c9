package io.zqt.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Row-by-row test of decisions/task-deadline.dmn (任务时限规则) on the standalone DMN engine. */
class TaskDeadlineDmnTest {

  /** Cases per rule, in table order: inputs, the rule expected to match, working hours and working days. */
  static final String ROWS = """
      # taskDefinitionKey,            urgency, rule,                        hours, days
      UserTask_DirectAnswer,          URGENT,  Rule_DirectAnswerUrgent,     2,     NULL
      UserTask_DirectAnswer,          NORMAL,  Rule_DirectAnswer,           4,     NULL
      UserTask_DirectAnswer,          NULL,    Rule_DirectAnswer,           4,     NULL
      UserTask_Gate1Review,           URGENT,  Rule_QcUrgent,               4,     NULL
      UserTask_Gate2Review,           URGENT,  Rule_QcUrgent,               4,     NULL
      UserTask_Gate3Verify,           URGENT,  Rule_QcUrgent,               4,     NULL
      UserTask_Gate1Review,           NORMAL,  Rule_Qc,                     NULL,  1
      UserTask_Gate2Review,           NORMAL,  Rule_Qc,                     NULL,  1
      UserTask_Gate3Verify,           NULL,    Rule_Qc,                     NULL,  1
      UserTask_RerouteCase,           URGENT,  Rule_LineWorkingGroupUrgent, 4,     NULL
      UserTask_ReviewExtension,       URGENT,  Rule_LineWorkingGroupUrgent, 4,     NULL
      UserTask_RerouteCase,           NORMAL,  Rule_LineWorkingGroup,       NULL,  1
      UserTask_ReviewExtension,       NORMAL,  Rule_LineWorkingGroup,       NULL,  1
      UserTask_Callback,              URGENT,  Rule_CallbackUrgent,         NULL,  1
      UserTask_Callback,              NORMAL,  Rule_Callback,               NULL,  2
      UserTask_ReviewDissatisfaction, URGENT,  Rule_ReviewDissatisfaction,  NULL,  2
      UserTask_ReviewDissatisfaction, NORMAL,  Rule_ReviewDissatisfaction,  NULL,  2
      UserTask_SignFor,               NORMAL,  Rule_CatchAll,               NULL,  1
      UserTask_SomeFutureTask,        URGENT,  Rule_CatchAll,               NULL,  1
      NULL,                           NULL,    Rule_CatchAll,               NULL,  1
      """;

  private static DmnTableHarness table;

  @BeforeAll
  static void parseTable() {
    table = new DmnTableHarness("task-deadline.dmn", "task-deadline");
  }

  private static DmnTableHarness.Evaluation evaluate(String taskKey, String urgency) {
    Map<String, Object> v = new HashMap<>();
    v.put("taskDefinitionKey", taskKey);
    v.put("urgency", urgency);
    return table.evaluate(v);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}: {3} h / {4} d")
  @CsvSource(textBlock = ROWS, nullValues = "NULL")
  void eachRuleGivesTheIntendedAllowance(String taskKey, String urgency, String expectedRule, Integer hours,
      Integer days) {
    DmnTableHarness.Evaluation evaluation = evaluate(taskKey, urgency);

    assertThat(evaluation.matchedRuleIds()).containsExactly(expectedRule);
    Map<String, Object> out = evaluation.result().getSingleResult().getEntryMap();
    assertThat(out.get("workingHours")).isEqualTo(hours);
    assertThat(out.get("workingDays")).isEqualTo(days);
  }

  @Test
  void everyRuleOfTheTableHasARowAboveAndNoRowNamesAMissingRule() {
    Set<String> rulesInRows = ROWS.lines().map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split(",")[2].trim())
        .collect(Collectors.toSet());
    assertThat(rulesInRows).containsExactlyInAnyOrderElementsOf(table.ruleIds());
  }

  @Test
  void tableFollowsTheHouseRules() {
    table.assertWellFormed("Rule_CatchAll");
  }

  /** Every user task of every process gets exactly one allowance of at most two working days, urgent never slower. */
  @Test
  void everyUserTaskOfTheProcessesGetsOneAllowance() throws IOException {
    Set<String> taskKeys = new HashSet<>();
    Path processes = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "processes");
    try (Stream<Path> files = Files.list(processes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class)
              .forEach(task -> taskKeys.add(task.getId()));
        }
      }
    }
    assertThat(taskKeys).hasSizeGreaterThanOrEqualTo(10);
    for (String key : taskKeys) {
      for (String urgency : List.of("NORMAL", "URGENT")) {
        Map<String, Object> out = evaluate(key, urgency).result().getSingleResult().getEntryMap();
        boolean hours = out.get("workingHours") != null;
        boolean days = out.get("workingDays") != null;
        assertThat(hours ^ days).as("%s %s: exactly one of hours and days", key, urgency).isTrue();
        int inHours = hours ? (Integer) out.get("workingHours") : 8 * (Integer) out.get("workingDays");
        assertThat(inHours).as("%s %s", key, urgency).isBetween(1, 16);
      }
      Map<String, Object> normal = evaluate(key, "NORMAL").result().getSingleResult().getEntryMap();
      Map<String, Object> urgent = evaluate(key, "URGENT").result().getSingleResult().getEntryMap();
      assertThat(inHours(urgent)).as("%s urgent is not slower", key).isLessThanOrEqualTo(inHours(normal));
    }
  }

  private static int inHours(Map<String, Object> out) {
    return out.get("workingHours") != null ? (Integer) out.get("workingHours") : 8 * (Integer) out.get("workingDays");
  }
}
