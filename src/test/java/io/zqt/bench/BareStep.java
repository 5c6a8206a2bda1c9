package io.zqt.bench;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Every service task and business rule task of the baseline processes. It does nothing, except set the one
 * variable that a following gateway (or candidate group) reads, which ZQT's delegates and decisions would have set.
 */
public class BareStep implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    switch (execution.getCurrentActivityId()) {
      case "Task_RecordRouting" -> execution.setVariable("path", execution.getVariable("benchPath"));
      case "Task_DispatchCase" -> execution.setVariable("unitGroup",
          "unit-" + String.valueOf(execution.getVariable("handlingUnit")).toLowerCase(java.util.Locale.ROOT));
      case "Task_RecordDirectAnswer" -> execution.setVariable("qcVerdict", "RESOLVED");
      case "Task_RecordReworkGate1", "Task_RecordReworkGate2", "Task_RecordReworkGate3" ->
          execution.setVariable("qcOutcome", "REWORK");
      case "Task_RecordQcVerdict" -> execution.setVariable("qcOutcome", "PASSED");
      case "Task_ReopenCase" -> execution.setVariable("reopenTarget",
          "DIRECT_ANSWER".equals(execution.getVariable("path")) ? "DISPATCH" : "HANDLE");
      default -> {
        // a no-op step
      }
    }
  }
}
