package io.zqt.cases;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Adds {@link TaskInputCheck} as a "complete" listener to every user task when the engine parses a process, so that
 * no diagram can forget it and process owners need not wire Java into their models.
 */
@Component
public class TaskInputCheckPlugin extends AbstractProcessEnginePlugin {

  private final TaskListener check;

  public TaskInputCheckPlugin(TaskInputCheck check) {
    this.check = check;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EveryUserTask.configure(configuration,
        definition -> definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, check));
  }
}
