package io.zqt.cases;

import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.org.UnitCatalog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 记录连线结果并转办: the three-way call did not settle the case (nobody on duty, the specialist says it needs
 * handling, or no answer in time); records the outcome and leaves the case to the usual dispatch, to the routing's
 * handling unit, else the unit responsible for the entry.
 */
@Component("recordThreeWayCallHandover")
public class RecordThreeWayCallHandoverDelegate implements JavaDelegate {

  public static final String NO_SPECIALIST = "NO_SPECIALIST";
  public static final String NEEDS_HANDLING = "NEEDS_HANDLING";
  public static final String TIMED_OUT = "TIMED_OUT";

  private static final Logger LOG = LoggerFactory.getLogger(RecordThreeWayCallHandoverDelegate.class);

  private final CaseRepository cases;
  private final UnitCatalog units;
  private final KnowledgeEntries knowledge;

  public RecordThreeWayCallHandoverDelegate(CaseRepository cases, UnitCatalog units,
      KnowledgeEntries knowledge) {
    this.cases = cases;
    this.units = units;
    this.knowledge = knowledge;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome;
    if (!Boolean.TRUE.equals(execution.getVariable("specialistFound"))) {
      outcome = NO_SPECIALIST;
    } else if (NEEDS_HANDLING.equals(execution.getVariable("threeWayCallResult"))) {
      outcome = NEEDS_HANDLING;
    } else {
      outcome = TIMED_OUT;
    }
    String unit = handlingUnit(execution);
    execution.setVariable("threeWayCallOutcome", outcome);
    execution.setVariable("handlingUnit", unit);
    String caseNumber = Vars.caseNumber(execution);
    cases.update(caseNumber, CaseUpdate.of(CaseColumn.THREE_WAY_CALL_OUTCOME, outcome)
        .set(CaseColumn.HANDLING_UNIT, unit));
    LOG.info("Case {}: three-way call {}, dispatched to {}", caseNumber, outcome, unit);
  }

  private String handlingUnit(DelegateExecution execution) {
    Object routed = execution.getVariable("handlingUnit");
    if (routed instanceof String code && units.find(code).isPresent()) {
      return code;
    }
    Object key = execution.getVariable("specialistEntryKey");
    String responsible = key == null ? null
        : knowledge.find(key.toString()).map(KnowledgeEntry::responsibleUnit).orElse(null);
    if (responsible == null || units.find(responsible).isEmpty()) {
      throw new IllegalStateException("Case has neither a handling unit nor an entry with a responsible unit");
    }
    return responsible;
  }
}
