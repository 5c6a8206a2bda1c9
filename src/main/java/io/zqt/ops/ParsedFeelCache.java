package io.zqt.ops;

import camundajar.impl.scala.collection.immutable.Map.Map1;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import camundajar.impl.scala.runtime.BoxesRunTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Makes the decisions' FEEL cheap: each expression is parsed once, and a test that names only constants is decided
 * once per input value.
 *
 * <p>Camunda 7.24's FEEL engine ({@link ScalaFeelEngine}) hands the expression's text to the FEEL interpreter, which
 * parses it anew and builds a fresh table of all of FEEL's built-in functions for every single evaluation. A decision
 * table is evaluated cell by cell: routing one case through {@code case-routing} (32 rules, 3 inputs) evaluates about
 * a hundred unary tests. A CPU profile of the intake at 50 requests per second ({@code io.zqt.bench.IntakeProfile},
 * docs/benchmarks.md) put 36% of all samples under the business rule tasks: 24% building the built-in function table,
 * 8% parsing.
 *
 * <p>This plugin gives the engine's DMN engine a FEEL engine that is Camunda's own (the same interpreter, value mappers,
 * variable context and error messages) with three shortcuts:
 * <ul>
 *   <li>What the parser makes of a text is kept: an expression's meaning depends on its text alone, so a new decision
 *       version simply adds its texts. Texts that do not parse are not kept; they fail as before every time.</li>
 *   <li>An expression that is just the name of a string or boolean variable ({@code topic}, the usual input
 *       expression) is that variable's value, as FEEL would return it; any other type goes to FEEL.</li>
 *   <li>A unary test made of constants only ({@code "HELP","COMPLAINT"}, {@code not("PRAISE")}, {@code >= 3}) depends
 *       on nothing but the input value, so FEEL's answer for a value is kept; likewise the value of an output entry
 *       that is a single constant ({@code "DISPATCH"}). Anything that names a variable or calls a function, such as
 *       {@code > limit} or {@code date("2026-01-01")}, is evaluated by FEEL every time.</li>
 * </ul>
 * Every answer kept was FEEL's own. The caches are bounded ({@link #MAX_ENTRIES} each) and start over when full.
 * {@code zqt.engine.feel-cache=false} leaves Camunda's FEEL engine as it is (for comparison).
 */
@Component
@ConditionalOnProperty(name = "zqt.engine.feel-cache", havingValue = "true", matchIfMissing = true)
public class ParsedFeelCache extends AbstractProcessEnginePlugin {

  /** Entries kept per cache: the decisions of a deployment hold a few hundred texts. */
  static final int MAX_ENTRIES = 20_000;

  /** A constant FEEL names: a string without escapes, a number, a boolean or null. */
  private static final String CONSTANT = "(?:\"[^\"\\\\]*\"|-?\\d+(?:\\.\\d+)?|true|false|null)";
  /** A unary test of constants only: a list of constants, each with an optional comparison, perhaps negated. */
  static final Pattern CONSTANT_TESTS;
  /** An expression that is one constant. */
  static final Pattern CONSTANT_EXPRESSION = Pattern.compile("\\s*" + CONSTANT + "\\s*");
  /** An expression that is one plain name, such as an input expression {@code topic}. */
  static final Pattern NAME = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");
  /** FEEL's words, which are not names of variables. */
  private static final java.util.Set<String> KEYWORDS = java.util.Set.of("true", "false", "null", "not", "and", "or",
      "if", "then", "else", "for", "in", "return", "some", "every", "satisfies", "between", "instance", "of",
      "function", "external");

  static {
    String test = "\\s*(?:(?:<=|>=|<|>|=|!=)\\s*)?" + CONSTANT + "\\s*";
    String list = test + "(?:," + test + ")*";
    CONSTANT_TESTS = Pattern.compile("\\s*(?:" + list + "|not\\s*\\(" + list + "\\))\\s*");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = new DefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    dmn.setFeelEngineFactory(new CachingFeelEngineFactory(dmn));
  }

  /**
   * Makes the caching engine when the DMN engine is built, with the custom FEEL functions the engine's configuration
   * has given the DMN configuration by then.
   */
  public static final class CachingFeelEngineFactory implements FeelEngineFactory {

    private final DefaultDmnEngineConfiguration dmn;

    public CachingFeelEngineFactory(DefaultDmnEngineConfiguration dmn) {
      this.dmn = dmn;
    }

