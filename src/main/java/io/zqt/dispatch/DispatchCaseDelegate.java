package io.zqt.dispatch;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.Vars;
import io.zqt.org.Unit;
import io.zqt.org.UnitCatalog;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** 派单: hands the case to its handling unit's group with a sign-for deadline on the working-day calendar. */
@Component("dispatchCase")
public class DispatchCaseDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(DispatchCaseDelegate.class);

  private final CaseRepository cases;
  private final UnitCatalog units;
  private final Deadlines deadlines;

  public DispatchCaseDelegate(CaseRepository cases, UnitCatalog units, Deadlines deadlines) {
    this.cases = cases;
    this.units = units;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = Vars.caseNumber(execution);
    Unit handlingUnit = units.require((String) execution.getVariable("handlingUnit"));
    String unit = handlingUnit.code();
    Date signForDue = deadlines.signForDue(execution);
    execution.setVariable("path", RecordRoutingDelegate.DISPATCH);
    execution.setVariable("unitGroup", handlingUnit.groupId());
    execution.setVariable("signForDue", signForDue);
    execution.removeVariable("signForDecision");
    execution.removeVariable("returnReason");
    cases.update(caseNumber, CaseUpdate.status(CaseStatus.AWAITING_SIGN_FOR).set(CaseColumn.PATH, "DISPATCH")
        .set(CaseColumn.HANDLING_UNIT, unit).set(CaseColumn.SIGN_FOR_DUE, signForDue));
    LOG.info("Case {} dispatched to {}, sign for by {}", caseNumber, unit, signForDue.toInstant());
  }
}
