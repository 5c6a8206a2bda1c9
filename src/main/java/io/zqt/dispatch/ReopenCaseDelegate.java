package io.zqt.dispatch;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.Vars;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 重办: the line working group reopens a resolved case whose requester is dissatisfied. A dispatched case goes
 * back to its unit with a new handling deadline; a directly answered case is dispatched to the responsible unit.
 */
@Component("reopenCase")
public class ReopenCaseDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(ReopenCaseDelegate.class);

  private final CaseRepository cases;
  private final Deadlines deadlines;

  public ReopenCaseDelegate(CaseRepository cases, Deadlines deadlines) {
    this.cases = cases;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = Vars.caseNumber(execution);
    int reopens = Vars.count(execution, "reopenCount") + 1;
    execution.setVariable("reopenCount", reopens);
    // the next callback and review start from empty forms; the history keeps the earlier ones
    execution.removeVariables(java.util.List.of("handlingAction", "satisfaction", "callbackComment", "reopen",
        "reviewComment"));
    CaseUpdate update = CaseUpdate.of(CaseColumn.REOPEN_COUNT, reopens);
    if (RecordRoutingDelegate.DIRECT_ANSWER.equals(execution.getVariable("path"))) {
      execution.setVariable("reopenTarget", "DISPATCH");
    } else {
      Date due = deadlines.handlingDue(execution);
      execution.setVariable("reopenTarget", "HANDLE");
      execution.setVariable("handlingDue", due);
      update.set(CaseColumn.STATUS, CaseStatus.HANDLING).set(CaseColumn.HANDLING_DUE, due);
    }
    cases.update(caseNumber, update);
    LOG.info("Case {} reopened ({} time(s)) to {}", caseNumber, reopens, execution.getVariable("reopenTarget"));
  }
}
