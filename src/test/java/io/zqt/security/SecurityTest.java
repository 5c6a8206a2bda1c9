package io.zqt.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Authentication, a unit's view of cases and tasks, the expression guard and the closed setup page, over HTTP. */
@ZqtSpringTest
class SecurityTest {

  @Autowired TestRestTemplate http;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, String password, String body) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> get(String path, String user) {
    return call(HttpMethod.GET, path, user, "demo", null);
  }

  String openHrssCase() {
    return new CaseScenarios(intake, runtimeService, taskService).open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
  }

  @Test
  void apiAndEngineRestRefuseRequestsWithoutValidCredentials() {
    ResponseEntity<JsonNode> anonymous = get("/api/reference", null);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertThat(anonymous.getBody().get("type").asText()).isEqualTo("/problems/not-authenticated");

    // wrong passwords go to users no other test needs: Camunda delays a user's next login after a failed one
    assertThat(call(HttpMethod.GET, "/api/reference", "laishan1", "wrong", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call(HttpMethod.POST, "/api/cases", null, null, "{}").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call(HttpMethod.GET, "/engine-rest/task", "yeda1", "wrong", null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(get("/engine-rest/process-definition", "operator1").getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void unitUserSeesItsOwnCaseAndAnotherUnitNeverDoes() {
    String n = openHrssCase();

    ResponseEntity<JsonNode> own = get("/api/cases/" + n, "hrss1");
    assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(own.getBody().get("handlingUnit").asText()).isEqualTo("HRSS");

    ResponseEntity<JsonNode> other = get("/api/cases/" + n, "tax1");
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(other.getBody().get("type").asText()).isEqualTo("/problems/not-found");
    assertThat(get("/api/cases/ZQT-20990101-999999", "operator1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

    // the engine REST API shows each unit only its own tasks
    assertThat(taskIds("hrss1", n)).hasSize(1);
    assertThat(taskIds("tax1", n)).isEmpty();
    assertThat(taskIds("zhifu1", n)).isEmpty();
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(n).singleResult().getId();
    assertThat(get("/engine-rest/task/" + taskId, "tax1").getStatusCode()).isIn(HttpStatus.FORBIDDEN,
        HttpStatus.NOT_FOUND);
    assertThat(call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", "tax1", "demo", "{\"userId\":\"tax1\"}")
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // nor the history of cases
    assertThat(get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + n, "tax1").getBody())
        .isEmpty();
  }

  @Test
  void unitUserWorksItsTaskThroughTheEngineRestApi() {
    String n = openHrssCase();
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(n).singleResult().getId();
    assertThat(call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", "hrss1", "demo", "{\"userId\":\"hrss1\"}")
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    ResponseEntity<JsonNode> done = call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", "hrss1", "demo",
        "{\"variables\":{\"signForDecision\":{\"value\":\"SIGN\"}}}");
    assertThat(done.getStatusCode()).isIn(HttpStatus.OK, HttpStatus.NO_CONTENT);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(n).singleResult().getTaskDefinitionKey())
        .isEqualTo(ProcessIds.TASK_HANDLE);
  }

  @Test
  void refusedTaskSubmitThroughTheEngineRestApiIs400NamingTheFieldAndTheTaskStaysOpen() {
    String n = openHrssCase();
    String taskId = taskService.createTaskQuery().processInstanceBusinessKey(n).singleResult().getId();
    ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", "hrss1",
        "demo", "{\"variables\":{\"signForDecision\":{\"value\":\"RETURN\"}}}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().get("type").asText()).isEqualTo("/problems/invalid-input");
    assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("returnReason");
    assertThat(refused.getBody().get("message").asText()).contains("退单理由");
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).as("task still open").isEqualTo(1);
    assertThat(taskService.getVariable(taskId, "signForDecision")).as("nothing half-written").isNull();
  }

  @Test
  void invalidStartFormSubmitThroughTheEngineRestApiIs400AndStoresNothing() {
    long instances = runtimeService.createProcessInstanceQuery().count();
    ResponseEntity<JsonNode> refused = call(HttpMethod.POST, "/engine-rest/process-definition/key/enterprise-case/submit-form",
        "operator1", "demo", "{\"variables\":{\"enterpriseName\":{\"value\":\"某公司\"},"
            + "\"creditCode\":{\"value\":\"91370602MA3C4K7L1X\"}}}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<String> fields = new ArrayList<>();
    refused.getBody().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains("creditCode", "contactPhone", "district", "type", "topic", "title", "description");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void onlyOperatorsOpenCases() {
    ResponseEntity<JsonNode> response = call(HttpMethod.POST, "/api/cases", "hrss1", "demo", "{}");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody().get("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(call(HttpMethod.POST, "/api/cases", "auditor1", "demo", "{}").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void auditorReadsTheWholeHistoryOfACaseThroughTheRestHistoryApi() {
    String n = openHrssCase();
    JsonNode instances = get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + n, "auditor1")
        .getBody();
    assertThat(instances).hasSize(1);
    String pid = instances.get(0).get("id").asText();
    JsonNode activities = get("/engine-rest/history/activity-instance?processInstanceId=" + pid
        + "&sortBy=startTime&sortOrder=asc", "auditor1").getBody();
    List<String> ids = new ArrayList<>();
    activities.forEach(a -> ids.add(a.get("activityId").asText()));
    assertThat(ids).contains("StartEvent_CaseReceived", "BusinessRuleTask_RouteCase", "UserTask_SignFor");
    JsonNode decisions = get("/engine-rest/history/decision-instance?processInstanceId=" + pid
        + "&includeInputs=true&includeOutputs=true", "auditor1").getBody();
    assertThat(decisions).isNotEmpty();
    JsonNode variables = get("/engine-rest/history/variable-instance?processInstanceId=" + pid, "auditor1").getBody();
    assertThat(variables.toString()).contains("caseNumber").contains(n);
  }

  @Test
  void expressionsInEngineQueriesAreRefusedForEveryoneButAdministrators() {
    ResponseEntity<JsonNode> query = get("/engine-rest/task?nameLike=%24%7BexecutionService%7D", "operator1");
    assertThat(query.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(query.getBody().get("type").asText()).isEqualTo("/problems/expression-refused");

    ResponseEntity<JsonNode> body = call(HttpMethod.POST, "/engine-rest/task", "lwg1", "demo",
        "{\"assigneeExpression\":\"#{currentUser()}\"}");
    assertThat(body.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(body.getBody().get("type").asText()).isEqualTo("/problems/expression-refused");

    ResponseEntity<JsonNode> filter = call(HttpMethod.POST, "/engine-rest/filter/create", "owner1", "demo",
        "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"assigneeExpression\":\"\\u0024{currentUser()}\"}}");
    assertThat(filter.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ResponseEntity<JsonNode> admin = get("/engine-rest/task?assigneeExpression=%24%7BcurrentUser()%7D", "admin");
    assertThat(admin.getBody() == null || !admin.getBody().has("type")
        || !"/problems/expression-refused".equals(admin.getBody().get("type").asText())).isTrue();
  }

  @Test
  void firstAdminSetupPageIsClosed() {
    ResponseEntity<String> setup = http.postForEntity("/camunda/api/admin/setup/default/user/create",
        new HttpEntity<>("{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x\"}}",
            jsonHeaders()), String.class);
    assertThat(setup.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(get("/engine-rest/user?id=intruder", "admin").getBody()).isEmpty();
  }

  HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  List<String> taskIds(String user, String caseNumber) {
    List<String> ids = new ArrayList<>();
    get("/engine-rest/task?processInstanceBusinessKey=" + caseNumber, user).getBody()
        .forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }
}
