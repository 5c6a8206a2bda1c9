package io.zqt.cases;

import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads the variables that a user task submitted and checks them on the server, whatever the form did: a step
 * that reads a bad value throws {@link InvalidInputException}, the engine rolls the whole completion back, and the
 * task stays open unchanged.
 */
public final class Vars {

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private Vars() {}

  public static String caseNumber(VariableScope scope) {
    Object value = scope.getVariable("caseNumber");
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalStateException("Process variable caseNumber is missing");
  }

  public static String requiredText(VariableScope scope, String name, String label, int max) {
    Object value = scope.getVariable(name);
    String text = value == null ? "" : value.toString().strip();
    if (text.isEmpty()) {
      throw invalid(name, label + "不能为空", "is required");
    }
    if (text.codePointCount(0, text.length()) > max) {
      throw invalid(name, label + "不能超过 " + max + " 个字", "must have at most " + max + " characters");
    }
    return text;
  }

  public static String optionalText(VariableScope scope, String name, String label, int max) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    return requiredText(scope, name, label, max);
  }

  public static String oneOf(VariableScope scope, String name, String label, Set<String> allowed) {
    Object value = scope.getVariable(name);
    if (value instanceof String s && allowed.contains(s)) {
      return s;
    }
    throw invalid(name, label + "取值无效，可选：" + String.join("、", allowed.stream().sorted().toList()),
        "must be one of " + allowed.stream().sorted().toList());
  }

  public static boolean requiredBoolean(VariableScope scope, String name, String label) {
    Object value = scope.getVariable(name);
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.parseBoolean((String) value);
    }
    throw invalid(name, label + "必须选择是或否", "must be true or false");
  }

  public static int intInRange(VariableScope scope, String name, String label, int min, int max) {
    Object value = scope.getVariable(name);
    long n;
    if (value instanceof Number number) {
      n = number.longValue();
    } else if (value instanceof String s && s.strip().matches("\\d{1,9}")) {
      n = Long.parseLong(s.strip());
    } else {
      throw invalid(name, label + "必须是整数", "must be a whole number");
    }
    if (n < min || n > max) {
      throw invalid(name, label + "应在 " + min + " 到 " + max + " 之间", "must be between " + min + " and " + max);
    }
    return (int) n;
  }

  /**
   * An integer output of a decision, which the business rule task's output mapping stores as the plain variable
   * {@code name}; null when absent. A case started on a process version from before session 11 holds the whole result
   * as one JSON map in {@code legacyResultVariable} instead ({@code mapDecisionResult="singleResult"}), with the
   * output under {@code legacyOutput}.
   */
  public static Integer decisionOutput(VariableScope scope, String name, String legacyResultVariable,
      String legacyOutput) {
    if (scope.getVariable(name) instanceof Number n) {
      return n.intValue();
    }
    Object result = scope.getVariable(legacyResultVariable);
    return result instanceof java.util.Map<?, ?> map && map.get(legacyOutput) instanceof Number n ? n.intValue()
        : null;
  }

  public static int count(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value instanceof Number n ? n.intValue() : 0;
  }

  /** A date submitted by a form: a java.util.Date or an ISO string (date or date-time). */
  public static LocalDate requiredDate(VariableScope scope, String name, String label) {
    Object value = scope.getVariable(name);
    if (value instanceof Date d) {
      return d.toInstant().atZone(ZONE).toLocalDate();
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return LocalDate.parse(s.strip().length() > 10 ? s.strip().substring(0, 10) : s.strip());
      } catch (DateTimeParseException e) {
        throw invalid(name, label + "日期格式应为 YYYY-MM-DD", "must be a date YYYY-MM-DD");
      }
    }
    throw invalid(name, label + "不能为空", "is required");
  }

  public static InvalidInputException invalid(String name, String messageZh, String messageEn) {
    return new InvalidInputException(List.of(new FieldProblem(name, messageZh, messageEn)));
  }
}
