package io.zqt.tasklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.CompositeDbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the case summary's task-local copies ({@link CaseSummary}) out of the history tables; everything else is
 * written as history level "full" writes it.
 *
 * <p>The summary is a display copy, made for each user task, of values the case already holds as process variables
 * (number, enterprise, title …, formatted in Chinese). Their history is kept where they come from; the copies added
 * one variable-instance row and one detail row per copy and task: about 60 + 60 of a dispatched case's 343 history
 * rows, and their inserts on every task (docs/benchmarks.md, docs/history-sizing.md). An auditor loses nothing: the
 * copies never hold anything the case's own variables and the case record do not.
 */
@Component
public class CaseSummaryHistoryPlugin extends AbstractProcessEnginePlugin {

  private static final Set<String> COPIES = Set.copyOf(CaseSummary.KEYS);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventHandler() != null) {
      throw new IllegalStateException("Another history event handler is already configured; ZQT's summary filter "
          + "would replace it");
    }
    List<HistoryEventHandler> custom = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : configuration.getCustomHistoryEventHandlers();
    HistoryEventHandler database = new CompositeDbHistoryEventHandler(custom);
    configuration.setHistoryEventHandler(new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        if (!isSummaryCopy(event)) {
          database.handleEvent(event);
        }
      }

      @Override
      public void handleEvents(List<HistoryEvent> events) {
        for (HistoryEvent event : events) {
          handleEvent(event);
        }
      }
    });
  }

  /** A variable event (instance or detail: both are update events) of a summary copy, which lives on a task. */
  static boolean isSummaryCopy(HistoryEvent event) {
    return event instanceof HistoricVariableUpdateEventEntity variable && variable.getTaskId() != null
        && COPIES.contains(variable.getVariableName());
  }
}
