package io.zqt.audit;

import io.zqt.audit.TimelineEntry.FieldValue;
import io.zqt.audit.TimelineEntry.Type;
import io.zqt.audit.TimelineEntry.Who;
import io.zqt.cases.CaseRecord;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseView;
import io.zqt.cases.EngineClock;
import io.zqt.cases.ProcessIds;
import io.zqt.org.ReferenceCatalog;
import io.zqt.org.ReferenceCatalog.Kind;
import io.zqt.org.UnitCatalog;
import io.zqt.org.Unit;
import io.zqt.security.ZqtUser;
import io.zqt.web.NotFoundException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricActivityInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Service;

/**
 * Builds a case's timeline from the case record, the engine's history of every process instance that carried the
 * case number (the case and each QC run: the call activity passes the business key), the comments, the user
 * operation log and the reminders table.
 *
 * <p>Query budget per case: 9 queries whatever the case's length, plus 2 per process instance (comments, user
 * operation log) and 1 per user task (comments made through the REST API name only the task); a case has one
 * instance plus one per QC run.
 */
@Service
public class TimelineService {

  /** Activity types that make a step (gateways and sequence flows are left out). */
  private static final Set<String> STEP_TYPES = Set.of("startEvent", "noneEndEvent", "endEvent", "userTask",
      "serviceTask", "businessRuleTask", "callActivity", "boundaryTimer", "intermediateTimer",
      "messageStartEvent", "boundaryMessage", "intermediateMessageCatch", "scriptTask", "sendTask",
      "receiveTask", "manualTask", "task");

  /** Steps that escalate or loop a case: RETURN, EXTENSION, REWORK, REOPEN, OVERDUE. */
  private static final Map<String, String> ESCALATIONS = Map.of(
      "Task_RecordReturn", "RETURN",
      "Task_RecordExtension", "EXTENSION",
      "Task_RecordReworkGate1", "REWORK",
      "Task_RecordReworkGate2", "REWORK",
      "Task_RecordReworkGate3", "REWORK",
      "Task_ReopenCase", "REOPEN",
      ProcessIds.BOUNDARY_SIGN_FOR_OVERDUE, "OVERDUE",
      ProcessIds.BOUNDARY_HANDLING_OVERDUE, "OVERDUE");

  private static final Map<String, String> REMINDER_KINDS = Map.of(
      "SIGN_FOR_OVERDUE", "签收超时", "HANDLING_OVERDUE", "办理超时");

  /** Engine ids are UUIDs or numbers; anything else never reaches a native query. */
  private static final Pattern ENGINE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final CaseRepository cases;
  private final HistoryService historyService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final ManagementService managementService;
  private final org.camunda.bpm.engine.RepositoryService repositoryService;
  private final ReferenceCatalog reference;
  private final UnitCatalog units;
  private final FormLabels labels;
  private final List<TimelineContributor> contributors;

  public TimelineService(CaseRepository cases, HistoryService historyService, TaskService taskService,
      IdentityService identityService, ManagementService managementService,
      org.camunda.bpm.engine.RepositoryService repositoryService, ReferenceCatalog reference, UnitCatalog units,
      FormLabels labels, List<TimelineContributor> contributors) {
    this.cases = cases;
    this.historyService = historyService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.managementService = managementService;
    this.repositoryService = repositoryService;
    this.reference = reference;
    this.units = units;
    this.labels = labels;
    this.contributors = contributors;
  }

  /** The case record, if the user may read it; 404 otherwise (as for cases of other units). */
  public CaseRecord readable(String caseNumber, ZqtUser user) {
    AuditAccess.limitedToUnits(user); // 403 for users who read no audit data at all
    return cases.find(caseNumber).filter(r -> AuditAccess.mayRead(r, user))
        .orElseThrow(() -> new NotFoundException("No case " + caseNumber + " visible to " + user.id()));
  }

  public Timeline timeline(String caseNumber, ZqtUser user) {
    CaseRecord record = readable(caseNumber, user);
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseNumber).orderByProcessInstanceStartTime().asc().list();
    List<String> ids = instances.stream().map(HistoricProcessInstance::getId)
        .filter(id -> ENGINE_ID.matcher(id).matches()).toList();
    Map<String, String> keyOf = new HashMap<>();
    instances.forEach(pi -> keyOf.put(pi.getId(), pi.getProcessDefinitionKey()));

