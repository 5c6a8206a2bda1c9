package io.zqt.intake;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseMetrics;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.NewCase;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * 登记工单: the first step of every case. A case opened through the API arrives registered (it carries its case
 * number); a case started from the Tasklist start form is validated here like the API does, gets its number and
 * record, and the number becomes the business key. A validation failure aborts the start: nothing is stored.
 */
@Component("registerCase")
public class RegisterCaseDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterCaseDelegate.class);

  private final IntakeValidator validator;
  private final CaseNumberGenerator numbers;
  private final CaseRepository cases;
  private final CaseMetrics metrics;

  public RegisterCaseDelegate(IntakeValidator validator, CaseNumberGenerator numbers, CaseRepository cases,
      CaseMetrics metrics) {
    this.validator = validator;
    this.numbers = numbers;
    this.cases = cases;
    this.metrics = metrics;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object existing = execution.getVariable("caseNumber");
    String caseNumber;
    if (existing instanceof String number && !number.isBlank()) {
      caseNumber = number;
    } else {
      NewCase intake = validator.validate(execution::getVariable);
      caseNumber = numbers.next();
      MDC.put("caseNumber", caseNumber);
      Object initiator = execution.getVariable("intakeBy");
      cases.insert(caseNumber, intake, initiator == null ? null : initiator.toString());
      execution.setVariables(intake.variables());
      execution.setVariable("caseNumber", caseNumber);
      execution.setProcessBusinessKey(caseNumber);
      metrics.opened(intake.type());
      LOG.info("Case {} received from {} via the Tasklist start form by {}", caseNumber, intake.enterpriseName(),
          initiator);
    }
    cases.update(caseNumber, CaseUpdate.of(CaseColumn.PROCESS_INSTANCE_ID, execution.getProcessInstanceId()));
  }
}
