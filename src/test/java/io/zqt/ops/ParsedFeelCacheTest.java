package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import io.zqt.intake.CaseIntakeService;
import io.zqt.ops.ParsedFeelCache.CachingFeelEngine;
import io.zqt.ops.ParsedFeelCache.CachingFeelEngineFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The FEEL engine that keeps parse results decides exactly as Camunda's own: every decision of {@code decisions/}
 * evaluated for every combination of the values its rules name (plus an unknown value and a missing one) gives the
 * same outputs on both; and the app's engine uses it.
 */
@ZqtSpringTest
class ParsedFeelCacheTest {

  private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;

  @Test
  void everyDecisionDecidesAsWithCamundasOwnFeelEngine() throws IOException {
    DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DefaultDmnEngineConfiguration cachingConfiguration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    cachingConfiguration.setFeelEngineFactory(new CachingFeelEngineFactory(cachingConfiguration));
    DmnEngine caching = cachingConfiguration.buildEngine();
    CachingFeelEngine feel = (CachingFeelEngine) cachingConfiguration.getFeelEngine();

    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("decisions"))) {
      files = list.filter(p -> p.toString().endsWith(".dmn")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    int evaluations = 0;
    Set<String> matchedSomething = new LinkedHashSet<>();
    for (Path file : files) {
      DmnModelInstance model;
      try (InputStream in = Files.newInputStream(file)) {
        model = Dmn.readModelFromStream(in);
      }
      List<DmnDecision> plainDecisions = plain.parseDecisions(model);
      List<DmnDecision> cachingDecisions = caching.parseDecisions(model);
      for (int d = 0; d < plainDecisions.size(); d++) {
        Decision modelled = model.getModelElementById(plainDecisions.get(d).getKey());
        List<Input> inputs = new ArrayList<>(modelled.getUniqueChildElementByType(DecisionTable.class)
            .getChildElementsByType(Input.class));
        List<String> names = new ArrayList<>();
        List<List<String>> candidates = new ArrayList<>();
        for (Input input : inputs) {
          names.add(input.getInputExpression().getText().getTextContent().trim());
          candidates.add(candidates(model, input));
        }
        for (Map<String, Object> variables : combinations(names, candidates)) {
          DmnDecisionResult expected = plain.evaluateDecision(plainDecisions.get(d), variables);
          // twice: the first evaluation parses, the second reads what was kept
          for (int round = 0; round < 2; round++) {
            DmnDecisionResult actual = caching.evaluateDecision(cachingDecisions.get(d), variables);
            assertThat(actual.getResultList()).as("%s with %s", file.getFileName(), variables)
                .isEqualTo(expected.getResultList());
          }
          if (!expected.getResultList().isEmpty()) {
            matchedSomething.add(file.getFileName().toString());
          }
          evaluations++;
        }
      }
    }
    assertThat(evaluations).isGreaterThan(400);
    assertThat(matchedSomething).hasSameSizeAs(files);
    // every distinct text was parsed once
    assertThat(feel.parses()).isEqualTo(feel.parsed()).isLessThan(500);
  }

  @Test
  void anExpressionThatDoesNotParseFailsAsBeforeEveryTime() {
    ScalaFeelEngine plain = new ScalaFeelEngine(List.of());
    CachingFeelEngine caching = new CachingFeelEngine(List.of());
    var context = Variables.createVariables().putValue("type", "HELP").asVariableContext();
    String broken = "< < \"HELP";
    String message = messageOf(() -> plain.evaluateSimpleUnaryTests(broken, "type", context));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests(broken, "type", context))
          .isInstanceOf(FeelException.class).hasMessage(message);
    }
    assertThat(caching.parsed()).isZero();
    assertThat(caching.parses()).isEqualTo(2);
    // what FEEL makes of a call of an unknown function (no value) is the same too
    String unknownFunction = "nosuchfunction(type)";
    assertThat(caching.<Object>evaluateSimpleExpression(unknownFunction, context))
        .isEqualTo(plain.<Object>evaluateSimpleExpression(unknownFunction, context));
    assertThat(caching.<Object>evaluateSimpleExpression("type + \"-1\"", context)).isEqualTo("HELP-1");
    assertThat(caching.evaluateSimpleUnaryTests("\"HELP\",\"PRAISE\"", "type", context)).isTrue();
    assertThat(caching.evaluateSimpleUnaryTests("not(\"HELP\")", "type", context)).isFalse();
  }

  @Test
  void theAppsEngineRoutesCasesWithTheCachingFeelEngine() {
    var feel = engine.getDmnEngineConfiguration().getFeelEngine();
    assertThat(feel).isInstanceOf(CachingFeelEngine.class);
    CachingFeelEngine caching = (CachingFeelEngine) feel;
    CaseScenarios scenarios = new CaseScenarios(intake, runtime, tasks);
    scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    long parsed = caching.parses();
    assertThat(caching.parsed()).isPositive();
    long evaluated = caching.evaluations();
    String second = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    // the same routing again parses nothing new, and still routes the case to the unit
    assertThat(caching.parses()).isEqualTo(parsed);
    // its constant tests were answered from what the first routing learnt: only the inputs and the matched rule's
    // outputs that name variables were evaluated again (a few, where the first routing evaluated dozens)
    assertThat(caching.evaluations() - evaluated).isLessThan(10);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(second).singleResult().getTaskDefinitionKey())
        .isEqualTo("UserTask_SignFor");
  }

  @Test
  void onlyTestsOfConstantsAreAnsweredFromMemory() {
    CachingFeelEngine caching = new CachingFeelEngine(List.of());
    var low = Variables.createVariables().putValue("amount", 5).putValue("limit", 3).asVariableContext();
    var high = Variables.createVariables().putValue("amount", 5).putValue("limit", 8).asVariableContext();
    // names a variable: evaluated every time, and its answer follows the variable
    assertThat(caching.evaluateSimpleUnaryTests("> limit", "amount", low)).isTrue();
    assertThat(caching.evaluateSimpleUnaryTests("> limit", "amount", high)).isFalse();
    assertThat(caching.evaluations()).isEqualTo(2);
    // constants only: FEEL answers once per input value
    assertThat(caching.evaluateSimpleUnaryTests("> 4", "amount", low)).isTrue();
    assertThat(caching.evaluateSimpleUnaryTests("> 4", "amount", high)).isTrue();
    assertThat(caching.evaluations()).isEqualTo(3);
    var three = Variables.createVariables().putValue("amount", 3).asVariableContext();
    assertThat(caching.evaluateSimpleUnaryTests("> 4", "amount", three)).isFalse();
    var help = Variables.createVariables().putValue("type", "HELP").asVariableContext();
    assertThat(caching.evaluateSimpleUnaryTests("not(\"A\", \"B\")", "type", help)).isTrue();
    assertThat(caching.evaluations()).isEqualTo(5);
    // a function call is never taken for a constant
    var today = Variables.createVariables().putValue("day", java.time.LocalDate.of(2026, 11, 26)).asVariableContext();
    assertThat(caching.evaluateSimpleUnaryTests("< date(\"2027-01-01\")", "day", today)).isTrue();
    assertThat(caching.evaluateSimpleUnaryTests("< date(\"2027-01-01\")", "day", today)).isTrue();
    assertThat(caching.evaluations()).isEqualTo(7);
    // a single constant as an expression is evaluated once; a variable name every time
    assertThat(caching.<Object>evaluateSimpleExpression("\"DISPATCH\"", low)).isEqualTo("DISPATCH");
    assertThat(caching.<Object>evaluateSimpleExpression("\"DISPATCH\"", high)).isEqualTo("DISPATCH");
    assertThat(caching.<Object>evaluateSimpleExpression("limit", low)).isEqualTo(3L);
    assertThat(caching.<Object>evaluateSimpleExpression("limit", high)).isEqualTo(8L);
    assertThat(caching.evaluations()).isEqualTo(10);
    // the name of a string or boolean variable is its value, without FEEL; FEEL answers the same
    ScalaFeelEngine plain = new ScalaFeelEngine(List.of());
    var names = Variables.createVariables().putValue("type", "HELP").putValue("urgent", true)
        .putValue("count", 4).asVariableContext();
    for (String expression : List.of("type", " urgent ", "count", "missing", "true")) {
      assertThat(caching.<Object>evaluateSimpleExpression(expression, names)).as(expression)
          .isEqualTo(plain.<Object>evaluateSimpleExpression(expression, names));
    }
    // "count" (a number: FEEL converts it), "missing" (FEEL decides what no value is) and "true" went to FEEL
    assertThat(caching.evaluations()).isEqualTo(13);
  }

  private static String messageOf(Runnable evaluation) {
    try {
      evaluation.run();
    } catch (FeelException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a FeelException");
  }

  /** The string literals the input's rules and allowed values name, an unknown value and no value. */
  private static List<String> candidates(DmnModelInstance model, Input input) {
    Set<String> values = new LinkedHashSet<>();
    if (input.getInputValues() != null) {
      addLiterals(values, input.getInputValues().getTextContent());
    }
    var table = input.getParentElement();
    int column = new ArrayList<>(table.getChildElementsByType(Input.class)).indexOf(input);
    for (var rule : table.getChildElementsByType(org.camunda.bpm.model.dmn.instance.Rule.class)) {
      InputEntry entry = new ArrayList<>(rule.getInputEntries()).get(column);
      addLiterals(values, entry.getTextContent());
    }
    values.add("ZQT_NO_SUCH_VALUE");
    List<String> out = new ArrayList<>(values);
    out.add(null);
    return out;
  }

  private static void addLiterals(Set<String> values, String text) {
    Matcher m = LITERAL.matcher(text == null ? "" : text);
    while (m.find()) {
      values.add(m.group(1));
    }
  }

  private static List<Map<String, Object>> combinations(List<String> names, List<List<String>> candidates) {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new HashMap<>());
    for (int i = 0; i < names.size(); i++) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (String value : candidates.get(i)) {
          Map<String, Object> m = new HashMap<>(partial);
          m.put(names.get(i), value);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }
}
