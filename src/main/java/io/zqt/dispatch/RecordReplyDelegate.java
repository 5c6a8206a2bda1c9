package io.zqt.dispatch;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.Vars;
import java.time.LocalDate;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 办理答复: stores the unit's reply on the case record before the three-gate QC. */
@Component("recordReply")
public class RecordReplyDelegate implements JavaDelegate {

  static final Set<String> RESULTS = Set.of("RESOLVED", "PLANNED", "UNRESOLVED");

  private final CaseRepository cases;

  public RecordReplyDelegate(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String result = Vars.oneOf(execution, "replyResult", "办理结果", RESULTS);
    String text = Vars.requiredText(execution, "replyText", "答复内容", 2000);
    LocalDate promised = "PLANNED".equals(result) ? Vars.requiredDate(execution, "promisedDate", "承诺解决日期") : null;
    String reason = "UNRESOLVED".equals(result)
        ? Vars.requiredText(execution, "unresolvedReason", "未解决原因", 500) : null;
    execution.removeVariable("handlingAction");
    execution.setVariable("replyUnit", execution.getVariable("handlingUnit"));
    cases.update(Vars.caseNumber(execution), CaseUpdate.status(CaseStatus.IN_QC).set(CaseColumn.REPLY_RESULT, result)
        .set(CaseColumn.REPLY_TEXT, text).set(CaseColumn.PROMISED_DATE, promised)
        .set(CaseColumn.UNRESOLVED_REASON, reason));
  }
}
