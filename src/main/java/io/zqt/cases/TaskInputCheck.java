package io.zqt.cases;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.org.UnitCatalog;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Server-side check of what a person submits on each user task, applied on "complete" to every user task (see
 * {@link TaskInputCheckPlugin}). Forms validate in the browser only; a crafted submit that skips the form is
 * refused here with {@link io.zqt.web.InvalidInputException}, and the whole completion rolls back: the task stays
 * open and unchanged.
 */
@Component("taskInputCheck")
public class TaskInputCheck implements TaskListener {

  static final int REASON_MAX = 500;
  static final int TEXT_MAX = 2000;
  /** Longest list of knowledge entry keys (characters, separators included) a direct answer may cite. */
  public static final int ENTRY_KEYS_MAX = 500;
  public static final int ENTRY_KEY_MAX = 32;
  public static final String ANSWER = "ANSWER";
  public static final String THREE_WAY_CALL = "THREE_WAY_CALL";
  public static final Set<String> THREE_WAY_CALL_RESULTS = Set.of("ANSWERED", "NEEDS_HANDLING");

  private final Map<String, Consumer<DelegateTask>> checks;
  private final UnitCatalog units;
  private final ZoneId zone;
  private final KnowledgeEntries knowledge;

  public TaskInputCheck(UnitCatalog units, @org.springframework.beans.factory.annotation.Value("${zqt.zone:Asia/Shanghai}")
      String zone, KnowledgeEntries knowledge) {
    this.units = units;
    this.knowledge = knowledge;
    this.zone = ZoneId.of(zone);
    this.checks = Map.ofEntries(
        Map.entry(ProcessIds.TASK_DIRECT_ANSWER, this::directAnswer),
        Map.entry(ProcessIds.TASK_THREE_WAY_CALL, this::threeWayCall),
        Map.entry(ProcessIds.TASK_SIGN_FOR, this::signFor),
        Map.entry(ProcessIds.TASK_REROUTE, this::reroute),
        Map.entry(ProcessIds.TASK_HANDLE, this::handle),
        Map.entry(ProcessIds.TASK_REVIEW_EXTENSION, this::reviewExtension),
        Map.entry(ProcessIds.TASK_GATE1, t -> gate(t, 1)),
        Map.entry(ProcessIds.TASK_GATE2, t -> gate(t, 2)),
        Map.entry(ProcessIds.TASK_GATE3, t -> gate(t, 3)),
        Map.entry(ProcessIds.TASK_CALLBACK, this::callback),
        Map.entry(ProcessIds.TASK_REVIEW_DISSATISFACTION, this::reviewDissatisfaction));
  }

  @Override
  public void notify(DelegateTask task) {
    Consumer<DelegateTask> check = checks.get(task.getTaskDefinitionKey());
    if (check != null) {
      check.accept(task);
    }
  }

  /** Whether a task of this key has a check (used by tests to prove every user task is covered). */
  public boolean covers(String taskDefinitionKey) {
    return checks.containsKey(taskDefinitionKey);
  }

  /**
   * 直接答复: ANSWER (the default when a client sends no action) needs the answer; THREE_WAY_CALL needs the
   * responsibility entry whose specialist is to be called. The cited entry keys are optional; each must exist.
   */
  private void directAnswer(DelegateTask t) {
    Object action = t.getVariable("directAnswerAction");
    boolean threeWayCall = action != null
        && THREE_WAY_CALL.equals(Vars.oneOf(t, "directAnswerAction", "答复方式", Set.of(ANSWER, THREE_WAY_CALL)));
    if (threeWayCall) {
      Vars.optionalText(t, "answerText", "答复内容", TEXT_MAX);
      KnowledgeEntry entry = existingEntry(t, "specialistEntryKey", "三方连线权责条目编号");
      if (entry.type() != EntryType.RESPONSIBILITY) {
        throw Vars.invalid("specialistEntryKey", "条目 " + entry.key() + " 不是部门权责条目，请填写部门权责类条目的编号",
            "must be a RESPONSIBILITY entry");
      }
    } else {
      Vars.requiredText(t, "answerText", "答复内容", TEXT_MAX);
    }
    knowledgeEntryKeys(t);
  }

  /** 政策专员三方连线答复: ANSWERED needs the answer; NEEDS_HANDLING may say why. */
  private void threeWayCall(DelegateTask t) {
    String result = Vars.oneOf(t, "threeWayCallResult", "连线结果", THREE_WAY_CALL_RESULTS);
    if ("ANSWERED".equals(result)) {
      Vars.requiredText(t, "threeWayCallAnswer", "答复内容", TEXT_MAX);
    } else {
      Vars.optionalText(t, "threeWayCallAnswer", "转办说明", TEXT_MAX);
    }
  }

  /** The cited knowledge entry keys, checked to exist; empty when none was given. */
  private List<String> knowledgeEntryKeys(DelegateTask t) {
    Object value = t.getVariable("knowledgeEntryKeys");
    if (value == null || value.toString().isBlank()) {
      return List.of();
    }
    String text = value.toString();
    if (text.length() > ENTRY_KEYS_MAX) {
      throw Vars.invalid("knowledgeEntryKeys", "引用知识条目编号不能超过 " + ENTRY_KEYS_MAX + " 个字",
          "must have at most " + ENTRY_KEYS_MAX + " characters");
    }
    List<String> keys = parseEntryKeys(text);
    List<String> unknown = new ArrayList<>();
    for (String key : keys) {
      if (key.length() > ENTRY_KEY_MAX || knowledge.find(key).isEmpty()) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw Vars.invalid("knowledgeEntryKeys", "知识库中没有这些条目：" + String.join("；", unknown),
          "unknown knowledge entries: " + unknown);
    }
    return keys;
  }

