package io.zqt.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.yaml.snakeyaml.Yaml;

/**
 * Test helper: evaluates one DMN decision table from the classpath folder {@code decisions/} on the standalone DMN
 * engine and reports which rules matched, so that row-by-row tests can name the rule they expect.
 */
final class DmnTableHarness {

  private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

  /** Outputs of one evaluation and the ids of the rules that matched (at most one with hit policy FIRST). */
  record Evaluation(DmnDecisionTableResult result, List<String> matchedRuleIds) {}

  private final String resource;
  private final String decisionKey;
  private final DmnEngine engine;
  private final DmnDecision decision;
  private final List<String> lastMatchedRuleIds = new ArrayList<>();

  DmnTableHarness(String fileName, String decisionKey) {
    this.resource = "decisions/" + fileName;
    this.decisionKey = decisionKey;
    DmnDecisionTableEvaluationListener recorder = this::record;
    this.engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
        .customPostDecisionTableEvaluationListeners(List.of(recorder))
        .buildEngine();
    try (InputStream in = open(resource)) {
      this.decision = engine.parseDecision(decisionKey, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void record(DmnDecisionTableEvaluationEvent event) {
    for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
      lastMatchedRuleIds.add(rule.getId());
    }
  }

  synchronized Evaluation evaluate(Map<String, Object> variables) {
    lastMatchedRuleIds.clear();
    DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
    return new Evaluation(result, List.copyOf(lastMatchedRuleIds));
  }

  /** The decision as the DMN model API reads it, for checks on the file itself (hit policy, annotations ...). */
  Decision modelDecision() {
    try (InputStream in = open(resource)) {
      DmnModelInstance model = Dmn.readModelFromStream(in);
      Decision d = model.getModelElementById(decisionKey);
      assertThat(d).as("decision %s in %s", decisionKey, resource).isNotNull();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> ruleIds() {
    return rulesOf(modelDecision()).stream().map(Rule::getId).toList();
  }

  /**
   * Checks what DESIGN.md asks of every decision table: hit policy FIRST, history time to live set, a Chinese
   * annotation on each rule, and a last rule whose input entries are all "-" (anything else).
   */
  void assertWellFormed(String expectedCatchAllRuleId) {
    Decision d = modelDecision();
    DecisionTable table = (DecisionTable) d.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(d.getCamundaHistoryTimeToLive()).as("camunda:historyTimeToLive").isNotNull().isPositive();
    List<Rule> rules = rulesOf(d);
    assertThat(rules).isNotEmpty();
    for (Rule rule : rules) {
      assertThat(rule.getDescription())
          .as("annotation of rule %s", rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent())
          .as("annotation of rule %s", rule.getId()).containsPattern(CHINESE);
    }
    Rule last = rules.get(rules.size() - 1);
    assertThat(last.getId()).isEqualTo(expectedCatchAllRuleId);
    assertThat(last.getInputEntries())
        .extracting(InputEntry::getTextContent)
        .allSatisfy(text -> assertThat(Objects.toString(text, "").trim()).isIn("", "-"));
  }

  private static List<Rule> rulesOf(Decision d) {
    Collection<Rule> rules = ((DecisionTable) d.getExpression()).getRules();
    return new ArrayList<>(rules);
  }

  /** A YAML file of the app's reference data, e.g. {@code data/reference/codes.yaml}. */
  static Map<String, Object> loadYaml(String classpathResource) {
    try (InputStream in = open(classpathResource)) {
      return new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values of {@code field} in the list {@code listKey} of a reference YAML document. */
  @SuppressWarnings("unchecked")
  static List<String> column(Map<String, Object> yaml, String listKey, String field) {
    List<Map<String, Object>> rows = (List<Map<String, Object>>) yaml.get(listKey);
    assertThat(rows).as("list %s", listKey).isNotEmpty();
    return rows.stream().map(row -> String.valueOf(row.get(field))).toList();
  }

  private static InputStream open(String classpathResource) {
    InputStream in = DmnTableHarness.class.getClassLoader().getResourceAsStream(classpathResource);
    assertThat(in).as("classpath resource %s", classpathResource).isNotNull();
    return in;
  }
}
