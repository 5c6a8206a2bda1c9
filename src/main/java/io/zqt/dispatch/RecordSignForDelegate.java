package io.zqt.dispatch;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.Vars;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 签收: the unit has accepted the case; the handling deadline starts now. */
@Component("recordSignFor")
public class RecordSignForDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final Deadlines deadlines;

  public RecordSignForDelegate(CaseRepository cases, Deadlines deadlines) {
    this.cases = cases;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date handlingDue = deadlines.handlingDue(execution);
    execution.setVariable("handlingDue", handlingDue);
    cases.update(Vars.caseNumber(execution),
        CaseUpdate.status(CaseStatus.HANDLING).set(CaseColumn.HANDLING_DUE, handlingDue));
  }
}
