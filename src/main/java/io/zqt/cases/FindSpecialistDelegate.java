package io.zqt.cases;

import io.zqt.knowledge.Specialist;
import io.zqt.knowledge.SpecialistDirectory;
import io.zqt.org.UnitCatalog;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 查找在岗政策专员: the operator asked for a three-way call about a responsibility entry; finds the specialist on duty
 * (the entry's own, else a colleague of the responsible unit) and the answer deadline from the decision
 * {@code three-way-call} (its output {@code minutes}, mapped to {@code threeWayCallMinutes}). Sets
 * {@code specialistFound}; when found also {@code specialistId}, {@code specialistUnitGroup} and
 * {@code threeWayCallDue}.
 */
@Component("findSpecialist")
public class FindSpecialistDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(FindSpecialistDelegate.class);
  static final int DEFAULT_MINUTES = 30;

  private final CaseRepository cases;
  private final UnitCatalog units;
  private final SpecialistDirectory specialists;

  public FindSpecialistDelegate(CaseRepository cases, UnitCatalog units,
      SpecialistDirectory specialists) {
    this.cases = cases;
    this.units = units;
    this.specialists = specialists;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseNumber = Vars.caseNumber(execution);
    String entryKey = Vars.requiredText(execution, "specialistEntryKey", "三方连线权责条目编号",
        TaskInputCheck.ENTRY_KEY_MAX);
    Optional<Specialist> found = specialists.forEntry(entryKey);
    CaseUpdate update = CaseUpdate.of(CaseColumn.THREE_WAY_CALL, true).set(CaseColumn.SPECIALIST_ENTRY_KEY, entryKey)
        .set(CaseColumn.KNOWLEDGE_ENTRY_KEYS, RecordDirectAnswerDelegate.entryKeys(execution));
    execution.setVariable("specialistFound", found.isPresent());
    if (found.isEmpty()) {
      cases.update(caseNumber, update);
      LOG.info("Case {}: no specialist on duty for {}", caseNumber, entryKey);
      return;
    }
    Specialist specialist = found.get();
    Integer minutes = Vars.decisionOutput(execution, "threeWayCallMinutes", "threeWayCallRule", "minutes");
    int allowance = minutes != null && minutes > 0 ? minutes : DEFAULT_MINUTES;
    Date due = Date.from(EngineClock.now().plus(Duration.ofMinutes(allowance)));
    execution.setVariable("specialistId", specialist.userId());
    execution.setVariable("specialistName", specialist.name());
    execution.setVariable("specialistUnitGroup", units.require(specialist.unit()).groupId());
    execution.setVariable("threeWayCallDue", due);
    cases.update(caseNumber, update.set(CaseColumn.SPECIALIST_ID, specialist.userId()));
    LOG.info("Case {}: three-way call with {} about {}, answer by {}", caseNumber, specialist.userId(), entryKey,
        due.toInstant());
  }
}
