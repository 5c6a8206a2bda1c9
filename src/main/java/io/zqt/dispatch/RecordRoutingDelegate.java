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

/** 登记分拨结果: takes path, handling unit and reason from the case-routing decision into the case. */
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
    if (!(execution.getVariable("routing") instanceof Map<?, ?> routing)) {
      throw new IllegalStateException("Decision case-routing gave no result");
    }
    String path = String.valueOf(routing.get("path"));
    String unit = String.valueOf(routing.get("handlingUnit"));
    String reason = routing.get("routingReason") == null ? null : routing.get("routingReason").toString();
    if (!DIRECT_ANSWER.equals(path) && !DISPATCH.equals(path)) {
      throw new IllegalStateException("Decision case-routing gave an unknown path: " + path);
    }
    units.require(unit);
    execution.setVariable("path", path);
    execution.setVariable("handlingUnit", unit);
    execution.setVariable("routingReason", reason);
    CaseUpdate update = CaseUpdate.of(CaseColumn.PATH, path).set(CaseColumn.HANDLING_UNIT, unit)
        .set(CaseColumn.ROUTING_REASON, reason);
    if (DIRECT_ANSWER.equals(path)) {
      update.set(CaseColumn.STATUS, CaseStatus.DIRECT_ANSWER);
    }
    cases.update(Vars.caseNumber(execution), update);
  }
}
