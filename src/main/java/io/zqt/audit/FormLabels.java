package io.zqt.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Chinese labels of process variables for people reading a timeline: the labels of the Camunda Forms that staff
 * fill in (processes/forms/*.form, read once at start-up), plus the variables that the app's delegates set.
 */
@Component
public class FormLabels {

  /** Variables that no form shows but the delegates set; names are the glossary's. */
  private static final Map<String, String> DELEGATE_VARIABLES = Map.ofEntries(
      Map.entry("caseNumber", "工单编号"),
      Map.entry("path", "分拨路径"),
      Map.entry("handlingUnit", "承办单位"),
      Map.entry("routingReason", "分拨理由"),
      Map.entry("unitGroup", "承办单位用户组"),
      Map.entry("signForDue", "签收时限"),
      Map.entry("handlingDue", "办理时限"),
      Map.entry("overdue", "已超期"),
      Map.entry("returnCount", "退单次数"),
      Map.entry("lastReturnedBy", "最近退单单位"),
      Map.entry("responsibilityUnclear", "权责不清"),
      Map.entry("extensionCount", "延期次数"),
      Map.entry("extensionDaysGranted", "批准延期工作日"),
      Map.entry("replyUnit", "答复单位"),
      Map.entry("qcOutcome", "质检结果"),
      Map.entry("qcVerdict", "质检结论"),
      Map.entry("reworkCount", "重办次数"),
      Map.entry("reworkReason", "重办原因"),
      Map.entry("reopenCount", "重新办理次数"),
      Map.entry("reopenTarget", "重新办理环节"),
      Map.entry("intakeBy", "受理人"),
      Map.entry("threeWayCallMinutes", "连线答复时限（分钟）"),
      Map.entry("signForWorkingHours", "签收时限（工作小时）"),
      Map.entry("handlingWorkingDays", "办理时限（工作日）"),
      Map.entry("extensionMaxWorkingDays", "最长延期（工作日）"),
      Map.entry("specialistFound", "有在岗政策专员"),
      Map.entry("specialistId", "政策专员"),
      Map.entry("specialistName", "政策专员姓名"),
      Map.entry("specialistUnitGroup", "政策专员单位用户组"),
      Map.entry("threeWayCallDue", "连线答复时限"),
      Map.entry("threeWayCallOutcome", "三方连线结果"));

  private final Map<String, String> labels = new HashMap<>(DELEGATE_VARIABLES);
  private final Map<String, Map<String, String>> valueLabels = new HashMap<>();

  public FormLabels(ObjectMapper json) {
    try {
      for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/forms/*.form")) {
        try (InputStream in = form.getInputStream()) {
          collect(json.readTree(in));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the forms for timeline labels", e);
    }
  }

  private void collect(JsonNode node) {
    if (node.isArray()) {
      node.forEach(this::collect);
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode key = node.get("key");
    JsonNode label = node.get("label");
    if (key != null && key.isTextual() && label != null && label.isTextual() && !label.asText().isBlank()) {
      labels.putIfAbsent(key.asText(), label.asText());
      JsonNode values = node.get("values");
      if (values != null && values.isArray()) {
        Map<String, String> options = valueLabels.computeIfAbsent(key.asText(), k -> new HashMap<>());
        values.forEach(v -> {
          if (v.hasNonNull("value") && v.hasNonNull("label")) {
            options.putIfAbsent(v.get("value").asText(), v.get("label").asText());
          }
        });
      }
    }
    JsonNode children = node.get("components");
    if (children != null) {
      collect(children);
    }
  }

  /** The Chinese label of a variable, or the variable name itself when none is known. */
  public String label(String variable) {
    return labels.getOrDefault(variable, variable);
  }

  /** The Chinese label of a variable's value where a form offers it as a choice (e.g. SIGN gives 签收), else null. */
  public String valueLabel(String variable, Object value) {
    if (value == null) {
      return null;
    }
    Map<String, String> options = valueLabels.get(variable);
    if (options != null) {
      return options.get(String.valueOf(value));
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    return null;
  }
}
