package io.zqt.cases;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 直接答复: the operator answered at once; the case counts as resolved and goes to the callback. */
@Component("recordDirectAnswer")
public class RecordDirectAnswerDelegate implements JavaDelegate {

  private final CaseRepository cases;

  public RecordDirectAnswerDelegate(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String answer = Vars.requiredText(execution, "answerText", "答复内容", 2000);
    execution.setVariable("replyResult", "RESOLVED");
    execution.setVariable("replyText", answer);
    execution.setVariable("qcVerdict", "RESOLVED");
    cases.update(Vars.caseNumber(execution), CaseUpdate.status(CaseStatus.AWAITING_CALLBACK)
        .set(CaseColumn.REPLY_RESULT, "RESOLVED").set(CaseColumn.REPLY_TEXT, answer)
        .set(CaseColumn.QC_VERDICT, "RESOLVED"));
  }
}
