package io.zqt.cases;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 回访: the requester's satisfaction and comment. */
@Component("recordCallback")
public class RecordCallbackDelegate implements JavaDelegate {

  public static final Set<String> SATISFACTION = Set.of("SATISFIED", "FAIRLY_SATISFIED", "DISSATISFIED");

  private final CaseRepository cases;

  public RecordCallbackDelegate(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String satisfaction = Vars.oneOf(execution, "satisfaction", "满意度", SATISFACTION);
    String comment = Vars.optionalText(execution, "callbackComment", "回访意见", 500);
    CaseUpdate update = CaseUpdate.of(CaseColumn.SATISFACTION, satisfaction).set(CaseColumn.CALLBACK_COMMENT, comment);
    if ("DISSATISFIED".equals(satisfaction) && "RESOLVED".equals(execution.getVariable("qcVerdict"))) {
      update.set(CaseColumn.STATUS, CaseStatus.DISSATISFACTION_REVIEW);
    }
    cases.update(Vars.caseNumber(execution), update);
  }
}
