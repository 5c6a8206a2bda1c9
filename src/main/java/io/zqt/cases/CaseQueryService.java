package io.zqt.cases;

import io.zqt.security.ZqtUser;
import io.zqt.web.NotFoundException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Reads cases for the API. Line staff (operators, the three QC gates, auditors, process owners, administrators)
 * see every case; a unit's staff see only cases currently with their unit, and anything else is "not found" so
 * that case numbers of other units do not leak.
 */
@Service
public class CaseQueryService {

  /** Activity types that make a step a person or an auditor cares about (gateways are left out). */
  private static final Set<String> STEP_TYPES = Set.of("startEvent", "noneEndEvent", "userTask", "serviceTask",
      "businessRuleTask", "callActivity", "boundaryTimer", "endEvent");

  private final CaseRepository cases;
  private final HistoryService historyService;

  public CaseQueryService(CaseRepository cases, HistoryService historyService) {
    this.cases = cases;
    this.historyService = historyService;
  }

  public CaseView get(String caseNumber, ZqtUser user) {
    CaseRecord record = cases.find(caseNumber)
        .filter(r -> mayRead(r, user))
        .orElseThrow(() -> new NotFoundException("No case " + caseNumber + " visible to " + user.id()));
    return CaseView.of(record, steps(caseNumber), cases.reminders(caseNumber));
  }

  public static boolean mayRead(CaseRecord record, ZqtUser user) {
    return user.seesAllCases() || (record.handlingUnit() != null && user.unitCodes().contains(record.handlingUnit()));
  }

  /** Steps of the case and of its called QC processes, in the order they started. */
  public List<CaseStep> steps(String caseNumber) {
    List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(caseNumber).list();
    Map<String, String> processOf = new HashMap<>();
    instances.forEach(pi -> processOf.put(pi.getId(), pi.getProcessDefinitionKey()));
    List<CaseStep> steps = new ArrayList<>();
    for (HistoricProcessInstance pi : instances) {
      for (HistoricActivityInstance a : historyService.createHistoricActivityInstanceQuery()
          .processInstanceId(pi.getId()).orderByHistoricActivityInstanceStartTime().asc()
          .orderPartiallyByOccurrence().asc().list()) {
        if (STEP_TYPES.contains(a.getActivityType())) {
          steps.add(new CaseStep(processOf.get(a.getProcessInstanceId()), a.getActivityId(), a.getActivityName(),
              a.getActivityType(), a.getAssignee(), time(a.getStartTime()), time(a.getEndTime()),
              a.getEndTime() == null));
        }
      }
    }
    steps.sort(Comparator.comparing(CaseStep::startedAt)); // stable: keeps the engine's order within an instant
    return steps;
  }

  private static OffsetDateTime time(Date date) {
    return date == null ? null : OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
  }
}
