package io.zqt.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.calendar.WorkingDayCalendar;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every user task gets a due date (BPMN or the task-deadline decision, on the working-day calendar) and a follow-up
 * date one working day earlier, and carries the case summary that its form shows. Engine clock: Friday 26 September
 * 2025, 10:00 in Yantai, before the National Day holiday (1–8 October; Sunday 28 September is a working day).
 */
@ZqtSpringTest
class TaskDueDatesAndSummaryTest {

  static final ZoneId YANTAI = ZoneId.of("Asia/Shanghai");

  @Autowired TestRestTemplate http;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.HistoryService historyService;
  @Autowired WorkingDayCalendar calendar;

  CaseScenarios scenarios;
  /** The first task seen of each task definition key. */
  final Map<String, Task> seen = new LinkedHashMap<>();

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(at(2025, 9, 26, 10, 0)));
    scenarios = new CaseScenarios(intake, runtimeService, taskService);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Instant at(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(YANTAI).toInstant();
  }

  private Task see(String caseNumber, String key) {
    Task task = scenarios.task(caseNumber, key);
    assertThat(task).as(key).isNotNull();
    seen.putIfAbsent(key, task);
    return task;
  }

  private Map<String, Object> summaryOf(Task task) {
    return taskService.getVariablesLocal(task.getId());
  }

  ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  @Test
  void everyUserTaskGetsADueDateAndAFollowUpDateOneWorkingDayEarlier() {
    String direct = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    see(direct, ProcessIds.TASK_DIRECT_ANSWER);
    scenarios.complete(direct, ProcessIds.TASK_DIRECT_ANSWER, Map.of("answerText", "可在网上服务大厅办理社保登记。"));
    see(direct, ProcessIds.TASK_CALLBACK);
    scenarios.callback(direct, "DISSATISFIED");
    see(direct, ProcessIds.TASK_REVIEW_DISSATISFACTION);

    String dispatched = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    see(dispatched, ProcessIds.TASK_SIGN_FOR);
    scenarios.signFor(dispatched);
    see(dispatched, ProcessIds.TASK_HANDLE);
    scenarios.complete(dispatched, ProcessIds.TASK_HANDLE,
        Map.of("handlingAction", "EXTEND", "extensionDays", 2, "extensionReason", "需协调省厅系统"));
    see(dispatched, ProcessIds.TASK_REVIEW_EXTENSION);
    scenarios.complete(dispatched, ProcessIds.TASK_REVIEW_EXTENSION, Map.of("extensionApproved", true));
    scenarios.reply(dispatched, "RESOLVED");
    see(dispatched, ProcessIds.TASK_GATE1);
    scenarios.complete(dispatched, ProcessIds.TASK_GATE1, Map.of("gate1Passed", true));
    see(dispatched, ProcessIds.TASK_GATE2);
    scenarios.complete(dispatched, ProcessIds.TASK_GATE2, Map.of("gate2Passed", true));
    see(dispatched, ProcessIds.TASK_GATE3);

    String returned = scenarios.open("HELP", "TAX", "ZHIFU");
    scenarios.complete(returned, ProcessIds.TASK_SIGN_FOR,
        Map.of("signForDecision", "RETURN", "returnReason", "不属于本单位职责"));
    see(returned, ProcessIds.TASK_REROUTE);

    String called = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.complete(called, ProcessIds.TASK_DIRECT_ANSWER, Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", "SI-008"));
    see(called, ProcessIds.TASK_THREE_WAY_CALL);

    // every user task of every deployed process was reached
    java.util.Set<String> allUserTasks = new java.util.TreeSet<>();
    for (String key : java.util.List.of(ProcessIds.ENTERPRISE_CASE, ProcessIds.THREE_GATE_QC)) {
      String id = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
          .singleResult().getId();
      repositoryService.getBpmnModelInstance(id).getModelElementsByType(UserTask.class)
          .forEach(t -> allUserTasks.add(t.getId()));
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(allUserTasks);

    for (Task task : seen.values()) {
      assertThat(task.getDueDate()).as("due date of %s", task.getTaskDefinitionKey()).isNotNull();
      assertThat(task.getFollowUpDate()).as("follow-up date of %s", task.getTaskDefinitionKey())
          .isEqualTo(Date.from(calendar.subtractWorkingDays(task.getDueDate().toInstant(), 1)));
    }
    assertThat(historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey("task-deadline").count())
        .as("a task's allowance is not kept as a decision: the due date is its outcome").isZero();
    // task-deadline decision: 4 working hours to answer directly
    assertThat(seen.get(ProcessIds.TASK_DIRECT_ANSWER).getDueDate().toInstant()).isEqualTo(at(2025, 9, 26, 14, 0));
    assertThat(seen.get(ProcessIds.TASK_DIRECT_ANSWER).getFollowUpDate().toInstant())
        .isEqualTo(at(2025, 9, 25, 14, 0));
    // 2 working days for the callback: Sunday 28 September is a make-up working day
    assertThat(seen.get(ProcessIds.TASK_CALLBACK).getDueDate().toInstant()).isEqualTo(at(2025, 9, 29, 17, 0));
    // 1 working day for each QC gate and the line working group
    assertThat(seen.get(ProcessIds.TASK_GATE1).getDueDate().toInstant()).isEqualTo(at(2025, 9, 28, 17, 0));
    assertThat(seen.get(ProcessIds.TASK_REROUTE).getDueDate().toInstant()).isEqualTo(at(2025, 9, 28, 17, 0));
    // from the BPMN (handling-deadline decision): 8 working hours to sign for, 5 working days to handle
    assertThat(seen.get(ProcessIds.TASK_SIGN_FOR).getDueDate().toInstant()).isEqualTo(at(2025, 9, 28, 10, 0));
    assertThat(seen.get(ProcessIds.TASK_SIGN_FOR).getFollowUpDate().toInstant()).isEqualTo(at(2025, 9, 26, 10, 0));
    assertThat(seen.get(ProcessIds.TASK_HANDLE).getDueDate().toInstant()).isEqualTo(at(2025, 10, 10, 17, 0));
    assertThat(seen.get(ProcessIds.TASK_HANDLE).getFollowUpDate().toInstant()).isEqualTo(at(2025, 10, 9, 17, 0));
    // from the BPMN (three-way-call decision): 30 calendar minutes for the specialist
    assertThat(seen.get(ProcessIds.TASK_THREE_WAY_CALL).getDueDate().toInstant())
        .isEqualTo(at(2025, 9, 26, 10, 30));
  }

  @Test
  void aProcessOwnersNewTaskDeadlineTableAppliesToTheNextTask() throws Exception {
    String before = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    assertThat(scenarios.task(before, ProcessIds.TASK_DIRECT_ANSWER).getDueDate().toInstant())
        .isEqualTo(at(2025, 9, 26, 14, 0));
    // the owner gives direct answers 2 working hours instead of 4 and deploys the table (as from Camunda Modeler)
    String table = java.nio.file.Files.readString(java.nio.file.Path.of("decisions/task-deadline.dmn")).replace(
        "<outputEntry id=\"LiteralExpression_DirectAnswer_Hours\"><text>4</text>",
        "<outputEntry id=\"LiteralExpression_DirectAnswer_Hours\"><text>2</text>");
    assertThat(table).contains("LiteralExpression_DirectAnswer_Hours\"><text>2</text>");
    String deployment = repositoryService.createDeployment().name("owner's change").addString("task-deadline.dmn",
        table).deploy().getId();
    try {
      String after = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
      assertThat(scenarios.task(after, ProcessIds.TASK_DIRECT_ANSWER).getDueDate().toInstant())
          .isEqualTo(at(2025, 9, 26, 12, 0));
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
    String again = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    assertThat(scenarios.task(again, ProcessIds.TASK_DIRECT_ANSWER).getDueDate().toInstant())
        .as("back on the earlier version once the new one is removed").isEqualTo(at(2025, 9, 26, 14, 0));
  }

  @Test
  void everyTaskCarriesTheCaseSummaryInChinese() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    Map<String, Object> signFor = summaryOf(see(n, ProcessIds.TASK_SIGN_FOR));
    assertThat(signFor).containsAllEntriesOf(Map.of(
        CaseSummary.CASE_NUMBER, n,
        CaseSummary.ENTERPRISE, "烟台市某精密机械有限公司",
        CaseSummary.TITLE, "新招员工社保登记遇到问题",
        CaseSummary.TYPE, "求助",
        CaseSummary.TOPIC, "社会保险",
        CaseSummary.DISTRICT, "芝罘区",
        CaseSummary.DEADLINE, "2025-09-28 10:00（签收时限）",
        CaseSummary.REPLIES, "暂无",
        CaseSummary.QC_REMARKS, "暂无",
        CaseSummary.REWORK_COUNT, "0 次"));
    assertThat(signFor.keySet()).containsAll(CaseSummary.KEYS);

    scenarios.signFor(n);
    assertThat(summaryOf(see(n, ProcessIds.TASK_HANDLE)))
        .containsEntry(CaseSummary.DEADLINE, "2025-10-10 17:00（办理时限）");

    scenarios.reply(n, "RESOLVED");
    assertThat(summaryOf(see(n, ProcessIds.TASK_GATE1)))
        .containsEntry(CaseSummary.REPLIES, "第1次答复：已与企业联系，协助完成社保登记信息更正。")
        .containsEntry(CaseSummary.CASE_NUMBER, n);
    scenarios.complete(n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", false, "gate1Remark", "答复未说明办理依据"));

    Map<String, Object> rework = summaryOf(scenarios.task(n, ProcessIds.TASK_HANDLE));
    assertThat(rework).containsEntry(CaseSummary.REWORK_COUNT, "1 次")
        .containsEntry(CaseSummary.QC_REMARKS, "第1次退回：第1关退回：答复未说明办理依据")
        .containsEntry(CaseSummary.REPLIES, "第1次答复：已与企业联系，协助完成社保登记信息更正。");

    scenarios.complete(n, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "REPLY", "replyResult", "RESOLVED",
        "replyText", "依据《社会保险登记管理办法》第八条，已为企业更正登记信息。"));
    assertThat(summaryOf(scenarios.task(n, ProcessIds.TASK_GATE1)))
        .containsEntry(CaseSummary.REPLIES, "第2次答复：依据《社会保险登记管理办法》第八条，已为企业更正登记信息。\n"
            + "第1次答复：已与企业联系，协助完成社保登记信息更正。")
        .containsEntry(CaseSummary.REWORK_COUNT, "1 次");

    // the copies are for display only: the history keeps the case's own variables, not the per-task copies
    String caseRoot = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(n)
        .processDefinitionKey("enterprise-case").singleResult().getId();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(caseRoot)
        .variableName("replyText").count()).isEqualTo(1);
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(caseRoot).variableUpdates().list())
        .extracting(d -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName())
        .contains("replyText", "caseNumber").noneMatch(name -> name.startsWith("summary"));
    assertThat(historyService.createHistoricVariableInstanceQuery().variableNameLike("summary%").count()).isZero();
  }

  @Test
  void tasklistGetsTheSummaryAndACraftedSubmitCannotChangeIt() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String taskId = scenarios.task(n, ProcessIds.TASK_SIGN_FOR).getId();

    ResponseEntity<JsonNode> form = call(HttpMethod.GET, "/engine-rest/task/" + taskId + "/form-variables", "hrss1",
        null);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody().get(CaseSummary.TOPIC).get("value").asText()).isEqualTo("社会保险");
    assertThat(form.getBody().get(CaseSummary.DISTRICT).get("value").asText()).isEqualTo("芝罘区");

    ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form", "hrss1",
        "{\"variables\":{\"signForDecision\":{\"value\":\"SIGN\"},\"summaryType\":{\"value\":\"表扬\"}}}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo(CaseSummary.TYPE);
    assertThat(refused.getBody().toString()).contains("只读");
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("task still open").isOne();
    assertThat(taskService.getVariableLocal(taskId, CaseSummary.TYPE)).isEqualTo("求助");
    assertThat(taskService.getVariable(taskId, "signForDecision")).as("nothing half-written").isNull();

    ResponseEntity<JsonNode> smuggled = call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form", "hrss1",
        "{\"variables\":{\"signForDecision\":{\"value\":\"SIGN\"},\"summaryUnknown\":{\"value\":\"x\"},"
            + "\"summaryReworkCount\":{\"value\":\"9 次\"}}}");
    assertThat(smuggled.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<JsonNode> done = call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form", "hrss1",
        "{\"variables\":{\"signForDecision\":{\"value\":\"SIGN\"}}}");
    assertThat(done.getStatusCode()).isIn(HttpStatus.OK, HttpStatus.NO_CONTENT);
    assertThat(scenarios.task(n, ProcessIds.TASK_HANDLE)).isNotNull();
  }
}