    List<HistoricActivityInstance> activities = ids.isEmpty() ? List.of() : activities(ids);
    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(caseNumber).list();
    List<HistoricDetail> updates = ids.isEmpty() ? List.of() : historyService.createHistoricDetailQuery()
        .processInstanceIdIn(ids.toArray(String[]::new)).variableUpdates().disableCustomObjectDeserialization()
        .orderPartiallyByOccurrence().asc().list();
    List<HistoricDecisionInstance> decisions = ids.isEmpty() ? List.of() : decisions(ids);
    List<Comment> comments = new ArrayList<>();
    List<UserOperationLogEntry> operations = new ArrayList<>();
    Set<String> commentIds = new HashSet<>();
    for (String id : ids) {
      taskService.getProcessInstanceComments(id).stream().filter(c -> commentIds.add(c.getId())).forEach(comments::add);
      operations.addAll(historyService.createUserOperationLogQuery().processInstanceId(id).list());
    }
    // comments made through the REST API (and so Tasklist) may name only the task, not its process instance
    for (HistoricTaskInstance task : tasks) {
      taskService.getTaskComments(task.getId()).stream().filter(c -> commentIds.add(c.getId())).forEach(comments::add);
    }
    List<CaseRepository.Reminder> reminders = cases.reminders(caseNumber);

    Set<String> userIds = new HashSet<>();
    instances.forEach(pi -> userIds.add(pi.getStartUserId()));
    tasks.forEach(t -> userIds.add(t.getAssignee()));
    comments.forEach(c -> userIds.add(c.getUserId()));
    operations.forEach(o -> userIds.add(o.getUserId()));
    decisions.forEach(d -> userIds.add(d.getUserId()));
    userIds.add(record.receivedBy());
    Map<String, Who> people = people(userIds);

