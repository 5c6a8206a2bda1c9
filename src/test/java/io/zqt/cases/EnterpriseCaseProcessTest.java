package io.zqt.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.zqt.ZqtSpringTest;
import io.zqt.intake.CaseIntakeService;
import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.knowledge.store.KnowledgeStore;
import io.zqt.web.InvalidInputException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of enterprise-case and three-gate-qc, driven through the real beans and database with the engine clock
 * pinned to Friday 26 September 2025, 10:00 in Yantai: just before the National Day holiday (1–8 October) with its
 * make-up working days on Sunday 28 September and Saturday 11 October.
 */
@ZqtSpringTest
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class EnterpriseCaseProcessTest {

  static final ZoneId YANTAI = ZoneId.of("Asia/Shanghai");
  static final Instant FRIDAY_BEFORE_NATIONAL_DAY = at(2025, 9, 26, 10, 0);

  @Autowired ProcessEngine engine;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired CaseRepository cases;
  @Autowired JdbcTemplate jdbc;
  @Autowired KnowledgeStore knowledge;
  @Autowired io.zqt.knowledge.KnowledgeEntries knowledgeEntries;

  CaseScenarios scenarios;

  @BeforeEach
  void setUp() {
    init(engine);
    ClockUtil.setCurrentTime(Date.from(FRIDAY_BEFORE_NATIONAL_DAY));
    scenarios = new CaseScenarios(intake, runtimeService, taskService);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Instant at(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(YANTAI).toInstant();
  }

  private CaseRecord record(String caseNumber) {
    return cases.find(caseNumber).orElseThrow();
  }

  private Date variableDate(String caseNumber, String name) {
    return (Date) runtimeService.getVariable(scenarios.instance(caseNumber).getId(), name);
  }

  // --- direct answer ---------------------------------------------------------------------------------------------

  @Test
  void consultationIsAnsweredDirectlyAndClosedByTheCallback() {
    String n = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    ProcessInstance pi = scenarios.instance(n);

    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_DIRECT_ANSWER);
    BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("operator");
    assertThat(record(n).status()).isEqualTo(CaseStatus.DIRECT_ANSWER);
    assertThat(record(n).handlingUnit()).isEqualTo("HRSS");

    scenarios.complete(n, ProcessIds.TASK_DIRECT_ANSWER,
        Map.of("directAnswerAction", "ANSWER", "answerText", "新办企业可在山东省人社网上服务大厅办理社保登记。",
            "knowledgeEntryKeys", "SI-001； SI-008;"));
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_CALLBACK);
    assertThat(record(n).status()).isEqualTo(CaseStatus.AWAITING_CALLBACK);
    assertThat(knowledgeColumns(n)).containsEntry("KNOWLEDGE_ENTRY_KEYS", "SI-001;SI-008")
        .containsEntry("ANSWERED_DIRECTLY", true).containsEntry("THREE_WAY_CALL", false);

    scenarios.callback(n, "SATISFIED");
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed(ProcessIds.END_CASE_CLOSED);
    CaseRecord closed = record(n);
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.qcVerdict()).isEqualTo("RESOLVED");
    assertThat(closed.satisfaction()).isEqualTo("SATISFIED");
    assertThat(closed.replyText()).contains("社保登记");
    assertThat(closed.closedAt()).isNotNull();
  }

  @Test
  void dissatisfiedDirectAnswerIsReopenedAsADispatchToTheResponsibleUnit() {
    String n = scenarios.open("CONSULTATION", "TAX", "LAISHAN");
    scenarios.complete(n, ProcessIds.TASK_DIRECT_ANSWER, Map.of("answerText", "可通过电子税务局申报。"));
    scenarios.callback(n, "DISSATISFIED");
    BpmnAwareTests.assertThat(scenarios.instance(n)).isWaitingAt(ProcessIds.TASK_REVIEW_DISSATISFACTION);
    assertThat(record(n).status()).isEqualTo(CaseStatus.DISSATISFACTION_REVIEW);

    scenarios.complete(n, ProcessIds.TASK_REVIEW_DISSATISFACTION, Map.of("reopen", true, "reviewComment", "转税务部门办理"));
    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_SIGN_FOR);
    BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("unit-tax");
    assertThat(record(n).reopenCount()).isEqualTo(1);
    assertThat(record(n).status()).isEqualTo(CaseStatus.AWAITING_SIGN_FOR);
  }

  // --- three-way call (三方连线) ----------------------------------------------------------------------------------

  private Map<String, Object> knowledgeColumns(String caseNumber) {
    return jdbc.queryForMap("SELECT knowledge_entry_keys, answered_directly, answered_by, answered_at, three_way_call,"
        + " specialist_entry_key, specialist_id, three_way_call_outcome FROM zqt_case WHERE case_number = ?",
        caseNumber);
  }

  private Task startThreeWayCall(String caseNumber, String entryKey) {
    scenarios.complete(caseNumber, ProcessIds.TASK_DIRECT_ANSWER, Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", entryKey, "knowledgeEntryKeys", "SI-001"));
    return scenarios.task(caseNumber, ProcessIds.TASK_THREE_WAY_CALL);
  }

  @Test
  void specialistAnswersTheThreeWayCallAndTheCallbackClosesTheCase() {
    String n = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    Task call = startThreeWayCall(n, "SI-008");

    // SI-008: sp-hrss-01 is off duty, sp-hrss-02 is on duty; 30 minutes for a normal case
    BpmnAwareTests.assertThat(call).isNotNull().hasName("政策专员三方连线答复").hasCandidateUser("sp-hrss-02")
        .hasCandidateGroup("unit-hrss");
    assertThat(call.getDueDate().toInstant()).isEqualTo(FRIDAY_BEFORE_NATIONAL_DAY.plusSeconds(30 * 60));
    assertThat(timerOf(n, ProcessIds.BOUNDARY_THREE_WAY_CALL_TIMEOUT).getDuedate()).isEqualTo(call.getDueDate());
    assertThat(taskService.createTaskQuery().taskCandidateUser("sp-hrss-02").processInstanceBusinessKey(n).count())
        .as("in the specialist's task list").isEqualTo(1);
    assertThat(knowledgeColumns(n)).containsEntry("THREE_WAY_CALL", true).containsEntry("SPECIALIST_ID", "sp-hrss-02")
        .containsEntry("SPECIALIST_ENTRY_KEY", "SI-008").containsEntry("KNOWLEDGE_ENTRY_KEYS", "SI-001");

    CaseScenarios.asUser(engine.getIdentityService(), "sp-hrss-02", () -> scenarios.complete(n,
        ProcessIds.TASK_THREE_WAY_CALL, Map.of("threeWayCallResult", "ANSWERED",
            "threeWayCallAnswer", "新办企业领取营业执照后即完成单位社保登记，再为职工办理参保登记即可。")));
    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_CALLBACK);
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count())
        .as("the timer ends with the call").isZero();

    scenarios.callback(n, "SATISFIED");
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed(ProcessIds.TASK_RECORD_THREE_WAY_CALL_ANSWER,
        ProcessIds.END_CASE_CLOSED).hasNotPassed(ProcessIds.TASK_SIGN_FOR);
    CaseRecord closed = record(n);
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.path()).isEqualTo("DIRECT_ANSWER");
    assertThat(closed.replyText()).contains("参保登记");
    assertThat(knowledgeColumns(n)).containsEntry("THREE_WAY_CALL_OUTCOME", "ANSWERED")
        .containsEntry("ANSWERED_BY", "sp-hrss-02").containsEntry("ANSWERED_DIRECTLY", true);
  }

  @Test
  void specialistSaysItNeedsHandlingAndTheCaseGoesToTheUnit() {
    String n = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    startThreeWayCall(n, "SI-008");
    scenarios.complete(n, ProcessIds.TASK_THREE_WAY_CALL, Map.of("threeWayCallResult", "NEEDS_HANDLING",
        "threeWayCallAnswer", "需核实该企业的参保记录，转人社部门办理。"));

    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_SIGN_FOR);
    BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("unit-hrss");
    assertThat(record(n).status()).isEqualTo(CaseStatus.AWAITING_SIGN_FOR);
    assertThat(record(n).handlingUnit()).isEqualTo("HRSS");
    assertThat(knowledgeColumns(n)).containsEntry("THREE_WAY_CALL_OUTCOME", "NEEDS_HANDLING")
        .containsEntry("ANSWERED_DIRECTLY", false);
  }

  @Test
  void noAnswerInTimeDispatchesTheCaseToTheUnit() {
    String n = intake.open(CaseScenarios.request("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU", "URGENT"),
        CaseScenarios.OPERATOR).record().caseNumber();
    Task call = startThreeWayCall(n, "SI-008");
    assertThat(call.getDueDate().toInstant()).as("urgent: 15 minutes")
        .isEqualTo(FRIDAY_BEFORE_NATIONAL_DAY.plusSeconds(15 * 60));
    Job timer = timerOf(n, ProcessIds.BOUNDARY_THREE_WAY_CALL_TIMEOUT);

    ClockUtil.setCurrentTime(Date.from(FRIDAY_BEFORE_NATIONAL_DAY.plusSeconds(16 * 60)));
    managementService.executeJob(timer.getId());

    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_SIGN_FOR)
        .hasPassed(ProcessIds.BOUNDARY_THREE_WAY_CALL_TIMEOUT);
    assertThat(scenarios.task(n, ProcessIds.TASK_THREE_WAY_CALL)).as("the call task is withdrawn").isNull();
    BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("unit-hrss");
    assertThat(knowledgeColumns(n)).containsEntry("THREE_WAY_CALL_OUTCOME", "TIMED_OUT");
  }

  @Test
  void nobodyOnDutyGoesStraightToDispatch() {
    // a responsibility entry just added for a unit that has no policy specialist yet (the development and reform
    // commission): nobody can be called
    if (knowledgeEntries.find("DRC-901").isEmpty()) {
      knowledge.create(new KnowledgeEntry("DRC-901", EntryType.RESPONSIBILITY, "企业投资项目备案的职责分工",
          "企业投资项目备案由发展改革部门负责，通过在线审批监管平台办理。", "烟台市发展和改革委员会", null,
          java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2025, 1, 1), null, java.util.List.of("ADMIN_APPROVAL"),
          java.util.List.of(), "DRC", java.util.List.of("项目备案", "投资备案"), null, 0, null, null), "owner1");
    }
    String n = scenarios.open("CONSULTATION", "TAX", "LAISHAN");
    startThreeWayCall(n, "DRC-901");
    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_SIGN_FOR).hasNotPassed(ProcessIds.TASK_THREE_WAY_CALL);
    BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("unit-tax");
    assertThat(knowledgeColumns(n)).containsEntry("THREE_WAY_CALL_OUTCOME", "NO_SPECIALIST")
        .containsEntry("SPECIALIST_ID", null).containsEntry("THREE_WAY_CALL", true);
  }

  @Test
  void unknownOrWrongKnowledgeEntriesAreRefusedAndTheTaskStaysOpen() {
    String n = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    Task task = scenarios.task(n, ProcessIds.TASK_DIRECT_ANSWER);

    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("answerText", "可网上办理。",
        "knowledgeEntryKeys", "SI-001;KB-9999")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("knowledgeEntryKeys")
        .hasMessageContaining("KB-9999");
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", "NOPE-1")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("specialistEntryKey");
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", "SI-001")))
        .as("SI-001 is a procedure, not a responsibility entry")
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("specialistEntryKey");
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("directAnswerAction", "THREE_WAY_CALL")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("specialistEntryKey");
    assertThatThrownBy(() -> taskService.complete(task.getId(), Map.of("directAnswerAction", "CALL_BACK_LATER",
        "answerText", "x"))).hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("directAnswerAction");

    assertThat(scenarios.task(n, ProcessIds.TASK_DIRECT_ANSWER).getId()).isEqualTo(task.getId());
    assertThat(knowledgeColumns(n)).containsEntry("KNOWLEDGE_ENTRY_KEYS", null).containsEntry("THREE_WAY_CALL", false);
  }

  // --- dispatch, deadlines, sign-for, reply, QC, callback --------------------------------------------------------

  @Test
  void helpRequestIsDispatchedSignedRepliedCheckedAndClosed() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_SIGN_FOR);
    Task signFor = BpmnAwareTests.task(pi);
    BpmnAwareTests.assertThat(signFor).hasCandidateGroup("unit-hrss");
    // 8 working hours from Friday 10:00: Friday has 7 office hours left, the 8th falls on make-up Sunday 28 September
    assertThat(signFor.getDueDate().toInstant()).isEqualTo(at(2025, 9, 28, 10, 0));
    assertThat(record(n).signForDue().toInstant()).isEqualTo(at(2025, 9, 28, 10, 0));
    assertThat(record(n).status()).isEqualTo(CaseStatus.AWAITING_SIGN_FOR);

    scenarios.signFor(n);
    Task handle = BpmnAwareTests.task(pi);
    assertThat(handle.getTaskDefinitionKey()).isEqualTo(ProcessIds.TASK_HANDLE);
    // 5 working days after Friday 26 September: 28, 29, 30 September, 9 and 10 October
    assertThat(handle.getDueDate().toInstant()).isEqualTo(at(2025, 10, 10, 17, 0));
    assertThat(record(n).status()).isEqualTo(CaseStatus.HANDLING);

    scenarios.reply(n, "RESOLVED");
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.CALL_THREE_GATE_QC);
    assertThat(record(n).status()).isEqualTo(CaseStatus.IN_QC);
    ProcessInstance qc = BpmnAwareTests.calledProcessInstance(pi);
    BpmnAwareTests.assertThat(qc).isWaitingAt(ProcessIds.TASK_GATE1);
    assertThat(qc.getBusinessKey()).isEqualTo(n);
    BpmnAwareTests.assertThat(BpmnAwareTests.task(qc)).hasCandidateGroup("case-review-group");
    scenarios.complete(n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", true));
    BpmnAwareTests.assertThat(BpmnAwareTests.task(qc)).hasCandidateGroup("line-working-group");
    scenarios.complete(n, ProcessIds.TASK_GATE2, Map.of("gate2Passed", true));
    BpmnAwareTests.assertThat(BpmnAwareTests.task(qc)).hasCandidateGroup("qc-specialist");
    scenarios.complete(n, ProcessIds.TASK_GATE3, Map.of("gate3Passed", true, "qcVerdict", "RESOLVED"));
    BpmnAwareTests.assertThat(qc).isEnded().hasPassed(ProcessIds.END_QC_PASSED);

    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_CALLBACK);
    scenarios.callback(n, "FAIRLY_SATISFIED");
    BpmnAwareTests.assertThat(pi).isEnded().hasPassed(ProcessIds.END_CASE_CLOSED);
    CaseRecord closed = record(n);
    assertThat(closed.status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(closed.qcVerdict()).isEqualTo("RESOLVED");
    assertThat(closed.replyResult()).isEqualTo("RESOLVED");
    assertThat(closed.satisfaction()).isEqualTo("FAIRLY_SATISFIED");
    assertThat(closed.overdue()).isFalse();
    assertThat(closed.reworkCount()).isZero();
  }

  @Test
  void urgentCaseGetsTheShortDeadlinesOfTheDecisionTable() {
    String n = intake.open(CaseScenarios.request("COMPLAINT", "ENVIRONMENT", "FUSHAN", "URGENT"),
        CaseScenarios.OPERATOR).record().caseNumber();
    Task signFor = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
    BpmnAwareTests.assertThat(signFor).hasCandidateGroup("unit-eco");
    assertThat(signFor.getDueDate().toInstant()).isEqualTo(at(2025, 9, 26, 12, 0));
    scenarios.signFor(n);
    // 2 working days: Sunday 28 (make-up) and Monday 29 September
    assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE).getDueDate().toInstant()).isEqualTo(at(2025, 9, 29, 17, 0));
  }

  @Test
  void theDecisionsOutputsArePlainVariablesAndTheCaseStoresNoSerializedObject() {
    String n = intake.open(CaseScenarios.request("COMPLAINT", "ENVIRONMENT", "FUSHAN", "URGENT"),
        CaseScenarios.OPERATOR).record().caseNumber();
    String pi = scenarios.instance(n).getId();
    // case-routing Rule_Dispatch_ECO, handling-deadline Rule_Urgent: what Cockpit shows as the case's variables
    Map<String, Object> variables = runtimeService.getVariables(pi);
    assertThat(variables).containsEntry("path", "DISPATCH").containsEntry("handlingUnit", "ECO")
        .containsEntry("routingReason", "按权责清单派市生态环境局办理").containsEntry("signForWorkingHours", 2)
        .containsEntry("handlingWorkingDays", 2).containsEntry("extensionMaxWorkingDays", 5)
        .doesNotContainKeys("routing", "deadlineRule", "decisionResult");
    scenarios.signFor(n);
    scenarios.reply(n, "RESOLVED");
    scenarios.passQc(n, "RESOLVED");
    scenarios.callback(n, "SATISFIED");
    assertThat(record(n).status()).isEqualTo(CaseStatus.CLOSED);
    // every variable of the case and of its QC instance is a plain value: readable in Cockpit, no byte array
    var types = jdbc.queryForList("select NAME_, VAR_TYPE_ from ACT_HI_VARINST where ROOT_PROC_INST_ID_ = ?", pi);
    assertThat(types).hasSizeGreaterThan(40).allSatisfy(v -> assertThat(v.get("VAR_TYPE_")).as("%s", v.get("NAME_"))
        .isIn("string", "integer", "long", "boolean", "date", "null"));
    assertThat(jdbc.queryForObject("select count(*) from ACT_GE_BYTEARRAY where ROOT_PROC_INST_ID_ = ?", Long.class,
        pi)).isZero();
  }

  @Test
  void aCaseStartedWithTheOldDecisionMapStillGetsItsExtensionLimitFromIt() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.signFor(n);
    // what a case started on a process version from before the output mapping holds: the whole result in one map
    String pi = scenarios.instance(n).getId();
    runtimeService.removeVariable(pi, "extensionMaxWorkingDays");
    runtimeService.setVariable(pi, "deadlineRule", org.camunda.bpm.engine.variable.Variables
        .objectValue(new HashMap<>(Map.of("signForWorkingHours", 8, "handlingWorkingDays", 10,
            "extensionMaxWorkingDays", 2)))
        .serializationDataFormat(org.camunda.bpm.engine.variable.Variables.SerializationDataFormats.JSON).create());

    Task handle = scenarios.task(n, ProcessIds.TASK_HANDLE);
    assertThatThrownBy(() -> taskService.complete(handle.getId(),
        Map.of("handlingAction", "EXTEND", "extensionDays", 3, "extensionReason", "需协调省厅系统")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("extensionDays");
    scenarios.complete(n, ProcessIds.TASK_HANDLE,
        Map.of("handlingAction", "EXTEND", "extensionDays", 2, "extensionReason", "需协调省厅系统"));
    BpmnAwareTests.assertThat(scenarios.task(n, ProcessIds.TASK_REVIEW_EXTENSION)).isNotNull();
  }

  @Test
  void caseReturnedTwiceIsFlaggedResponsibilityUnclearAndReroutedByTheLineWorkingGroup() {
    String n = scenarios.open("HELP", "OTHER", "ZHIFU");
    BpmnAwareTests.assertThat(scenarios.task(n, ProcessIds.TASK_SIGN_FOR)).hasCandidateGroup("unit-zhifu");

    scenarios.complete(n, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "RETURN", "returnReason", "不属于本区职责"));
    Task reroute = scenarios.task(n, ProcessIds.TASK_REROUTE);
    BpmnAwareTests.assertThat(reroute).hasCandidateGroup("line-working-group");
    assertThat(record(n).status()).isEqualTo(CaseStatus.RETURNED);
    assertThat(record(n).returnCount()).isEqualTo(1);
    assertThat(record(n).responsibilityUnclear()).isFalse();

    scenarios.complete(n, ProcessIds.TASK_REROUTE, Map.of("handlingUnit", "AMR", "rerouteReason", "涉及市场监管事项"));
    Task signFor = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
    BpmnAwareTests.assertThat(signFor).hasCandidateGroup("unit-amr");
    assertThat(taskService.getVariable(signFor.getId(), "signForDecision")).as("old decision cleared").isNull();
    assertThat(record(n).handlingUnit()).isEqualTo("AMR");

    scenarios.complete(n, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "RETURN", "returnReason", "非本部门职责"));
    assertThat(record(n).returnCount()).isEqualTo(2);
    assertThat(record(n).responsibilityUnclear()).isTrue();
    assertThat(runtimeService.getVariable(scenarios.instance(n).getId(), "responsibilityUnclear")).isEqualTo(true);

    scenarios.complete(n, ProcessIds.TASK_REROUTE, Map.of("handlingUnit", "HRSS", "rerouteReason", "经研判由人社局办理"));
    scenarios.signFor(n);
    BpmnAwareTests.assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE)).hasCandidateGroup("unit-hrss");
  }

  @Test
  void extensionApprovedMovesTheDeadlineAndRejectedLeavesIt() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.signFor(n);
    Date due = scenarios.task(n, ProcessIds.TASK_HANDLE).getDueDate();
    assertThat(due.toInstant()).isEqualTo(at(2025, 10, 10, 17, 0));

    scenarios.complete(n, ProcessIds.TASK_HANDLE,
        Map.of("handlingAction", "EXTEND", "extensionDays", 3, "extensionReason", "需协调省厅系统"));
    BpmnAwareTests.assertThat(scenarios.task(n, ProcessIds.TASK_REVIEW_EXTENSION)).hasCandidateGroup("line-working-group");
    scenarios.complete(n, ProcessIds.TASK_REVIEW_EXTENSION, Map.of("extensionApproved", true));
    // 3 working days after Friday 10 October: Saturday 11 (make-up), Monday 13, Tuesday 14
    Task handle = scenarios.task(n, ProcessIds.TASK_HANDLE);
    assertThat(handle.getDueDate().toInstant()).isEqualTo(at(2025, 10, 14, 17, 0));
    assertThat(record(n).handlingDue().toInstant()).isEqualTo(at(2025, 10, 14, 17, 0));
    assertThat(record(n).extensionCount()).isEqualTo(1);
    assertThat(taskService.getVariable(handle.getId(), "extensionApproved")).as("next request starts empty").isNull();

    scenarios.complete(n, ProcessIds.TASK_HANDLE,
        Map.of("handlingAction", "EXTEND", "extensionDays", 5, "extensionReason", "仍需时间"));
    scenarios.complete(n, ProcessIds.TASK_REVIEW_EXTENSION,
        Map.of("extensionApproved", false, "extensionComment", "理由不充分，请按期办结"));
    assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE).getDueDate().toInstant()).isEqualTo(at(2025, 10, 14, 17, 0));
    assertThat(record(n).extensionCount()).isEqualTo(1);

    // 3 of 10 days granted: asking for 8 more exceeds the limit and is refused, the task stays open
    Task before = scenarios.task(n, ProcessIds.TASK_HANDLE);
    assertThatThrownBy(() -> taskService.complete(before.getId(),
        Map.of("handlingAction", "EXTEND", "extensionDays", 8, "extensionReason", "再延")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("extensionDays");
    assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE).getId()).isEqualTo(before.getId());
  }

  @Test
  void everyQcGateCanSendTheReplyBackForRework() {
    String n = scenarios.open("COMPLAINT", "TAX", "LONGKOU");
    scenarios.signFor(n);
    scenarios.reply(n, "RESOLVED");

    scenarios.complete(n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", false, "gate1Remark", "答复过于简单"));
    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_HANDLE);
    assertThat(runtimeService.getVariable(pi.getId(), "reworkReason")).asString().contains("第1关").contains("答复过于简单");
    assertThat(record(n).reworkCount()).isEqualTo(1);
    assertThat(record(n).status()).isEqualTo(CaseStatus.HANDLING);

    scenarios.reply(n, "RESOLVED");
    scenarios.complete(n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", true));
    scenarios.complete(n, ProcessIds.TASK_GATE2, Map.of("gate2Passed", false, "gate2Remark", "未附办理依据"));
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_HANDLE);
    assertThat(record(n).reworkCount()).isEqualTo(2);

    scenarios.reply(n, "RESOLVED");
    scenarios.complete(n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", true));
    scenarios.complete(n, ProcessIds.TASK_GATE2, Map.of("gate2Passed", true));
    scenarios.complete(n, ProcessIds.TASK_GATE3, Map.of("gate3Passed", false, "gate3Remark", "电话核实企业未解决"));
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_HANDLE);
    assertThat(record(n).reworkCount()).isEqualTo(3);

    scenarios.reply(n, "RESOLVED");
    scenarios.passQc(n, "RESOLVED");
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_CALLBACK);
    assertThat(runtimeService.getVariable(pi.getId(), "reworkCount")).isEqualTo(3);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(n)
        .processDefinitionKey(ProcessIds.THREE_GATE_QC).count()).isEqualTo(4);
  }

  @Test
  void dissatisfiedRequesterOnAResolvedCaseIsReopenedToTheUnit() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    ProcessInstance piN = scenarios.instance(n);
    scenarios.signFor(n);
    scenarios.reply(n, "RESOLVED");
    scenarios.passQc(n, "RESOLVED");
    scenarios.callback(n, "DISSATISFIED");
    scenarios.complete(n, ProcessIds.TASK_REVIEW_DISSATISFACTION, Map.of("reopen", true, "reviewComment", "确未解决，重办"));

    Task handle = scenarios.task(n, ProcessIds.TASK_HANDLE);
    BpmnAwareTests.assertThat(handle).hasCandidateGroup("unit-hrss");
    assertThat(record(n).reopenCount()).isEqualTo(1);
    assertThat(taskService.getVariable(handle.getId(), "satisfaction")).as("the next callback starts empty").isNull();
    assertThat(record(n).status()).isEqualTo(CaseStatus.HANDLING);

    scenarios.reply(n, "RESOLVED");
    scenarios.passQc(n, "RESOLVED");
    scenarios.callback(n, "SATISFIED");
    BpmnAwareTests.assertThat(piN).isEnded();
    assertThat(record(n).status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(record(n).satisfaction()).isEqualTo("SATISFIED");
  }

  @Test
  void lineWorkingGroupMayCloseADissatisfiedCaseWithoutReopening() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    ProcessInstance piN = scenarios.instance(n);
    scenarios.signFor(n);
    scenarios.reply(n, "RESOLVED");
    scenarios.passQc(n, "RESOLVED");
    scenarios.callback(n, "DISSATISFIED");
    scenarios.complete(n, ProcessIds.TASK_REVIEW_DISSATISFACTION,
        Map.of("reopen", false, "reviewComment", "已依法依规答复，诉求超出政策范围"));
    BpmnAwareTests.assertThat(piN).isEnded().hasPassed(ProcessIds.END_CASE_CLOSED);
    assertThat(record(n).status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(record(n).satisfaction()).isEqualTo("DISSATISFIED");
  }

  @Test
  void plannedResolutionEndsOnThePlannedLedger() {
    String n = scenarios.open("HELP", "LAND_PLANNING", "PENGLAI");
    ProcessInstance piN = scenarios.instance(n);
    scenarios.signFor(n);
    scenarios.reply(n, "PLANNED");
    assertThat(record(n).promisedDate()).hasToString("2026-12-31");
    scenarios.passQc(n, "PLANNED");
    // dissatisfaction on a planned case does not reopen it: the ledger follows it up
    scenarios.callback(n, "DISSATISFIED");
    BpmnAwareTests.assertThat(piN).isEnded().hasPassed(ProcessIds.END_PLANNED_LEDGER);
    CaseRecord r = record(n);
    assertThat(r.status()).isEqualTo(CaseStatus.ON_LEDGER);
    assertThat(r.ledger()).isEqualTo("PLANNED");
    assertThat(r.qcVerdict()).isEqualTo("PLANNED");
  }

  @Test
  void unjustifiedUnresolvedEndsOnTheUnresolvedLedgerAndJustifiedOneCloses() {
    String n = scenarios.open("COMPLAINT", "ARREARS", "LAIZHOU");
    ProcessInstance piN = scenarios.instance(n);
    BpmnAwareTests.assertThat(scenarios.task(n, ProcessIds.TASK_SIGN_FOR)).hasCandidateGroup("unit-laizhou");
    scenarios.signFor(n);
    scenarios.reply(n, "UNRESOLVED");
    assertThat(record(n).unresolvedReason()).contains("省级");
    scenarios.passQc(n, "UNRESOLVED_UNJUSTIFIED");
    scenarios.callback(n, "DISSATISFIED");
    BpmnAwareTests.assertThat(piN).isEnded().hasPassed(ProcessIds.END_UNRESOLVED_LEDGER);
    assertThat(record(n).status()).isEqualTo(CaseStatus.ON_LEDGER);
    assertThat(record(n).ledger()).isEqualTo("UNRESOLVED");

    String m = scenarios.open("SUGGESTION", "TRANSPORT", "HAIYANG");
    ProcessInstance piM = scenarios.instance(m);
    scenarios.signFor(m);
    scenarios.reply(m, "UNRESOLVED");
    scenarios.passQc(m, "UNRESOLVED_JUSTIFIED");
    scenarios.callback(m, "FAIRLY_SATISFIED");
    BpmnAwareTests.assertThat(piM).isEnded().hasPassed(ProcessIds.END_CASE_CLOSED);
    assertThat(record(m).status()).isEqualTo(CaseStatus.CLOSED);
    assertThat(record(m).ledger()).isNull();
  }

  // --- overdue timers ---------------------------------------------------------------------------------------------

  @Test
  void missedSignForDeadlineMarksTheCaseOverdueAndRemindsTheUnitWithoutStoppingTheWork() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    Task signFor = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
    Job timer = timerOf(n, ProcessIds.BOUNDARY_SIGN_FOR_OVERDUE);
    assertThat(timer.getDuedate()).isEqualTo(signFor.getDueDate());

    ClockUtil.setCurrentTime(Date.from(at(2025, 9, 28, 10, 1)));
    managementService.executeJob(timer.getId());

    assertThat(record(n).overdue()).isTrue();
    assertThat(cases.reminders(n)).singleElement().satisfies(r -> {
      assertThat(r.unit()).isEqualTo("HRSS");
      assertThat(r.kind()).isEqualTo("SIGN_FOR_OVERDUE");
    });
    assertThat(taskService.getTaskComments(signFor.getId())).singleElement()
        .satisfies(c -> assertThat(c.getFullMessage()).contains("超过签收时限"));
    assertThat(scenarios.task(n, ProcessIds.TASK_SIGN_FOR).getId()).as("the task goes on").isEqualTo(signFor.getId());

    scenarios.signFor(n);
    assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE)).isNotNull();
  }

  @Test
  void missedHandlingDeadlineRemindsTheUnitAndTheReplyStillGoesThrough() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.signFor(n);
    String pid = scenarios.instance(n).getId();
    Job timer = timerOf(n, ProcessIds.BOUNDARY_HANDLING_OVERDUE);
    assertThat(timer.getDuedate().toInstant()).isEqualTo(at(2025, 10, 10, 17, 0));
    assertThat(managementService.createJobQuery().processInstanceId(pid).timers()
        .duedateLowerThan(Date.from(at(2025, 10, 10, 16, 59))).count())
        .as("no timer fires before the deadline").isZero();

    ClockUtil.setCurrentTime(Date.from(at(2025, 10, 10, 17, 5)));
    managementService.executeJob(timer.getId());
    assertThat(record(n).overdue()).isTrue();
    assertThat(cases.reminders(n)).extracting(CaseRepository.Reminder::kind).containsExactly("HANDLING_OVERDUE");

    scenarios.reply(n, "RESOLVED");
    BpmnAwareTests.assertThat(scenarios.instance(n)).isWaitingAt(ProcessIds.CALL_THREE_GATE_QC);
    assertThat(managementService.createJobQuery().processInstanceId(pid).timers().count())
        .as("timers end with their task").isZero();
  }

  private Job timerOf(String caseNumber, String boundaryId) {
    return managementService.createJobQuery().processInstanceId(scenarios.instance(caseNumber).getId())
        .activityId(boundaryId).timers().singleResult();
  }

  // --- Tasklist start form and server-side checks ----------------------------------------------------------------

  @Test
  void startFormInTasklistRegistersTheCaseWithANumberAsBusinessKey() {
    Map<String, Object> form = new HashMap<>(Map.of(
        "enterpriseName", "烟台开发区某新材料有限公司", "creditCode", CaseScenarios.CREDIT_CODE.toLowerCase(),
        "contactName", "李女士", "contactPhone", "0535-6612345", "district", "YEDA", "type", "HELP", "topic", "TAX",
        "title", "出口退税进度咨询", "description", "企业上月申报出口退税至今未到账，请帮助查询办理进度。", "channel", "PHONE"));
    String processDefinitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ProcessIds.ENTERPRISE_CASE).latestVersion().singleResult().getId();
    ProcessInstance pi = formService.submitStartForm(processDefinitionId, form);

    String n = pi.getBusinessKey();
    assertThat(n).matches("ZQT-20250926-\\d{6}");
    CaseRecord r = record(n);
    assertThat(r.processInstanceId()).isEqualTo(pi.getId());
    assertThat(r.creditCode()).isEqualTo(CaseScenarios.CREDIT_CODE);
    assertThat(r.urgency()).isEqualTo("NORMAL");
    BpmnAwareTests.assertThat(scenarios.task(n, ProcessIds.TASK_SIGN_FOR)).hasCandidateGroup("unit-tax");
  }

  @Test
  void invalidStartFormStoresNothing() {
    long cases0 = jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case", Long.class);
    long instances0 = runtimeService.createProcessInstanceQuery().count();
    String processDefinitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ProcessIds.ENTERPRISE_CASE).latestVersion().singleResult().getId();
    Map<String, Object> form = Map.of("enterpriseName", "某公司", "creditCode", "91370602MA3C4K7L1X",
        "contactName", "李", "contactPhone", "12345", "district", "NOWHERE", "type", "HELP", "topic", "TAX",
        "title", "标题四字", "description", "内容至少十个字符的描述文字", "channel", "PHONE");

    assertThatThrownBy(() -> formService.submitStartForm(processDefinitionId, form))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).problems())
            .extracting(p -> p.field()).containsExactlyInAnyOrder("creditCode", "contactPhone", "district"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case", Long.class)).isEqualTo(cases0);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances0);
  }

  @Test
  void craftedTaskSubmitThatSkipsTheFormIsRefusedAndTheTaskStaysOpen() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.signFor(n);
    Task handle = scenarios.task(n, ProcessIds.TASK_HANDLE);

    assertThatThrownBy(() -> taskService.complete(handle.getId(),
        Map.of("handlingAction", "REPLY", "replyResult", "PLANNED", "replyText", "计划年底前解决")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("promisedDate");
    assertThatThrownBy(() -> taskService.complete(handle.getId(), Map.of("handlingAction", "REPLY",
        "replyResult", "DONE", "replyText", "x")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("replyResult");
    assertThatThrownBy(() -> scenarios.complete(n, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "REPLY",
        "replyResult", "RESOLVED", "replyText", "好".repeat(2001))))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("replyText");

    Task still = scenarios.task(n, ProcessIds.TASK_HANDLE);
    assertThat(still.getId()).isEqualTo(handle.getId());
    assertThat(taskService.getVariable(still.getId(), "replyResult")).as("nothing half-written").isNull();
    assertThat(record(n).status()).isEqualTo(CaseStatus.HANDLING);
    assertThat(record(n).replyText()).isNull();
  }

}
