package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.ProcessIds;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A case worked by its real users through the APIs (return, overdue reminder, extension, QC rework, comment,
 * callback), then read back as a timeline over HTTP: an auditor can reconstruct the whole case from it alone.
 */
@ZqtSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTimelineTest {

  static final String ENTERPRISE = "烟台市审计样例精密机械有限公司";

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  AuditHttp http;
  String n;

  /** Once per class (the coverage recorder of the shared test setup needs a running test, so not @BeforeAll). */
  @BeforeEach
  void workACaseFromIntakeToClose() {
    if (n != null) {
      return;
    }
    http = new AuditHttp(rest, taskService);
    n = http.open(ENTERPRISE, "HELP", "SOCIAL_INSURANCE", "ZHIFU");
    // the sign-for deadline passes: the unit is reminded
    String pid = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(n).singleResult().getId();
    Job timer = managementService.createJobQuery().processInstanceId(pid)
        .activityId(ProcessIds.BOUNDARY_SIGN_FOR_OVERDUE).timers().singleResult();
    managementService.executeJob(timer.getId());
    http.work("hrss1", n, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "RETURN", "returnReason", "非本单位职责"));
    // a comment by the line working group on its task (units lack READ_HISTORY, which the comment REST call needs)
    String reroute = http.taskId(n, ProcessIds.TASK_REROUTE);
    var comment = http.call(HttpMethod.POST, "/engine-rest/task/" + reroute + "/comment/create", "lwg1",
        "{\"message\":\"已联系企业核实单位信息\"}");
    assertThat(comment.getStatusCode().is2xxSuccessful()).as(String.valueOf(comment.getBody())).isTrue();
    http.work("lwg1", n, ProcessIds.TASK_REROUTE, Map.of("handlingUnit", "HRSS", "rerouteReason", "确属人社局职责"));
    http.work("hrss1", n, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "SIGN"));
    http.work("hrss1", n, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "EXTEND", "extensionDays", 2,
        "extensionReason", "需调取档案"));
    http.work("lwg1", n, ProcessIds.TASK_REVIEW_EXTENSION, Map.of("extensionApproved", true));
    http.work("hrss1", n, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "REPLY", "replyResult", "RESOLVED",
        "replyText", "第一次答复：已协助更正"));
    http.work("reviewer1", n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", false, "gate1Remark", "请补充办理依据"));
    http.work("hrss1", n, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "REPLY", "replyResult", "RESOLVED",
        "replyText", "第二次答复：已补充办理依据并完成登记"));
    http.work("reviewer1", n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", true));
    http.work("lwg1", n, ProcessIds.TASK_GATE2, Map.of("gate2Passed", true));
    http.work("qc1", n, ProcessIds.TASK_GATE3, Map.of("gate3Passed", true, "qcVerdict", "RESOLVED"));
    http.work("operator1", n, ProcessIds.TASK_CALLBACK, Map.of("satisfaction", "SATISFIED"));
  }

  JsonNode timeline(String user) {
    ResponseEntity<JsonNode> response = http.get("/api/audit/cases/" + n + "/timeline", user);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  static List<JsonNode> entries(JsonNode timeline, Predicate<JsonNode> filter) {
    List<JsonNode> list = new ArrayList<>();
    timeline.get("entries").forEach(e -> {
      if (filter.test(e)) {
        list.add(e);
      }
    });
    return list;
  }

  static JsonNode formValue(JsonNode entry, String name) {
    for (JsonNode v : entry.get("details").get("formValues")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no form value " + name + " in " + entry);
  }

  @Test
  void theTimelineHoldsTheIntakeDataCurrentStatusAndEveryReply() {
    JsonNode t = timeline("auditor1");
    assertThat(t.get("caseNumber").asText()).isEqualTo(n);
    assertThat(t.get("status").asText()).isEqualTo("CLOSED");
    assertThat(t.get("statusName").asText()).isEqualTo("已办结");
    JsonNode c = t.get("case");
    assertThat(c.get("enterpriseName").asText()).isEqualTo(ENTERPRISE);
    assertThat(c.get("creditCode").asText()).isEqualTo("91370602MA3C4K7L1W");
    assertThat(c.get("description").asText()).contains("社保登记");
    assertThat(c.get("receivedBy").asText()).isEqualTo("operator1");
    assertThat(t.get("names").get("topic").asText()).isEqualTo("社会保险");
    assertThat(t.get("names").get("handlingUnit").asText()).isEqualTo("烟台市人力资源和社会保障局");
    List<String> replies = new ArrayList<>();
    t.get("replies").forEach(r -> replies.add(r.get("text").asText()));
    assertThat(replies).containsExactly("第一次答复：已协助更正", "第二次答复：已补充办理依据并完成登记");
    assertThat(t.get("replies").get(0).get("who").get("name").asText()).isEqualTo("赵磊");
    assertThat(t.get("replies").get(0).get("resultName").asText()).isNotBlank();
  }

  @Test
  void everyStepIsInOrderWithWhoWhenAndWhat() {
    JsonNode t = timeline("auditor1");
    OffsetDateTime previous = null;
    int seq = 0;
    for (JsonNode e : t.get("entries")) {
      assertThat(e.get("seq").asInt()).isEqualTo(++seq);
      OffsetDateTime at = OffsetDateTime.parse(e.get("at").asText());
      if (previous != null) {
        assertThat(at).as("entry %s", e).isAfterOrEqualTo(previous);
      }
      previous = at;
      assertThat(e.get("what").asText()).isNotBlank();
    }
    List<String> steps = entries(t, e -> e.has("activityId")).stream().map(e -> e.get("activityId").asText())
        .toList();
    assertThat(steps).containsSubsequence("StartEvent_CaseReceived", "BusinessRuleTask_RouteCase",
        ProcessIds.TASK_SIGN_FOR, "Task_RecordReturn", ProcessIds.TASK_REROUTE, ProcessIds.TASK_SIGN_FOR,
        ProcessIds.TASK_HANDLE, ProcessIds.TASK_REVIEW_EXTENSION, ProcessIds.TASK_HANDLE, ProcessIds.TASK_GATE1,
        ProcessIds.TASK_HANDLE, ProcessIds.TASK_GATE1, ProcessIds.TASK_GATE2, ProcessIds.TASK_GATE3,
        ProcessIds.TASK_CALLBACK, ProcessIds.END_CASE_CLOSED);
    JsonNode start = entries(t, e -> "StartEvent_CaseReceived".equals(e.path("activityId").asText())).get(0);
    assertThat(start.get("who").get("id").asText()).isEqualTo("operator1");
    assertThat(start.get("who").get("name").asText()).isEqualTo("王晓燕");
  }

  @Test
  void completedTasksShowWhoWorkedThemAndTheFormValuesTheySet() {
    JsonNode t = timeline("auditor1");
    JsonNode returned = entries(t, e -> "TASK".equals(e.get("type").asText())
        && ProcessIds.TASK_SIGN_FOR.equals(e.get("activityId").asText())).get(0);
    assertThat(returned.get("what").asText()).isEqualTo("签收");
    assertThat(returned.get("who").get("id").asText()).isEqualTo("hrss1");
    assertThat(returned.get("who").get("name").asText()).isEqualTo("赵磊");
    assertThat(returned.get("details").get("state").asText()).isEqualTo("COMPLETED");
    assertThat(formValue(returned, "signForDecision").get("value").asText()).isEqualTo("RETURN");
    assertThat(formValue(returned, "signForDecision").get("valueLabel").asText()).isEqualTo("退单");
    assertThat(formValue(returned, "returnReason").get("value").asText()).isEqualTo("非本单位职责");
    assertThat(formValue(returned, "returnReason").get("label").asText()).contains("退单");

    JsonNode gate1 = entries(t, e -> ProcessIds.TASK_GATE1.equals(e.path("activityId").asText())).get(0);
    assertThat(gate1.get("processKey").asText()).isEqualTo(ProcessIds.THREE_GATE_QC);
    assertThat(gate1.get("who").get("id").asText()).isEqualTo("reviewer1");
    assertThat(formValue(gate1, "gate1Remark").get("value").asText()).isEqualTo("请补充办理依据");
    assertThat(formValue(gate1, "gate1Passed").get("value").asBoolean()).isFalse();

    JsonNode extension = entries(t, e -> ProcessIds.TASK_REVIEW_EXTENSION.equals(e.path("activityId").asText())).get(0);
    assertThat(extension.get("who").get("id").asText()).isEqualTo("lwg1");
    assertThat(formValue(extension, "extensionApproved").get("value").asBoolean()).isTrue();
  }

  @Test
  void everyDecisionShowsItsInputsAndOutputs() {
    JsonNode t = timeline("auditor1");
    List<JsonNode> decisions = entries(t, e -> "DECISION".equals(e.get("type").asText()));
    JsonNode routing = decisions.stream()
        .filter(d -> ProcessIds.DECISION_CASE_ROUTING.equals(d.get("details").get("decisionKey").asText()))
        .findFirst().orElseThrow();
    List<String> inputs = new ArrayList<>();
    routing.get("details").get("inputs").forEach(i -> inputs.add(i.get("value").asText()));
    assertThat(inputs).contains("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    List<String> outputs = new ArrayList<>();
    routing.get("details").get("outputs").forEach(o -> outputs.add(o.get("name").asText() + "=" + o.get("value").asText()));
    assertThat(outputs).contains("handlingUnit=HRSS", "path=DISPATCH");
    assertThat(decisions.stream().map(d -> d.get("details").get("decisionKey").asText()))
        .contains(ProcessIds.DECISION_HANDLING_DEADLINE);
  }

  @Test
  void escalationsCommentsAndQcRunsAreAllThere() {
    JsonNode t = timeline("auditor1");
    List<String> kinds = entries(t, e -> "ESCALATION".equals(e.get("type").asText())).stream()
        .map(e -> e.get("kind").asText()).toList();
    assertThat(kinds).contains("REMINDER", "OVERDUE", "RETURN", "EXTENSION", "REWORK");
    JsonNode reminder = entries(t, e -> "REMINDER".equals(e.path("kind").asText())).get(0);
    assertThat(reminder.get("details").get("unitName").asText()).isEqualTo("烟台市人力资源和社会保障局");

    List<JsonNode> comments = entries(t, e -> "COMMENT".equals(e.get("type").asText()));
    assertThat(comments).anySatisfy(c -> {
      assertThat(c.get("details").get("text").asText()).isEqualTo("已联系企业核实单位信息");
      assertThat(c.get("who").get("id").asText()).isEqualTo("lwg1");
      assertThat(c.get("taskId").asText()).isNotBlank();
    });
    assertThat(comments).anySatisfy(c -> assertThat(c.get("details").get("text").asText()).contains("超期提醒"));

    JsonNode processes = t.get("processes");
    assertThat(processes).hasSize(3);
    String casePid = processes.get(0).get("id").asText();
    assertThat(processes.get(0).get("processKey").asText()).isEqualTo(ProcessIds.ENTERPRISE_CASE);
    assertThat(processes.get(1).get("processKey").asText()).isEqualTo(ProcessIds.THREE_GATE_QC);
    assertThat(processes.get(1).get("parentId").asText()).isEqualTo(casePid);
    assertThat(processes.get(2).get("parentId").asText()).isEqualTo(casePid);
  }

  @Test
  void processOwnersAdminsAndTheHandlingUnitMayReadOthersMayNot() {
    assertThat(http.get("/api/audit/cases/" + n + "/timeline", "owner1").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.get("/api/audit/cases/" + n + "/timeline", "admin").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.get("/api/audit/cases/" + n + "/timeline", "hrss1").getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> otherUnit = http.get("/api/audit/cases/" + n + "/timeline", "tax1");
    assertThat(otherUnit.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(otherUnit.getBody().get("type").asText()).isEqualTo("/problems/not-found");
    ResponseEntity<JsonNode> operator = http.get("/api/audit/cases/" + n + "/timeline", "operator1");
    assertThat(operator.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(operator.getBody().get("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(http.get("/api/audit/cases/" + n + "/timeline", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<JsonNode> missing = http.get("/api/audit/cases/ZQT-20990101-999999/timeline", "auditor1");
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getBody().get("type").asText()).isEqualTo("/problems/not-found");
  }
}
