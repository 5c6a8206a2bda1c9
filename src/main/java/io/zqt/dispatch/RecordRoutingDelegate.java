package io.zqt.dispatch;

import io.zqt.cases.CaseColumn;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseStatus;
import io.zqt.cases.CaseUpdate;
import io.zqt.cases.Vars;
import io.zqt.org.UnitCatalog;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 登记分拨结果: checks the path, handling unit and reason that the case-routing decision gave (the business rule task's
 * output mapping stores them as the variables {@code path}, {@code handlingUnit} and {@code routingReason}) and takes
 * them into the case.
 */
@Component("recordRouting")
public class RecordRoutingDelegate implements JavaDelegate {

  public static final String DIRECT_ANSWER = "DIRECT_ANSWER";
  public static final String DISPATCH = "DISPATCH";

  private final CaseRepository cases;
  private final UnitCatalog units;

  public RecordRoutingDelegate(CaseRepository cases, UnitCatalog units) {
    this.cases = cases;
    this.units = units;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!(output(execution, "path") instanceof String path)) {
      throw new IllegalStateException("Decision case-routing gave no result");
    }
    if (!DIRECT_ANSWER.equals(path) && !DISPATCH.equals(path)) {
      throw new IllegalStateException("Decision case-routing gave an unknown path: " + path);
    }
    String unit = String.valueOf(output(execution, "handlingUnit"));
    units.require(unit);
    Object routingReason = output(execution, "routingReason");
    String reason = routingReason == null ? null : routingReason.toString();
    if (execution.hasVariable(LEGACY_RESULT)) {
      execution.setVariable("path", path);
      execution.setVariable("handlingUnit", unit);
      execution.setVariable("routingReason", reason);
    }
    CaseUpdate update = CaseUpdate.of(CaseColumn.PATH, path).set(CaseColumn.HANDLING_UNIT, unit)
        .set(CaseColumn.ROUTING_REASON, reason);
    if (DIRECT_ANSWER.equals(path)) {
      update.set(CaseColumn.STATUS, CaseStatus.DIRECT_ANSWER);
    }
    cases.update(Vars.caseNumber(execution), update);
  }

  /**
   * Where a process version from before session 11 kept the whole result, as one map: a case started on such a version
   * (the engine keeps it for the cases that run on it) still takes its routing from there.
   */
  static final String LEGACY_RESULT = "routing";

  private static Object output(DelegateExecution execution, String name) {
    return execution.getVariable(LEGACY_RESULT) instanceof Map<?, ?> legacy ? legacy.get(name)
        : execution.getVariable(name);
  }
}
