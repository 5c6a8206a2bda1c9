package io.zqt.bench;

import io.zqt.bench.Workload.CasePlan;
import io.zqt.bench.Workload.Step;
import io.zqt.intake.CaseIntakeService;
import io.zqt.security.ZqtUser;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;

/**
 * ZQT through its Java API, as the app's own REST controllers and Tasklist drive it: the intake service as the
 * operator, then per step a task query, claim and form submit, each authenticated as the step's user (authorization
 * checks on).
 */
final class ZqtJavaDriver implements LifecycleDriver {

  private static final ZqtUser OPERATOR = new ZqtUser(Actors.OPERATOR, List.of("operator"));

  private final CaseIntakeService intake;
  private final TaskService tasks;
  private final FormService forms;
  private final IdentityService identity;

  ZqtJavaDriver(ApplicationContext app) {
    this.intake = app.getBean(CaseIntakeService.class);
    this.tasks = app.getBean(TaskService.class);
    this.forms = app.getBean(FormService.class);
    this.identity = app.getBean(IdentityService.class);
  }

  @Override
  public String name() {
    return "zqt-java";
  }

  @Override
  public String open(CasePlan plan) {
    return intake.open(plan.intake(), OPERATOR).record().caseNumber();
  }

  @Override
  public void work(String caseNumber, CasePlan plan) {
    for (Step step : plan.steps()) {
      String user = Actors.userId(step);
      identity.setAuthentication(user, Actors.groups(step));
      try {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber)
            .taskDefinitionKey(step.taskKey()).singleResult();
        if (task == null) {
          throw new IllegalStateException("Case " + caseNumber + " (" + plan.kind() + "): " + user
              + " finds no task " + step.taskKey());
        }
        tasks.claim(task.getId(), user);
        forms.submitTaskForm(task.getId(), step.variables());
      } finally {
        identity.clearAuthentication();
      }
    }
  }
}
