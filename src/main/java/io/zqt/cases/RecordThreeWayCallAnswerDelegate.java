package io.zqt.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 记录专员答复: the specialist answered in the three-way call; like a direct answer the case counts as resolved and
 * goes to the callback, answered by the specialist (path stays DIRECT_ANSWER, three_way_call = true).
 */
@Component("recordThreeWayCallAnswer")
public class RecordThreeWayCallAnswerDelegate implements JavaDelegate {

  private final CaseRepository cases;

  public RecordThreeWayCallAnswerDelegate(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String answer = Vars.requiredText(execution, "threeWayCallAnswer", "答复内容", 2000);
    Object specialist = execution.getVariable("specialistId");
    execution.setVariable("threeWayCallOutcome", "ANSWERED");
    execution.setVariable("replyResult", "RESOLVED");
    execution.setVariable("replyText", answer);
    execution.setVariable("qcVerdict", "RESOLVED");
    cases.update(Vars.caseNumber(execution), CaseUpdate.status(CaseStatus.AWAITING_CALLBACK)
        .set(CaseColumn.REPLY_RESULT, "RESOLVED").set(CaseColumn.REPLY_TEXT, answer)
        .set(CaseColumn.QC_VERDICT, "RESOLVED")
        .set(CaseColumn.THREE_WAY_CALL_OUTCOME, "ANSWERED")
        .set(CaseColumn.ANSWERED_DIRECTLY, true)
        .set(CaseColumn.ANSWERED_BY, specialist == null ? null : specialist.toString())
        .set(CaseColumn.ANSWERED_AT, EngineClock.nowUtc()));
  }
}
