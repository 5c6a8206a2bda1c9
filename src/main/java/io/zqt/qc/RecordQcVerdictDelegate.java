package io.zqt.qc;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.Vars;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 质检通过: all three gates passed the reply; gate 3's verdict is recorded. */
@Component("recordQcVerdict")
public class RecordQcVerdictDelegate implements JavaDelegate {

  public static final Set<String> VERDICTS =
      Set.of("RESOLVED", "PLANNED", "UNRESOLVED_JUSTIFIED", "UNRESOLVED_UNJUSTIFIED");

  private final CaseRepository cases;

  public RecordQcVerdictDelegate(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String verdict = Vars.oneOf(execution, "qcVerdict", "质检结论", VERDICTS);
    execution.setVariable("qcOutcome", "PASSED");
    execution.removeVariable("reworkReason");
    cases.update(Vars.caseNumber(execution), CaseUpdate.status(CaseStatus.AWAITING_CALLBACK)
        .set(CaseColumn.QC_VERDICT, verdict));
  }
}
