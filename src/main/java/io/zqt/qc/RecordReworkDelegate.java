package io.zqt.qc;

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

/** 退回重办: a QC gate sends the reply back to the unit with its remark; the rework count grows. */
@Component("recordRework")
public class RecordReworkDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RecordReworkDelegate.class);

  private final CaseRepository cases;

  public RecordReworkDelegate(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int gate = Vars.count(execution, "reworkGate");
    if (gate < 1 || gate > 3) {
      throw new IllegalStateException("Input parameter reworkGate must be 1, 2 or 3, was " + gate);
    }
    String remark = Vars.requiredText(execution, "gate" + gate + "Remark", "退回理由", 500);
    int reworks = Vars.count(execution, "reworkCount") + 1;
    execution.setVariable("reworkCount", reworks);
    execution.setVariable("reworkReason", "第" + gate + "关退回：" + remark);
    execution.setVariable("qcOutcome", "REWORK");
    cases.update(Vars.caseNumber(execution), CaseUpdate.status(CaseStatus.HANDLING)
        .set(CaseColumn.REWORK_COUNT, reworks));
    LOG.info("Case {} sent back for rework at QC gate {} ({} rework(s))", Vars.caseNumber(execution), gate, reworks);
  }
}
