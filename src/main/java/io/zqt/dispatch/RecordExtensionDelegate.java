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

/** 延期: an approved extension moves the handling deadline by the working days asked for. */
@Component("recordExtension")
public class RecordExtensionDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RecordExtensionDelegate.class);

  private final CaseRepository cases;
  private final Deadlines deadlines;

  public RecordExtensionDelegate(CaseRepository cases, Deadlines deadlines) {
    this.cases = cases;
    this.deadlines = deadlines;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = Vars.caseNumber(execution);
    boolean approved = Vars.requiredBoolean(execution, "extensionApproved", "是否同意延期");
    int days = Vars.intInRange(execution, "extensionDays", "延期天数", 1, deadlines.extensionMax(execution));
    // the next request starts from an empty form; the history keeps what was asked and decided
    execution.removeVariables(java.util.List.of("handlingAction", "extensionApproved", "extensionComment",
        "extensionDays", "extensionReason"));
    if (!approved) {
      LOG.info("Case {}: extension of {} working day(s) rejected", caseNumber, days);
      cases.update(caseNumber, CaseUpdate.status(CaseStatus.HANDLING));
      return;
    }
    Date due = deadlines.extend((Date) execution.getVariable("handlingDue"), days);
    int count = Vars.count(execution, "extensionCount") + 1;
    execution.setVariable("handlingDue", due);
    execution.setVariable("extensionCount", count);
    execution.setVariable("extensionDaysGranted", Vars.count(execution, "extensionDaysGranted") + days);
    cases.update(caseNumber, CaseUpdate.status(CaseStatus.HANDLING).set(CaseColumn.HANDLING_DUE, due)
        .set(CaseColumn.EXTENSION_COUNT, count));
    LOG.info("Case {}: extension of {} working day(s) approved, now due {}", caseNumber, days, due.toInstant());
  }
}
