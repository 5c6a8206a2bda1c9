package io.zqt.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 办结: gives the case record its final status. Planned resolutions and unresolved cases that should have been
 * resolved move to a ledger (台账), where supervision takes them over; everything else is closed.
 */
@Component("closeCase")
public class CloseCaseDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(CloseCaseDelegate.class);

  private final CaseRepository cases;
  private final CaseMetrics metrics;

  public CloseCaseDelegate(CaseRepository cases, CaseMetrics metrics) {
    this.cases = cases;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = Vars.caseNumber(execution);
    Object verdict = execution.getVariable("qcVerdict");
    String ledger = "PLANNED".equals(verdict) ? "PLANNED"
        : "UNRESOLVED_UNJUSTIFIED".equals(verdict) ? "UNRESOLVED" : null;
    CaseStatus status = ledger == null ? CaseStatus.CLOSED : CaseStatus.ON_LEDGER;
    cases.update(caseNumber, CaseUpdate.status(status).set(CaseColumn.LEDGER, ledger)
        .set(CaseColumn.CLOSED_AT, EngineClock.nowUtc()));
    metrics.closed(String.valueOf(execution.getVariable("type")), status.name());
    LOG.info("Case {} {} (verdict {})", caseNumber, ledger == null ? "closed" : "moved to the " + ledger + " ledger",
        verdict);
  }
}
