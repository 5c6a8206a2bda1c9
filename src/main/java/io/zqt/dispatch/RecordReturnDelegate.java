package io.zqt.dispatch;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** 退单: counts the return; a case returned twice is flagged responsibility-unclear (for joint consultation). */
@Component("recordReturn")
public class RecordReturnDelegate implements JavaDelegate {

  static final int RETURNS_UNTIL_UNCLEAR = 2;
  private static final Logger LOG = LoggerFactory.getLogger(RecordReturnDelegate.class);

  private final CaseRepository cases;

  public RecordReturnDelegate(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = Vars.caseNumber(execution);
    String reason = Vars.requiredText(execution, "returnReason", "退单理由", 500);
    int returns = Vars.count(execution, "returnCount") + 1;
    boolean unclear = returns >= RETURNS_UNTIL_UNCLEAR;
    execution.setVariable("returnCount", returns);
    execution.setVariable("responsibilityUnclear", unclear);
    execution.setVariable("lastReturnedBy", execution.getVariable("handlingUnit"));
    cases.update(caseNumber, CaseUpdate.status(CaseStatus.RETURNED).set(CaseColumn.RETURN_COUNT, returns)
        .set(CaseColumn.RESPONSIBILITY_UNCLEAR, unclear));
    LOG.info("Case {} returned by {} ({} return(s)){}: {}", caseNumber, execution.getVariable("handlingUnit"), returns,
        unclear ? ", responsibility unclear" : "", reason);
  }
}
