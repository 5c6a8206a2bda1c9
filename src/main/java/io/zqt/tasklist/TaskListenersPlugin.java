package io.zqt.tasklist;

import io.zqt.cases.EveryUserTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Adds the Tasklist listeners to every user task when the engine parses a process, so that no diagram can forget
 * them: on "create" the due and follow-up dates ({@link TaskDeadlineListener}), then the case summary
 * ({@link CaseSummaryListener}); on "complete" the summary guard.
 */
@Component
public class TaskListenersPlugin extends AbstractProcessEnginePlugin {

  private final TaskDeadlineListener deadlines;
  private final CaseSummaryListener summary;

  public TaskListenersPlugin(TaskDeadlineListener deadlines, CaseSummaryListener summary) {
    this.deadlines = deadlines;
    this.summary = summary;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.configure(configuration, definition -> {
      definition.addTaskListener(TaskListener.EVENTNAME_CREATE, deadlines);
      definition.addTaskListener(TaskListener.EVENTNAME_CREATE, summary);
      definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, summary);
    });
  }
}