  private KnowledgeEntry existingEntry(DelegateTask t, String name, String label) {
    Object value = t.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      throw Vars.invalid(name, label + "不能为空", "is required");
    }
    String text = value.toString();
    if (text.length() > ENTRY_KEY_MAX) {
      throw Vars.invalid(name, label + "不能超过 " + ENTRY_KEY_MAX + " 个字",
          "must have at most " + ENTRY_KEY_MAX + " characters");
    }
    Optional<KnowledgeEntry> entry = knowledge.find(text.strip());
    if (entry.isEmpty()) {
      throw Vars.invalid(name, "知识库中没有条目 " + text.strip(), "unknown knowledge entry");
    }
    return entry.get();
  }

  /**
   * Keys of a list as people type it: separated by ';' (also '；', ',' or '，'), spaces and empty items ignored,
   * duplicates dropped, order kept.
   */
  public static List<String> parseEntryKeys(String text) {
    if (text == null) {
      return List.of();
    }
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    for (String part : text.split("[;；,，]")) {
      if (!part.isBlank()) {
        keys.add(part.strip());
      }
    }
    return List.copyOf(keys);
  }

  private void signFor(DelegateTask t) {
    if ("RETURN".equals(Vars.oneOf(t, "signForDecision", "签收意见", Set.of("SIGN", "RETURN")))) {
      Vars.requiredText(t, "returnReason", "退单理由", REASON_MAX);
    }
  }

  private void reroute(DelegateTask t) {
    Object unit = t.getVariable("handlingUnit");
    if (!(unit instanceof String code) || units.find(code).isEmpty()) {
      throw Vars.invalid("handlingUnit", "请选择有效的承办单位", "must be a known unit code");
    }
    Vars.requiredText(t, "rerouteReason", "改派理由", REASON_MAX);
  }

  private void handle(DelegateTask t) {
    String action = Vars.oneOf(t, "handlingAction", "办理方式", Set.of("REPLY", "EXTEND"));
    if ("EXTEND".equals(action)) {
      int left = extensionDaysLeft(t);
      if (left < 1) {
        throw Vars.invalid("extensionDays", "延期天数已用完，不能再申请延期", "no extension days left");
      }
      Vars.intInRange(t, "extensionDays", "延期天数", 1, left);
      Vars.requiredText(t, "extensionReason", "延期理由", REASON_MAX);
      return;
    }
    String result = Vars.oneOf(t, "replyResult", "办理结果", Set.of("RESOLVED", "PLANNED", "UNRESOLVED"));
    Vars.requiredText(t, "replyText", "答复内容", TEXT_MAX);
    if ("PLANNED".equals(result)) {
      LocalDate promised = Vars.requiredDate(t, "promisedDate", "承诺解决日期");
      if (!promised.isAfter(EngineClock.now().atZone(zone).toLocalDate())) {
        throw Vars.invalid("promisedDate", "承诺解决日期应晚于今天", "must be after today");
      }
    }
    if ("UNRESOLVED".equals(result)) {
      Vars.requiredText(t, "unresolvedReason", "未解决原因", REASON_MAX);
    }
  }

  private void reviewExtension(DelegateTask t) {
    boolean approved = Vars.requiredBoolean(t, "extensionApproved", "是否同意延期");
    if (approved) {
      Vars.optionalText(t, "extensionComment", "审批意见", REASON_MAX);
    } else {
      Vars.requiredText(t, "extensionComment", "不同意的理由", REASON_MAX);
    }
  }

  private void gate(DelegateTask t, int gate) {
    boolean passed = Vars.requiredBoolean(t, "gate" + gate + "Passed", "是否通过");
    if (!passed) {
      Vars.requiredText(t, "gate" + gate + "Remark", "退回理由", REASON_MAX);
      return;
    }
    Vars.optionalText(t, "gate" + gate + "Remark", "质检意见", REASON_MAX);
    if (gate == 3) {
      Vars.oneOf(t, "qcVerdict", "质检结论",
          Set.of("RESOLVED", "PLANNED", "UNRESOLVED_JUSTIFIED", "UNRESOLVED_UNJUSTIFIED"));
    }
  }

  private void callback(DelegateTask t) {
    String satisfaction = Vars.oneOf(t, "satisfaction", "满意度", RecordCallbackDelegate.SATISFACTION);
    if ("DISSATISFIED".equals(satisfaction)) {
      Vars.requiredText(t, "callbackComment", "不满意的原因", REASON_MAX);
    } else {
      Vars.optionalText(t, "callbackComment", "回访意见", REASON_MAX);
    }
  }

  private void reviewDissatisfaction(DelegateTask t) {
    Vars.requiredBoolean(t, "reopen", "是否重办");
    Vars.requiredText(t, "reviewComment", "研判意见", REASON_MAX);
  }

  private static int extensionDaysLeft(DelegateTask t) {
    Integer max = Vars.decisionOutput(t, "extensionMaxWorkingDays", "deadlineRule", "extensionMaxWorkingDays");
    return (max == null ? 0 : max) - Vars.count(t, "extensionDaysGranted");
  }
}
