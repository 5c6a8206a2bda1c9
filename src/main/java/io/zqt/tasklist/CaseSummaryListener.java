package io.zqt.tasklist;

import io.zqt.org.ReferenceCatalog;
import io.zqt.org.ReferenceCatalog.Kind;
import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Sets the {@link CaseSummary} task-local variables when a user task is created, from the case's process variables and
 * history: number, enterprise, title, type, topic and district by their Chinese names, the current deadline, the
 * unit's earlier replies, the QC gates' rework remarks and the rework count.
 *
 * <p>On "complete" it refuses a submit that changed a summary value (the form never submits them; only a crafted
 * request can): HTTP 400 through {@link io.zqt.web.EngineRestInputProblems}, and the task stays open unchanged.
 */
@Component
public class CaseSummaryListener implements TaskListener {

  /** A string variable holds at most 4,000 characters (H2 and PostgreSQL columns); keep well below. */
  static final int MAX_TEXT = 3000;
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ReferenceCatalog reference;
  private final HistoryService history;
  private final ZoneId zone;

  public CaseSummaryListener(ReferenceCatalog reference, @Lazy HistoryService history,
      @Value("${zqt.zone:Asia/Shanghai}") String zone) {
    this.reference = reference;
    this.history = history;
    this.zone = ZoneId.of(zone);
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      summarize(task).ifPresent(task::setVariablesLocal);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      refuseChangedSummary(task);
    }
  }

  /**
   * The summary of the task's case, from the process variables (the case record's columns have the same values) and
   * the root process instance's history; empty when the task belongs to no case. The case table is not read here:
   * within the transaction that opens a case, concurrent intakes with the same idempotency key hold locks on it.
   */
  Optional<Map<String, Object>> summarize(DelegateTask task) {
    if (!(task.getVariable("caseNumber") instanceof String caseNumber)) {
      return Optional.empty();
    }
    Map<String, Object> s = new HashMap<>();
    s.put(CaseSummary.CASE_NUMBER, caseNumber);
    s.put(CaseSummary.ENTERPRISE, text(task.getVariable("enterpriseName")));
    s.put(CaseSummary.TITLE, text(task.getVariable("title")));
    s.put(CaseSummary.TYPE, name(Kind.TYPE, task.getVariable("type")));
    s.put(CaseSummary.TOPIC, name(Kind.TOPIC, task.getVariable("topic")));
    s.put(CaseSummary.DISTRICT, name(Kind.DISTRICT, task.getVariable("district")));
    s.put(CaseSummary.DEADLINE, deadline(task));
    int reworkCount = task.getVariable("reworkCount") instanceof Number n ? n.intValue() : 0;
    s.put(CaseSummary.REWORK_COUNT, reworkCount + " 次");
    List<String> replies = new ArrayList<>();
    List<String> reworkReasons = new ArrayList<>();
    int reopenCount = task.getVariable("reopenCount") instanceof Number n ? n.intValue() : 0;
    // Replies and rework remarks before the current ones exist only after a QC rework or a reopening; until then the
    // current variables hold all there is, and the history need not be read (most tasks).
    if (reworkCount + reopenCount > 0) {
      String rootId = ((ExecutionEntity) task.getExecution()).getRootProcessInstanceId();
      Context.getCommandContext().runWithoutAuthorization(() -> {
        for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
            .processInstanceId(rootId).orderPartiallyByOccurrence().asc().list()) {
          if (detail instanceof HistoricVariableUpdate update && update.getValue() instanceof String text
              && !text.isBlank()) {
            if ("replyText".equals(update.getVariableName())) {
              replies.add(text);
            } else if ("reworkReason".equals(update.getVariableName())) {
              reworkReasons.add(text);
            }
          }
        }
        return null;
      });
    }
    // what this very transaction wrote is not in the history tables yet
    if (task.getVariable("replyText") instanceof String current && !current.isBlank()
        && (replies.isEmpty() || !replies.get(replies.size() - 1).equals(current))) {
      replies.add(current);
    }
    if (task.getVariable("reworkReason") instanceof String current && !current.isBlank()
        && reworkReasons.size() < reworkCount) {
      reworkReasons.add(current);
    }
    s.put(CaseSummary.REPLIES, numbered(replies, "第%d次答复："));
    s.put(CaseSummary.QC_REMARKS, numbered(reworkReasons, "第%d次退回："));
    return Optional.of(s);
  }

  private static String text(Object value) {
    return value == null ? CaseSummary.NONE : value.toString();
  }

  private String name(Kind kind, Object code) {
    return code instanceof String c ? reference.find(kind, c).map(ReferenceCatalog.Code::nameZh).orElse(c)
        : CaseSummary.NONE;
  }

  private String deadline(DelegateTask task) {
    if (task.getVariable("handlingDue") instanceof Date due) {
      return format(due) + "（办理时限）";
    }
    if (task.getVariable("signForDue") instanceof Date due) {
      return format(due) + "（签收时限）";
    }
    return task.getDueDate() == null ? CaseSummary.NONE : format(task.getDueDate()) + "（本环节时限）";
  }

  private String format(Date time) {
    return time.toInstant().atZone(zone).format(MINUTES);
  }

  /** Newest first, numbered in order of time, cut to fit one string variable. */
  static String numbered(List<String> texts, String prefix) {
    if (texts.isEmpty()) {
      return CaseSummary.NONE;
    }
    StringBuilder out = new StringBuilder();
    for (int i = texts.size() - 1; i >= 0; i--) {
      String line = String.format(prefix, i + 1) + texts.get(i);
      if (out.length() + line.length() + 1 > MAX_TEXT) {
        out.append(out.isEmpty() ? line.substring(0, MAX_TEXT - 30) : "").append("……（更早的内容见工单历史）");
        break;
      }
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(line);
    }
    return out.toString();
  }

  /**
   * A summary variable changed since the task was created (its sequence counter moved past the creation's), or a
   * summary variable on a task that never had one, came from a crafted submit: refuse it. Nothing is read from the
   * database for this.
   */
  private void refuseChangedSummary(DelegateTask task) {
    List<FieldProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : CaseSummary.LABELS.entrySet()) {
      String key = entry.getKey();
      boolean changed = ((TaskEntity) task).getVariableInstanceLocal(key) instanceof VariableInstanceEntity local
          ? local.getSequenceCounter() > 1
          : task.getVariable(key) != null;
      if (changed) {
        problems.add(new FieldProblem(key, entry.getValue() + "是工单信息，只读，不能修改",
            "is read-only case information and cannot be changed"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
