package io.zqt.cases;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 直接答复: the operator answered at once; the case counts as resolved and goes to the callback. The answer and the
 * knowledge entries it cites are kept on the case record.
 */
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
        .set(CaseColumn.QC_VERDICT, "RESOLVED")
        .set(CaseColumn.KNOWLEDGE_ENTRY_KEYS, entryKeys(execution))
        .set(CaseColumn.ANSWERED_DIRECTLY, true)
        .set(CaseColumn.ANSWERED_BY, currentUser(execution))
        .set(CaseColumn.ANSWERED_AT, EngineClock.nowUtc()));
  }

  /** The cited entry keys as stored on the case: ';'-separated, or null when none. */
  static String entryKeys(DelegateExecution execution) {
    Object value = execution.getVariable("knowledgeEntryKeys");
    List<String> keys = TaskInputCheck.parseEntryKeys(value == null ? null : value.toString());
    return keys.isEmpty() ? null : String.join(";", keys);
  }

  /** The person whose submit runs this step (null when the engine works without a signed-in user). */
  static String currentUser(DelegateExecution execution) {
    Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }
}
