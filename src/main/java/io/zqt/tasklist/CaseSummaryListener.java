package io.zqt.tasklist;

import io.zqt.cases.CaseRecord;
import io.zqt.cases.CaseRepository;
import io.zqt.org.ReferenceCatalog;
import io.zqt.org.ReferenceCatalog.Kind;
import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Sets the {@link CaseSummary} task-local variables when a user task is created, from the case record and the case
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

  private final CaseRepository cases;
  private final ReferenceCatalog reference;
  private final HistoryService history;
  private final ZoneId zone;

  public CaseSummaryListener(CaseRepository cases, ReferenceCatalog reference, @Lazy HistoryService history,
      @Value("${zqt.zone:Asia/Shanghai}") String zone) {
    this.cases = cases;
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

  /** The summary of the task's case; empty when the task belongs to no case record. */
  Optional<Map<String, Object>> summarize(DelegateTask task) {
    if (!(task.getVariable("caseNumber") instanceof String caseNumber)) {
      return Optional.empty();
    }
    Optional<CaseRecord> found = cases.find(caseNumber);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CaseRecord c = found.get();
    Map<String, Object> s = new HashMap<>();
    s.put(CaseSummary.CASE_NUMBER, c.caseNumber());
    s.put(CaseSummary.ENTERPRISE, c.enterpriseName());
    s.put(CaseSummary.TITLE, c.title());
    s.put(CaseSummary.TYPE, name(Kind.TYPE, c.type()));
    s.put(CaseSummary.TOPIC, name(Kind.TOPIC, c.topic()));
    s.put(CaseSummary.DISTRICT, name(Kind.DISTRICT, c.district()));
    s.put(CaseSummary.DEADLINE, deadline(c, task.getDueDate()));
    s.put(CaseSummary.REWORK_COUNT, c.reworkCount() + " 次");
    List<String> replies = new ArrayList<>();
    List<String> reworkReasons = new ArrayList<>();
    if (c.processInstanceId() != null) {
      Context.getCommandContext().runWithoutAuthorization(() -> {
        for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates()
            .processInstanceId(c.processInstanceId()).orderPartiallyByOccurrence().asc().list()) {
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
        && reworkReasons.size() < c.reworkCount()) {
      reworkReasons.add(current);
    }
    s.put(CaseSummary.REPLIES, numbered(replies, "第%d次答复："));
    s.put(CaseSummary.QC_REMARKS, numbered(reworkReasons, "第%d次退回："));
    return Optional.of(s);
  }

  private String name(Kind kind, String code) {
    return code == null ? CaseSummary.NONE : reference.find(kind, code).map(ReferenceCatalog.Code::nameZh).orElse(code);
  }

  private String deadline(CaseRecord c, Date taskDue) {
    if (c.handlingDue() != null) {
      return format(c.handlingDue()) + "（办理时限）";
    }
    if (c.signForDue() != null) {
      return format(c.signForDue()) + "（签收时限）";
    }
    return taskDue == null ? CaseSummary.NONE
        : format(taskDue.toInstant().atOffset(java.time.ZoneOffset.UTC)) + "（本环节时限）";
  }

  private String format(OffsetDateTime time) {
    return time.atZoneSameInstant(zone).format(MINUTES);
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
   * A summary value that differs from the one set at creation (the first value the history recorded for this task),
   * or a summary variable on a task that never had one, came from a crafted submit: refuse it.
   */
  private void refuseChangedSummary(DelegateTask task) {
    Map<String, Object> initial = new HashMap<>();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (HistoricDetail detail : history.createHistoricDetailQuery().variableUpdates().taskId(task.getId())
          .orderPartiallyByOccurrence().asc().list()) {
        if (detail instanceof HistoricVariableUpdate update && CaseSummary.LABELS.containsKey(update.getVariableName())) {
          initial.putIfAbsent(update.getVariableName(), update.getValue());
        }
      }
      return null;
    });
    List<FieldProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : CaseSummary.LABELS.entrySet()) {
      String key = entry.getKey();
      boolean local = task.hasVariableLocal(key);
      Object now = task.getVariable(key);
      boolean changed = local ? initial.containsKey(key) && !Objects.equals(initial.get(key), now) : now != null;
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
