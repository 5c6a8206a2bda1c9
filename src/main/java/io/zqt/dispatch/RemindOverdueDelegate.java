package io.zqt.dispatch;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.ProcessIds;
import io.zqt.cases.Vars;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 超期提醒: a deadline passed. Marks the case overdue, records a reminder to the unit and puts it as a comment on
 * the unit's open task; the task itself goes on (the timer does not interrupt it).
 */
@Component("remindOverdue")
public class RemindOverdueDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RemindOverdueDelegate.class);

  private final CaseRepository cases;
  private final TaskService taskService;

  public RemindOverdueDelegate(CaseRepository cases, TaskService taskService) {
    this.cases = cases;
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean signFor = ProcessIds.TASK_REMIND_SIGN_FOR_OVERDUE.equals(execution.getCurrentActivityId());
    String kind = signFor ? "SIGN_FOR_OVERDUE" : "HANDLING_OVERDUE";
    String taskKey = signFor ? ProcessIds.TASK_SIGN_FOR : ProcessIds.TASK_HANDLE;
    Date due = (Date) execution.getVariable(signFor ? "signForDue" : "handlingDue");
    String caseNumber = Vars.caseNumber(execution);
    String unit = (String) execution.getVariable("handlingUnit");

    execution.setVariable("overdue", true);
    cases.update(caseNumber, CaseUpdate.of(CaseColumn.OVERDUE, true));
    cases.insertReminder(caseNumber, unit, kind, OffsetDateTime.ofInstant(due.toInstant(), ZoneOffset.UTC));
    Task task = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(taskKey).singleResult();
    if (task != null) {
      taskService.createComment(task.getId(), execution.getProcessInstanceId(),
          (signFor ? "【超期提醒】本工单已超过签收时限，请尽快签收或退单。" : "【超期提醒】本工单已超过办理时限，请尽快办理答复或申请延期。"));
    }
    LOG.warn("Case {} is overdue at unit {}: {} was due {}", caseNumber, unit, kind, due.toInstant());
  }
}