    // who completed a task: its assignee, else the user the operation log names for the completion
    Map<String, String> completedBy = new HashMap<>();
    for (UserOperationLogEntry o : operations) {
      if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(o.getOperationType()) && o.getTaskId() != null) {
        completedBy.putIfAbsent(o.getTaskId(), o.getUserId());
      }
    }
    Map<String, HistoricTaskInstance> taskByActivity = new HashMap<>();
    Map<String, String> processOfTask = new HashMap<>();
    Map<String, String> activityOfTask = new HashMap<>();
    tasks.forEach(t -> {
      taskByActivity.put(t.getActivityInstanceId(), t);
      processOfTask.put(t.getId(), t.getProcessInstanceId());
      activityOfTask.put(t.getId(), t.getTaskDefinitionKey());
    });
    Map<String, List<HistoricDetail>> updatesByActivity = new HashMap<>();
    Map<String, List<HistoricDetail>> updatesByTask = new HashMap<>();
    for (HistoricDetail d : updates) {
      if (d.getTaskId() != null) {
        updatesByTask.computeIfAbsent(d.getTaskId(), k -> new ArrayList<>()).add(d);
      } else if (d.getActivityInstanceId() != null) {
        updatesByActivity.computeIfAbsent(d.getActivityInstanceId(), k -> new ArrayList<>()).add(d);
      }
    }
    Map<String, String> processNames = processNames(instances);

    List<TimelineEntry> entries = new ArrayList<>();
    List<Timeline.Reply> replies = new ArrayList<>();
    Map<String, Boolean> activityHasDecision = new HashMap<>();
    decisions.forEach(d -> activityHasDecision.put(d.getActivityInstanceId(), true));

    for (HistoricActivityInstance a : activities) {
      if (!STEP_TYPES.contains(a.getActivityType())) {
        continue;
      }
      String processKey = keyOf.get(a.getProcessInstanceId());
      String name = a.getActivityName() != null ? a.getActivityName() : a.getActivityId();
      if ("userTask".equals(a.getActivityType())) {
        HistoricTaskInstance task = taskByActivity.get(a.getId());
        List<HistoricDetail> set = new ArrayList<>(updatesByActivity.getOrDefault(a.getId(), List.of()));
        if (task != null) {
          set.addAll(updatesByTask.getOrDefault(task.getId(), List.of()));
        }
        String actor = task == null ? a.getAssignee()
            : task.getAssignee() != null ? task.getAssignee() : completedBy.get(task.getId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", task == null ? (a.getEndTime() == null ? "OPEN" : "COMPLETED") : taskState(task));
        details.put("stateName", stateName((String) details.get("state")));
        if (task != null && task.getDueDate() != null) {
          details.put("due", time(task.getDueDate()));
        }
        List<FieldValue> values = fieldValues(set);
        details.put("formValues", values);
        entries.add(new TimelineEntry(0, Type.TASK.name(), null, time(a.getStartTime()), time(a.getEndTime()),
            who(actor, people), name, processKey, a.getProcessInstanceId(), a.getActivityId(),
            task == null ? a.getTaskId() : task.getId(), details));
        reply(a, task, values, who(actor, people)).ifPresent(replies::add);
      } else if ("businessRuleTask".equals(a.getActivityType()) && activityHasDecision.containsKey(a.getId())) {
        continue; // the DECISION entries say more than the step
      } else {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("activityType", a.getActivityType());
        List<FieldValue> values = fieldValues(updatesByActivity.getOrDefault(a.getId(), List.of()));
        if (!values.isEmpty() && !a.getActivityType().endsWith("StartEvent") && !"startEvent".equals(a.getActivityType())) {
          details.put("values", values);
        }
        if ("callActivity".equals(a.getActivityType()) && a.getCalledProcessInstanceId() != null) {
          details.put("calledProcessInstanceId", a.getCalledProcessInstanceId());
        }
        String escalation = ESCALATIONS.get(a.getActivityId());
        if (escalation == null && a.getActivityId().startsWith("Task_RecordRework")) {
          escalation = "REWORK";
        }
        Who actor = "startEvent".equals(a.getActivityType())
            ? who(startUser(instances, a.getProcessInstanceId()), people) : null;
        entries.add(new TimelineEntry(0, escalation != null ? Type.ESCALATION.name() : Type.STEP.name(), escalation,
            time(a.getStartTime()), time(a.getEndTime()), actor, name, processKey, a.getProcessInstanceId(),
            a.getActivityId(), null, details));
      }
    }
    Map<String, String> activityNames = new HashMap<>();
    activities.forEach(a -> activityNames.put(a.getId(), a.getActivityName()));
    for (HistoricDecisionInstance d : decisions) {
      entries.add(decision(d, activityNames.get(d.getActivityInstanceId()), keyOf, people));
    }
    for (Comment c : comments) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("text", c.getFullMessage());
      String pid = c.getProcessInstanceId() != null ? c.getProcessInstanceId() : processOfTask.get(c.getTaskId());
      entries.add(new TimelineEntry(0, Type.COMMENT.name(), null, time(c.getTime()), null, who(c.getUserId(), people),
          "备注：" + abbreviate(c.getFullMessage(), 60), keyOf.get(pid), pid, activityOfTask.get(c.getTaskId()),
          c.getTaskId(), details));
    }
    entries.addAll(operations(operations, keyOf, people));
    for (CaseRepository.Reminder r : reminders) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("unit", r.unit());
      details.put("unitName", units.find(r.unit()).map(Unit::nameZh).orElse(r.unit()));
      details.put("reminderKind", r.kind());
      details.put("dueAt", r.dueAt());
      entries.add(new TimelineEntry(0, Type.ESCALATION.name(), "REMINDER", r.sentAt(), null, null,
          "超期提醒（" + REMINDER_KINDS.getOrDefault(r.kind(), r.kind()) + "）：已提醒"
              + details.get("unitName"), null, null, null, null, details));
    }
    for (TimelineContributor contributor : contributors) {
      entries.addAll(contributor.entries(record, instances));
    }

    // stable: entries of one instant keep the order in which the engine recorded them
    entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
    List<TimelineEntry> numbered = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      numbered.add(entries.get(i).withSeq(i + 1));
    }
    replies.sort(Comparator.comparing(Timeline.Reply::at, Comparator.nullsLast(Comparator.naturalOrder())));

    List<Timeline.ProcessRun> runs = instances.stream().map(pi -> new Timeline.ProcessRun(pi.getId(),
        pi.getProcessDefinitionKey(), processNames.get(pi.getProcessDefinitionId()), pi.getSuperProcessInstanceId(),
        time(pi.getStartTime()), time(pi.getEndTime()), who(pi.getStartUserId(), people), pi.getState())).toList();
    return new Timeline(caseNumber, record.status().name(), record.status().nameZh(), CaseView.summary(record),
        names(record), runs, replies, numbered, EngineClock.nowUtc(), user.id());
  }

  /** Activity instances of all the case's process instances in one query, in the order they started. */
  private List<HistoricActivityInstance> activities(List<String> ids) {
    String table = table(HistoricActivityInstanceEntity.class, "ACT_HI_ACTINST");
    var query = historyService.createNativeHistoricActivityInstanceQuery();
    query.sql("SELECT * FROM " + table + " WHERE PROC_INST_ID_ IN (" + placeholders(ids.size())
        + ") ORDER BY START_TIME_, SEQUENCE_COUNTER_");
    for (int i = 0; i < ids.size(); i++) {
      query.parameter("p" + i, ids.get(i));
    }
    return query.list();
  }

  /** Decision instances of all the case's process instances, with inputs and outputs, in two queries. */
  private List<HistoricDecisionInstance> decisions(List<String> ids) {
    String table = table(HistoricDecisionInstanceEntity.class, "ACT_HI_DECINST");
    var query = historyService.createNativeHistoricDecisionInstanceQuery();
    query.sql("SELECT * FROM " + table + " WHERE PROC_INST_ID_ IN (" + placeholders(ids.size()) + ")");
    for (int i = 0; i < ids.size(); i++) {
      query.parameter("p" + i, ids.get(i));
    }
    String[] decisionIds = query.list().stream().map(HistoricDecisionInstance::getId).toArray(String[]::new);
    if (decisionIds.length == 0) {
      return List.of();
    }
    return historyService.createHistoricDecisionInstanceQuery().decisionInstanceIdIn(decisionIds)
        .includeInputs().includeOutputs().disableCustomObjectDeserialization()
        .orderByEvaluationTime().asc().list();
  }

  /** The engine's table for an entity (with the configured prefix), or the default name. */
  private String table(Class<?> entity, String defaultName) {
    String name = managementService.getTableName(entity);
    return name != null ? name : defaultName;
  }

  private static String placeholders(int n) {
    List<String> p = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      p.add("#{p" + i + "}");
    }
    return String.join(", ", p);
  }

  private TimelineEntry decision(HistoricDecisionInstance d, String stepName, Map<String, String> keyOf,
      Map<String, Who> people) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (HistoricDecisionInputInstance in : d.getInputs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("clauseId", in.getClauseId());
      m.put("label", in.getClauseName());
      m.put("value", plain(in.getTypedValue()));
      inputs.add(m);
    }
    List<Map<String, Object>> outputs = new ArrayList<>();
    for (HistoricDecisionOutputInstance out : d.getOutputs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", out.getVariableName());
      m.put("label", out.getClauseName());
      m.put("value", plain(out.getTypedValue()));
      m.put("ruleId", out.getRuleId());
      m.put("ruleOrder", out.getRuleOrder());
      outputs.add(m);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("decisionKey", d.getDecisionDefinitionKey());
    details.put("decisionName", d.getDecisionDefinitionName());
    details.put("decisionInstanceId", d.getId());
    details.put("step", stepName);
    details.put("inputs", inputs);
    details.put("outputs", outputs);
    String name = d.getDecisionDefinitionName() != null ? d.getDecisionDefinitionName() : d.getDecisionDefinitionKey();
    return new TimelineEntry(0, Type.DECISION.name(), null, time(d.getEvaluationTime()), null,
        who(d.getUserId(), people), (stepName == null ? "" : stepName + " ") + "决策：" + name, keyOf.get(d.getProcessInstanceId()), d.getProcessInstanceId(),
        d.getActivityId(), null, details);
  }

  /** Actions of people outside task completion (claim, assign, set variable, suspend ...), one entry per action. */
  private List<TimelineEntry> operations(List<UserOperationLogEntry> log, Map<String, String> keyOf,
      Map<String, Who> people) {
    Map<String, List<UserOperationLogEntry>> byOperation = new LinkedHashMap<>();
    for (UserOperationLogEntry o : log) {
      if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(o.getOperationType())
          || UserOperationLogEntry.OPERATION_TYPE_CREATE.equals(o.getOperationType())) {
        continue; // task completions and instance starts are TASK and STEP entries already
      }
      byOperation.computeIfAbsent(o.getOperationId() != null ? o.getOperationId() : o.getId(),
          k -> new ArrayList<>()).add(o);
    }
    List<TimelineEntry> entries = new ArrayList<>();
    for (List<UserOperationLogEntry> group : byOperation.values()) {
      UserOperationLogEntry first = group.get(0);
      List<Map<String, Object>> changes = new ArrayList<>();
      for (UserOperationLogEntry o : group) {
        if (o.getProperty() != null) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("property", o.getProperty());
          c.put("from", o.getOrgValue());
          c.put("to", o.getNewValue());
          changes.add(c);
        }
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("operationType", first.getOperationType());
      details.put("entityType", first.getEntityType());
      details.put("category", first.getCategory());
      details.put("changes", changes);
      entries.add(new TimelineEntry(0, Type.OPERATION.name(), first.getOperationType(), time(first.getTimestamp()),
          null, who(first.getUserId(), people), "操作：" + operationName(first.getOperationType()),
          keyOf.get(first.getProcessInstanceId()), first.getProcessInstanceId(), null, first.getTaskId(), details));
    }
    return entries;
  }

  private static String operationName(String type) {
    return switch (type) {
      case UserOperationLogEntry.OPERATION_TYPE_CLAIM -> "认领任务";
      case UserOperationLogEntry.OPERATION_TYPE_ASSIGN -> "指派任务";
      case UserOperationLogEntry.OPERATION_TYPE_DELEGATE -> "委托任务";
      case UserOperationLogEntry.OPERATION_TYPE_RESOLVE -> "完成委托";
      case UserOperationLogEntry.OPERATION_TYPE_SET_OWNER -> "设置任务所有人";
      case UserOperationLogEntry.OPERATION_TYPE_SET_PRIORITY -> "设置优先级";
      case UserOperationLogEntry.OPERATION_TYPE_UPDATE -> "修改任务";
      case UserOperationLogEntry.OPERATION_TYPE_ADD_USER_LINK, UserOperationLogEntry.OPERATION_TYPE_DELETE_USER_LINK,
          UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK, UserOperationLogEntry.OPERATION_TYPE_DELETE_GROUP_LINK ->
          "修改任务候选人";
      case UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE ->
          "修改流程变量";
      case UserOperationLogEntry.OPERATION_TYPE_REMOVE_VARIABLE -> "删除流程变量";
      case UserOperationLogEntry.OPERATION_TYPE_SUSPEND -> "挂起";
      case UserOperationLogEntry.OPERATION_TYPE_ACTIVATE -> "激活";
      case UserOperationLogEntry.OPERATION_TYPE_DELETE -> "删除";
      case UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE -> "修改流程实例";
      default -> type;
    };
  }

  private List<FieldValue> fieldValues(List<HistoricDetail> details) {
    // the last value a step set for each variable, in the order they were first set
    Map<String, FieldValue> byName = new LinkedHashMap<>();
    for (HistoricDetail d : details) {
      if (d instanceof HistoricVariableUpdate u) {
        Object value = plain(u.getTypedValue());
        byName.put(u.getVariableName(), new FieldValue(u.getVariableName(), labels.label(u.getVariableName()), value,
            labels.valueLabel(u.getVariableName(), value)));
      }
    }
    return new ArrayList<>(byName.values());
  }

  private java.util.Optional<Timeline.Reply> reply(HistoricActivityInstance a, HistoricTaskInstance task,
      List<FieldValue> values, Who who) {
    Map<String, FieldValue> byName = new HashMap<>();
    values.forEach(v -> byName.put(v.name(), v));
    String taskId = task == null ? null : task.getId();
    boolean threeWayCallStarted = byName.containsKey("directAnswerAction")
        && "THREE_WAY_CALL".equals(byName.get("directAnswerAction").value());
    if (ProcessIds.TASK_DIRECT_ANSWER.equals(a.getActivityId()) && byName.containsKey("answerText")
        && !threeWayCallStarted) {
      return java.util.Optional.of(new Timeline.Reply(time(a.getEndTime()), who, "RESOLVED", "已解决（直接答复）",
          String.valueOf(byName.get("answerText").value()), taskId));
    }
    if (ProcessIds.TASK_THREE_WAY_CALL.equals(a.getActivityId()) && byName.containsKey("threeWayCallResult")
        && "ANSWERED".equals(byName.get("threeWayCallResult").value()) && byName.containsKey("threeWayCallAnswer")) {
      return java.util.Optional.of(new Timeline.Reply(time(a.getEndTime()), who, "RESOLVED", "已解决（三方连线）",
          String.valueOf(byName.get("threeWayCallAnswer").value()), taskId));
    }
    if (ProcessIds.TASK_HANDLE.equals(a.getActivityId()) && byName.containsKey("replyText")) {
      FieldValue result = byName.get("replyResult");
      return java.util.Optional.of(new Timeline.Reply(time(a.getEndTime()), who,
          result == null ? null : String.valueOf(result.value()), result == null ? null : result.valueLabel(),
          String.valueOf(byName.get("replyText").value()), taskId));
    }
    return java.util.Optional.empty();
  }

  /** A JSON-friendly value: strings, numbers and booleans as they are, dates as ISO times, objects as their JSON. */
  static Object plain(TypedValue typed) {
    if (typed == null) {
      return null;
    }
    try {
      if (typed instanceof ObjectValue object) {
        return object.isDeserialized() ? String.valueOf(object.getValue()) : object.getValueSerialized();
      }
      Object value = typed.getValue();
      if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
        return value;
      }
      if (value instanceof Date date) {
        return time(date);
      }
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return "(无法读取的值 / unreadable value)";
    }
  }

  private String taskState(HistoricTaskInstance task) {
    if (task.getEndTime() == null) {
      return "OPEN";
    }
    return task.getDeleteReason() == null || "completed".equals(task.getDeleteReason()) ? "COMPLETED" : "CANCELLED";
  }

  private static String stateName(String state) {
    return switch (state) {
      case "OPEN" -> "待办";
      case "COMPLETED" -> "已完成";
      default -> "已取消";
    };
  }

  private Map<String, Who> people(Set<String> ids) {
    ids.remove(null);
    Map<String, Who> people = new HashMap<>();
    if (!ids.isEmpty()) {
      for (User u : identityService.createUserQuery().userIdIn(ids.toArray(String[]::new)).list()) {
        String name = (Objects.toString(u.getLastName(), "") + Objects.toString(u.getFirstName(), "")).trim();
        people.put(u.getId(), new Who(u.getId(), name.isEmpty() ? null : name));
      }
    }
    return people;
  }

  private static Who who(String userId, Map<String, Who> people) {
    return userId == null ? null : people.getOrDefault(userId, new Who(userId, null));
  }

  private static String startUser(List<HistoricProcessInstance> instances, String id) {
    return instances.stream().filter(pi -> pi.getId().equals(id)).map(HistoricProcessInstance::getStartUserId)
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  private Map<String, String> processNames(List<HistoricProcessInstance> instances) {
    Map<String, String> names = new HashMap<>();
    Set<String> definitionIds = new HashSet<>();
    instances.forEach(pi -> definitionIds.add(pi.getProcessDefinitionId()));
    if (!definitionIds.isEmpty()) {
      for (ProcessDefinition pd : repositoryService.createProcessDefinitionQuery()
          .processDefinitionIdIn(definitionIds.toArray(String[]::new)).list()) {
        names.put(pd.getId(), pd.getName());
      }
    }
    return names;
  }

  /** Chinese names of the case's codes (type, topic, channel, urgency, district, handling unit). */
  public Map<String, String> names(CaseRecord r) {
    Map<String, String> names = new LinkedHashMap<>();
    put(names, "type", reference.find(Kind.TYPE, r.type()));
    put(names, "topic", reference.find(Kind.TOPIC, r.topic()));
    put(names, "channel", reference.find(Kind.CHANNEL, r.channel()));
    put(names, "urgency", reference.find(Kind.URGENCY, r.urgency()));
    put(names, "district", reference.find(Kind.DISTRICT, r.district()));
    units.find(r.handlingUnit()).ifPresent(u -> names.put("handlingUnit", u.nameZh()));
    if (r.path() != null) {
      names.put("path", "DIRECT_ANSWER".equals(r.path()) ? "直接答复" : "转办");
    }
    if (r.replyResult() != null) {
      names.put("replyResult", labels.valueLabel("replyResult", r.replyResult()));
    }
    if (r.qcVerdict() != null) {
      names.put("qcVerdict", labels.valueLabel("qcVerdict", r.qcVerdict()));
    }
    if (r.satisfaction() != null) {
      names.put("satisfaction", labels.valueLabel("satisfaction", r.satisfaction()));
    }
    names.values().removeIf(Objects::isNull);
    return names;
  }

  private static void put(Map<String, String> names, String key, java.util.Optional<ReferenceCatalog.Code> code) {
    code.ifPresent(c -> names.put(key, c.nameZh()));
  }

  static String abbreviate(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  static OffsetDateTime time(Date date) {
    return date == null ? null : OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
  }
}
