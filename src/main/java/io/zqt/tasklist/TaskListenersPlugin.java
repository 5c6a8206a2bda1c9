package io.zqt.tasklist;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
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
    List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners();
    if (listeners == null) {
      listeners = new ArrayList<>();
      configuration.setCustomPreBPMNParseListeners(listeners);
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, deadlines);
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, summary);
        definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, summary);
      }
    });
  }
}
