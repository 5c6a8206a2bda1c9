package io.zqt.tasklist;

import io.zqt.calendar.WorkingDayCalendar;
import io.zqt.cases.EngineClock;
import io.zqt.cases.ProcessIds;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.springframework.stereotype.Component;

/**
 * Gives every user task a due date and a follow-up date when it is created (see {@link TaskListenersPlugin}):
 *
 * <ul>
 *   <li>due date: the one the BPMN sets (sign-for and handling, from the {@code handling-deadline} decision), else
 *       the allowance of the {@code task-deadline} decision (working hours or working days by task and urgency)
 *       counted on the working-day calendar from now;
 *   <li>follow-up date: one working day before the due date. Tasklist's filter 即将超期 lists tasks whose follow-up
 *       date has passed and whose due date has not (filter expressions cannot call the calendar, so the calendar is
 *       applied here).
 * </ul>
 */
@Component
public class TaskDeadlineListener implements TaskListener {

  /** How long before the due date a task counts as "due soon". */
  public static final int DUE_SOON_WORKING_DAYS = 1;

  private final WorkingDayCalendar calendar;
  /**
   * A DMN engine of its own: the process engine's DMN engine writes decision history for every evaluation, whoever
   * calls it. Same defaults (FEEL), and the table is the deployed one.
   */
  private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  /** Answers of the table by version, task and urgency (a few dozen per deployed version). */
  private final Map<String, Map<String, Object>> allowances = new ConcurrentHashMap<>();

  private static final int MAX_CACHED_ALLOWANCES = 1_000;

  public TaskDeadlineListener(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    Date due = task.getDueDate();
    if (due == null) {
      due = Date.from(allowanceFromNow(task));
      task.setDueDate(due);
    }
    task.setFollowUpDate(Date.from(calendar.subtractWorkingDays(due.toInstant(), DUE_SOON_WORKING_DAYS)));
  }

  /**
   * Evaluates the latest deployed version of {@code task-deadline} directly: no
   * authorization check (the person whose completion created this task need not be allowed to evaluate decisions) and
   * no decision history. The allowance is not a decision about the case: the task's due date, which the history keeps,
   * is its whole outcome, and writing a decision instance with its inputs and outputs for every task cost four inserts
   * per task (benchmarks, docs/benchmarks.md).
   */
  private Instant allowanceFromNow(DelegateTask task) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("taskDefinitionKey", task.getTaskDefinitionKey());
    inputs.put("urgency", task.getVariable("urgency"));
    ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
    DecisionDefinitionEntity table = (DecisionDefinitionEntity) engine.getDeploymentCache()
        .findDeployedLatestDecisionDefinitionByKey(ProcessIds.DECISION_TASK_DEADLINE);
    // the table's answer depends only on its version and these two inputs: evaluate each combination once
    Map<String, Object> out = allowances.computeIfAbsent(
        table.getId() + '|' + inputs.get("taskDefinitionKey") + '|' + inputs.get("urgency"), k -> {
          DmnDecisionResult result = dmn.evaluateDecision(table, inputs);
          if (result.isEmpty()) {
            throw new IllegalStateException("Decision task-deadline gave no allowance for "
                + task.getTaskDefinitionKey());
          }
          return java.util.Collections.unmodifiableMap(new HashMap<>(result.getSingleResult().getEntryMap()));
        });
    if (allowances.size() > MAX_CACHED_ALLOWANCES) {
      allowances.clear();
    }
    if (out.get("workingDays") instanceof Number days) {
      return calendar.addWorkingDays(EngineClock.now(), days.intValue());
    }
    if (out.get("workingHours") instanceof Number hours) {
      return calendar.addWorkingHours(EngineClock.now(), hours.intValue());
    }
    throw new IllegalStateException("Decision task-deadline gave neither workingDays nor workingHours for "
        + task.getTaskDefinitionKey());
  }
}