    @Override
    public FeelEngine createInstance() {
      List<FeelCustomFunctionProvider> functions = dmn.getFeelCustomFunctionProviders();
      return new CachingFeelEngine(functions == null ? List.of() : functions);
    }
  }

  /** Camunda's FEEL engine with its parse results, and the answers of constant-only tests, kept. */
  public static final class CachingFeelEngine extends ScalaFeelEngine {

    private record TestInput(String expression, Object input) {}

    private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
    private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();
    private final Map<TestInput, Boolean> testAnswers = new ConcurrentHashMap<>();
    private final Map<String, Optional<Object>> constants = new ConcurrentHashMap<>();
    private final AtomicLong parses = new AtomicLong();
    private final AtomicLong evaluations = new AtomicLong();

    public CachingFeelEngine(List<FeelCustomFunctionProvider> functions) {
      super(functions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
      if (CONSTANT_EXPRESSION.matcher(expression).matches()) {
        return (T) remembered(constants, expression, () -> Optional.ofNullable(evaluate(expression, variables)))
            .orElse(null);
      }
      Matcher name = NAME.matcher(expression);
      if (name.matches() && !KEYWORDS.contains(name.group(1))) {
        TypedValue typed = variables.resolve(name.group(1));
        // FEEL hands a string or a boolean variable back unchanged; other types it converts, so FEEL decides those
        if (typed != null && (typed.getValue() instanceof String || typed.getValue() instanceof Boolean)) {
          return (T) typed.getValue();
        }
      }
      return (T) evaluate(expression, variables);
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
      if (CONSTANT_TESTS.matcher(expression).matches()) {
        TypedValue typed = variables.resolve(inputVariable);
        Object input = typed == null ? null : typed.getValue();
        if (input == null || input instanceof String || input instanceof Boolean || input instanceof Integer
            || input instanceof Long || input instanceof Short || input instanceof Double
            || input instanceof java.math.BigDecimal) {
          return remembered(testAnswers, new TestInput(expression, input),
              () -> test(expression, inputVariable, variables));
        }
      }
      return test(expression, inputVariable, variables);
    }

    /** Expression texts parsed and kept so far. */
    public int parsed() {
      return expressions.size() + unaryTests.size();
    }

    /** How often the parser ran: once per distinct text, plus every attempt at a text that does not parse. */
    public long parses() {
      return parses.get();
    }

    /** How often the FEEL interpreter evaluated something (the rest was answered from what was kept). */
    public long evaluations() {
      return evaluations.get();
    }

    private Object evaluate(String expression, VariableContext variables) {
      ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
      CustomContext context = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new ContextVariableWrapper(variables);
        }
      };
      evaluations.incrementAndGet();
      return value(feelEngine.eval(parsed, context));
    }

    private boolean test(String expression, String inputVariable, VariableContext variables) {
      ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
      StaticVariableProvider input = new StaticVariableProvider(new Map1<>(INPUT_VARIABLE_NAME, inputVariable));
      ContextVariableWrapper context = new ContextVariableWrapper(variables);
      CustomContext both = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new VariableProvider.CompositeVariableProvider(toScalaList(input, context));
        }
      };
      evaluations.incrementAndGet();
      return BoxesRunTime.unboxToBoolean(value(feelEngine.eval(parsed, both)));
    }

    private ParsedExpression parsed(Map<String, ParsedExpression> cache, String text,
        Function<String, Either<Failure, ParsedExpression>> parser) {
      return remembered(cache, text, () -> {
        parses.incrementAndGet();
        return (ParsedExpression) value(parser.apply(text));
      });
    }

    /**
     * What the cache holds for the key, or what {@code make} gives, then kept; the cache starts over when full. A
     * failure of {@code make} keeps nothing.
     */
    private static <K, V> V remembered(Map<K, V> cache, K key, Supplier<V> make) {
      V known = cache.get(key);
      if (known == null) {
        known = make.get();
        if (cache.size() >= MAX_ENTRIES) {
          cache.clear();
        }
        cache.put(key, known);
      }
      return known;
    }

    private static Object value(Either<Failure, ?> result) {
      if (result instanceof Right<?, ?> right) {
        return right.value();
      }
      throw LOGGER.evaluationException(((Failure) ((Left<?, ?>) result).value()).message());
    }
  }
}
