package io.zqt.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.ProcessIds;
import io.zqt.cases.TaskInputCheck;
import io.zqt.intake.IntakeValidator;
import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The forms and the server agree: every form shows the same read-only case summary, and each form's validation
 * (required, lengths, number range, patterns, past dates) is what the server-side checks enforce
 * ({@link TaskInputCheck} on task completion, {@link IntakeValidator} for the start form). Each rule is probed on
 * the real checks with values just inside and just outside the form's limit.
 */
@ZqtSpringTest
class FormContractTest {

  private static final Path BASE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> FORMS = new LinkedHashMap<>();
  /** task definition key -> form file */
  private static final Map<String, String> FORM_OF_TASK = new LinkedHashMap<>();

  @Autowired TaskInputCheck taskInputCheck;
  @Autowired IntakeValidator intakeValidator;

  @BeforeAll
  static void readFiles() throws IOException {
    try (Stream<Path> files = Files.list(BASE.resolve("processes/forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        FORMS.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
      }
    }
    try (Stream<Path> files = Files.list(BASE.resolve("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class)
              .forEach(t -> FORM_OF_TASK.put(t.getId(), t.getCamundaFormRef() + ".form"));
        }
      }
    }
  }

  @BeforeEach
  void pinClock() {
    ClockUtil.setCurrentTime(new Date());
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // ---- the summary ------------------------------------------------------------------------------------------------

  @Test
  void everyFormHasTheSameReadOnlyCaseSummaryWithEveryKey() {
    JsonNode first = null;
    for (Map.Entry<String, JsonNode> form : FORMS.entrySet()) {
      JsonNode group = null;
      for (JsonNode component : form.getValue().path("components")) {
        if (CaseSummary.FORM_GROUP_ID.equals(component.path("id").asText())) {
          group = component;
        }
      }
      assertThat(group).as("%s has the group %s", form.getKey(), CaseSummary.FORM_GROUP_ID).isNotNull();
      assertThat(form.getValue().path("components").get(0)).as("%s: summary first", form.getKey()).isEqualTo(group);
      Map<String, String> labels = new LinkedHashMap<>();
      for (JsonNode field : group.path("components")) {
        assertThat(field.path("disabled").asBoolean()).as("%s %s disabled", form.getKey(), field.path("key"))
            .isTrue();
        assertThat(field.has("validate")).isFalse();
        labels.put(field.path("key").asText(), field.path("label").asText());
      }
      assertThat(labels).as(form.getKey()).containsExactlyEntriesOf(CaseSummary.LABELS);
      if (first == null) {
        first = group;
      }
      assertThat(group).as("%s: the summary is identical in every form", form.getKey()).isEqualTo(first);
    }
    assertThat(FORM_OF_TASK.values()).allSatisfy(file -> assertThat(FORMS).containsKey(file));
  }

  // ---- task forms against TaskInputCheck --------------------------------------------------------------------------

  /** Valid submissions per task, one per branch of its form; each probe changes one field of one of them. */
  static Map<String, List<Map<String, Object>>> validSubmissions() {
    String tomorrow = LocalDate.now().plusDays(2).toString();
    Map<String, List<Map<String, Object>>> bases = new LinkedHashMap<>();
    bases.put(ProcessIds.TASK_DIRECT_ANSWER, List.of(
        Map.of("directAnswerAction", "ANSWER", "answerText", "答复", "knowledgeEntryKeys", "SI-001;SI-008"),
        Map.of("directAnswerAction", "THREE_WAY_CALL", "specialistEntryKey", "SI-008", "knowledgeEntryKeys", "SI-001",
            "answerText", "已告知企业将连线政策专员")));
    bases.put(ProcessIds.TASK_THREE_WAY_CALL, List.of(
        Map.of("threeWayCallResult", "ANSWERED", "threeWayCallAnswer", "答复"),
        Map.of("threeWayCallResult", "NEEDS_HANDLING", "threeWayCallAnswer", "需核实企业参保记录")));
    bases.put(ProcessIds.TASK_SIGN_FOR, List.of(Map.of("signForDecision", "SIGN"),
        Map.of("signForDecision", "RETURN", "returnReason", "理由")));
    bases.put(ProcessIds.TASK_REROUTE, List.of(Map.of("handlingUnit", "HRSS", "rerouteReason", "理由")));
    bases.put(ProcessIds.TASK_HANDLE, List.of(
        Map.of("handlingAction", "REPLY", "replyResult", "RESOLVED", "replyText", "答复"),
        Map.of("handlingAction", "REPLY", "replyResult", "PLANNED", "replyText", "答复", "promisedDate", tomorrow),
        Map.of("handlingAction", "REPLY", "replyResult", "UNRESOLVED", "replyText", "答复", "unresolvedReason", "原因"),
        Map.of("handlingAction", "EXTEND", "extensionDays", 1, "extensionReason", "理由",
            "extensionMaxWorkingDays", 10)));
    bases.put(ProcessIds.TASK_REVIEW_EXTENSION, List.of(Map.of("extensionApproved", true),
        Map.of("extensionApproved", false, "extensionComment", "意见")));
    for (int gate = 1; gate <= 3; gate++) {
      String key = List.of(ProcessIds.TASK_GATE1, ProcessIds.TASK_GATE2, ProcessIds.TASK_GATE3).get(gate - 1);
      bases.put(key, List.of(gate == 3 ? Map.of("gate3Passed", true, "qcVerdict", "RESOLVED")
          : Map.of("gate" + gate + "Passed", true), Map.of("gate" + gate + "Passed", false, "gate" + gate + "Remark", "退回")));
    }
    bases.put(ProcessIds.TASK_CALLBACK, List.of(Map.of("satisfaction", "SATISFIED", "callbackComment", "好"),
        Map.of("satisfaction", "DISSATISFIED", "callbackComment", "不好")));
    bases.put(ProcessIds.TASK_REVIEW_DISSATISFACTION, List.of(Map.of("reopen", true, "reviewComment", "意见")));
    return bases;
  }

  /** The fields the check refuses for this submission (empty when it passes). */
  private List<String> refusedTask(String taskKey, Map<String, Object> variables) {
    DelegateTask task = mock(DelegateTask.class);
    when(task.getTaskDefinitionKey()).thenReturn(taskKey);
    when(task.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    try {
      taskInputCheck.notify(task);
      return List.of();
    } catch (InvalidInputException e) {
      return e.problems().stream().map(FieldProblem::field).toList();
    }
  }

  @Test
  void everyTaskFormValidatesWhatTheServerChecks() {
    Map<String, List<Map<String, Object>>> bases = validSubmissions();
    assertThat(bases.keySet()).containsExactlyInAnyOrderElementsOf(FORM_OF_TASK.keySet());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<Map<String, Object>>> entry : bases.entrySet()) {
      String taskKey = entry.getKey();
      String file = FORM_OF_TASK.get(taskKey);
      Map<String, JsonNode> inputs = inputFields(FORMS.get(file));
      for (Map<String, Object> base : entry.getValue()) {
        assertThat(refusedTask(taskKey, base)).as("%s accepts %s", taskKey, base).isEmpty();
        for (String key : base.keySet()) {
          if (key.equals("extensionMaxWorkingDays")) { // the handling-deadline decision's, not the form's
            continue;
          }
          JsonNode field = inputs.get(key);
          if (field == null) {
            problems.add(file + ": the server reads " + key + " but the form has no input for it");
            continue;
          }
          probe(taskKey, file, field, base, problems);
        }
      }
      for (Map.Entry<String, JsonNode> input : inputs.entrySet()) {
        String key = input.getKey();
        List<Map<String, Object>> showing = entry.getValue().stream().filter(base -> base.containsKey(key)).toList();
        if (showing.isEmpty()) {
          problems.add(file + ": input " + key + " is not read by any valid submission of " + taskKey);
          continue;
        }
        long refusedWithout = showing.stream().filter(base -> refusedTask(taskKey, without(base, key)).contains(key))
            .count();
        boolean formRequires = input.getValue().path("validate").path("required").asBoolean();
        if (formRequires && refusedWithout < showing.size()) {
          problems.add(file + ": the form requires " + key + ", the server does not always (bases " + showing + ")");
        }
        boolean alwaysRequired = refusedWithout == entry.getValue().size();
        if (!formRequires && alwaysRequired && !input.getValue().path("type").asText().equals("checkbox")) {
          problems.add(file + ": the server always requires " + key + ", the form does not");
        }
        if (!formRequires && refusedWithout > 0 && !alwaysRequired
            && !input.getValue().path("description").asText().contains("必填")) {
          // form-js cannot make "required" depend on another field: the form tells the person instead
          problems.add(file + ": the server requires " + key + " in some cases; the form's description must say when"
              + " (必填)");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Fields whose values the server looks up in the knowledge base: their length limits are probed with a real key
   * padded to the length (empty list items, spaces), since any other text is refused as an unknown entry.
   */
  private static final Map<String, java.util.function.IntFunction<String>> KEY_FILLERS = Map.of(
      "knowledgeEntryKeys", n -> "SI-008" + ";".repeat(n - 6),
      "specialistEntryKey", n -> "SI-008" + " ".repeat(n - 6));

  private static String filler(String key, int length) {
    return KEY_FILLERS.containsKey(key) ? KEY_FILLERS.get(key).apply(length) : "好".repeat(length);
  }

  private void probe(String taskKey, String file, JsonNode field, Map<String, Object> base, List<String> problems) {
    String key = field.path("key").asText();
    JsonNode validate = field.path("validate");
    String at = file + " " + key + " (" + base + ")";
    if (field.path("type").asText().matches("textfield|textarea")) {
      boolean longRefused = refusedTask(taskKey, with(base, key, filler(key, 5000))).contains(key);
      if (validate.has("maxLength")) {
        int max = validate.path("maxLength").asInt();
        if (refusedTask(taskKey, with(base, key, filler(key, max))).contains(key)) {
          problems.add(at + ": the server refuses " + max + " characters, the form allows them");
        }
        if (!refusedTask(taskKey, with(base, key, filler(key, max + 1))).contains(key)) {
          problems.add(at + ": the server accepts " + (max + 1) + " characters, the form refuses them");
        }
      } else if (longRefused) {
        problems.add(at + ": the server limits the length, the form has no maxLength");
      }
    }
    if (field.path("type").asText().equals("number")) {
      int min = validate.path("min").asInt();
      int max = validate.path("max").asInt();
      if (!refusedTask(taskKey, with(base, key, min - 1)).contains(key)) {
        problems.add(at + ": the server accepts " + (min - 1) + " below the form's min");
      }
      if (!refusedTask(taskKey, with(base, key, max + 1)).contains(key)) {
        problems.add(at + ": the server accepts " + (max + 1) + " above the form's max");
      }
      if (!refusedTask(taskKey, with(base, key, max)).isEmpty()) {
        problems.add(at + ": the server refuses the form's max " + max + " (with the largest allowance)");
      }
    }
    if (field.path("type").asText().equals("datetime")) {
      boolean pastRefused = refusedTask(taskKey, with(base, key, LocalDate.now().minusDays(1).toString()))
          .contains(key);
      if (pastRefused != field.path("disallowPassedDates").asBoolean()) {
        problems.add(at + ": past dates: server refuses=" + pastRefused + ", form disallowPassedDates="
            + field.path("disallowPassedDates").asBoolean());
      }
    }
    if (field.has("values")) {
      if (!refusedTask(taskKey, with(base, key, "NOT_AN_OPTION")).contains(key)) {
        problems.add(at + ": the server accepts a value that is not one of the form's options");
      }
      for (JsonNode option : field.path("values")) {
        Map<String, Object> chosen = with(base, key, option.path("value").asText());
        List<String> refused = refusedTask(taskKey, chosen);
        if (refused.contains(key)) {
          problems.add(at + ": the server refuses the form's option " + option.path("value").asText());
        }
      }
    }
  }

  // ---- the start form against IntakeValidator ---------------------------------------------------------------------

  static Map<String, Object> validIntake() {
    Map<String, Object> v = new HashMap<>(Map.of("enterpriseName", "烟台市某精密机械有限公司",
        "creditCode", "91370602MA3C4K7L1W", "contactName", "王经理", "contactPhone", "13853512345",
        "district", "ZHIFU", "type", "HELP", "topic", "SOCIAL_INSURANCE", "urgency", "NORMAL",
        "title", "新招员工社保登记遇到问题", "description", "公司本月新招 12 名员工，网上办理社保登记时系统提示单位信息不一致。"));
    v.put("channel", "PHONE");
    return v;
  }

  private List<String> refusedIntake(Map<String, Object> variables) {
    try {
      intakeValidator.validate(variables::get);
      return List.of();
    } catch (InvalidInputException e) {
      return e.problems().stream().map(FieldProblem::field).toList();
    }
  }

  @Test
  void theStartFormValidatesWhatTheIntakeValidatorChecks() {
    Map<String, Object> base = validIntake();
    assertThat(refusedIntake(base)).isEmpty();
    Map<String, JsonNode> inputs = inputFields(FORMS.get("case-intake.form"));
    assertThat(inputs.keySet()).containsExactlyInAnyOrderElementsOf(base.keySet());
    List<String> problems = new ArrayList<>();
    for (JsonNode field : inputs.values()) {
      String key = field.path("key").asText();
      JsonNode validate = field.path("validate");
      boolean required = refusedIntake(without(base, key)).contains(key);
      if (required != validate.path("required").asBoolean() && !key.equals("urgency")) {
        problems.add(key + ": required on the server=" + required + ", in the form=" + validate.path("required"));
      }
      if (validate.has("maxLength")) {
        int max = validate.path("maxLength").asInt();
        if (!refusedIntake(with(base, key, "好".repeat(max))).isEmpty()
            || !refusedIntake(with(base, key, "好".repeat(max + 1))).contains(key)) {
          problems.add(key + ": maxLength " + max + " differs from the server");
        }
      }
      if (validate.has("minLength")) {
        int min = validate.path("minLength").asInt();
        if (!refusedIntake(with(base, key, "好".repeat(min))).isEmpty()
            || !refusedIntake(with(base, key, "好".repeat(min - 1))).contains(key)) {
          problems.add(key + ": minLength " + min + " differs from the server");
        }
      } else if (field.path("type").asText().matches("textfield|textarea") && !validate.has("pattern")
          && refusedIntake(with(base, key, "好")).contains(key)) {
        problems.add(key + ": the server wants more than one character, the form has no minLength");
      }
      if (field.has("values")) {
        for (JsonNode option : field.path("values")) {
          if (refusedIntake(with(base, key, option.path("value").asText())).contains(key)) {
            problems.add(key + ": the server refuses the form's option " + option.path("value").asText());
          }
        }
      }
    }
    // patterns: what the server accepts matches the form's pattern, and what the pattern refuses the server refuses
    Map<String, List<String>> good = Map.of(
        "creditCode", List.of("91370602MA3C4K7L1W", "91370602ma3c4k7l1w"),
        "contactPhone", List.of("13853512345", "+8613853512345", "0535-6612345", "05356612345", "010-66123456",
            "0535-6612345-801"));
    Map<String, List<String>> bad = Map.of(
        "creditCode", List.of("91370602MA3C4K7L1", "91370602MA3C4K7L1WX", "9137060IMA3C4K7L1W", "91ABCDEFMA3C4K7L1W"),
        "contactPhone", List.of("12345", "12853512345", "0535-1234567", "138535123456", "535-6612345"));
    for (String key : good.keySet()) {
      Pattern pattern = Pattern.compile(inputs.get(key).path("validate").path("pattern").asText());
      for (String value : good.get(key)) {
        assertThat(refusedIntake(with(base, key, value))).as("server accepts %s %s", key, value).isEmpty();
        if (!pattern.matcher(value).matches()) {
          problems.add(key + ": the form refuses " + value + ", which the server accepts");
        }
      }
      for (String value : bad.get(key)) {
        if (pattern.matcher(value).matches()) {
          problems.add(key + ": the form accepts " + value + ", which the server refuses");
        }
        assertThat(refusedIntake(with(base, key, value))).as("server refuses %s %s", key, value).contains(key);
      }
    }
    assertThat(problems).isEmpty();
  }

  // ---- helpers ----------------------------------------------------------------------------------------------------

  /** The fields a person fills in (with a key, not disabled), outside the summary. */
  private static Map<String, JsonNode> inputFields(JsonNode container) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (JsonNode component : container.path("components")) {
      if (component.has("key") && !component.path("disabled").asBoolean()) {
        fields.put(component.path("key").asText(), component);
      }
      fields.putAll(inputFields(component));
    }
    return fields;
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  private static Map<String, Object> without(Map<String, Object> base, String key) {
    Map<String, Object> copy = new HashMap<>(base);
    copy.remove(key);
    return copy;
  }
}
