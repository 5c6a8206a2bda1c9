package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * auditor1 reads everything and changes nothing: every kind of write, over real HTTP to the app API, the engine REST
 * API and the webapps' API, is refused, and afterwards nothing has changed.
 */
@ZqtSpringTest
class AuditorReadOnlyTest {

  static final String AUDITOR = "auditor1";

  @Autowired TestRestTemplate rest;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired FilterService filterService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired CaseRepository cases;
  @LocalServerPort int port;

  AuditHttp http;
  CaseScenarios scenarios;
  String n;
  String pid;
  Task signFor;

  @BeforeEach
  void openACase() {
    http = new AuditHttp(rest, taskService);
    scenarios = new CaseScenarios(intake, runtimeService, taskService);
    n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    pid = scenarios.instance(n).getId();
    signFor = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
  }

  ResponseEntity<JsonNode> write(HttpMethod method, String path, String body) {
    return http.call(method, path, AUDITOR, body);
  }

  static void refused(ResponseEntity<?> response, String what) {
    assertThat(response.getStatusCode()).as("%s: %s", what, response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  void assertTaskUntouched() {
    Task task = taskService.createTaskQuery().taskId(signFor.getId()).singleResult();
    assertThat(task).as("task still open").isNotNull();
    assertThat(task.getAssignee()).as("task still unassigned").isNull();
    assertThat(taskService.getVariable(signFor.getId(), "signForDecision")).isNull();
  }

  @Test
  void theAppApiRefusesToOpenACase() {
    long before = cases.countOpen();
    ResponseEntity<JsonNode> response = write(HttpMethod.POST, "/api/cases", """
        {"enterpriseName":"烟台市某公司","creditCode":"91370602MA3C4K7L1W","contactName":"王经理",
         "contactPhone":"13853512345","district":"ZHIFU","type":"HELP","topic":"TAX","title":"标题",
         "description":"内容","channel":"PHONE"}""");
    refused(response, "POST /api/cases");
    assertThat(response.getBody().get("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(cases.countOpen()).isEqualTo(before);
  }

  @Test
  void theEngineRestApiRefusesEveryWriteToProcessesAndTasks() {
    long instances = runtimeService.createProcessInstanceQuery().count();
    refused(write(HttpMethod.POST, "/engine-rest/process-definition/key/enterprise-case/start",
        "{\"businessKey\":\"AUDIT-1\",\"variables\":{}}"), "start a process instance");
    refused(write(HttpMethod.POST, "/engine-rest/process-definition/key/three-gate-qc/start", "{}"),
        "start the QC process");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);

    String task = "/engine-rest/task/" + signFor.getId();
    refused(write(HttpMethod.POST, task + "/claim", "{\"userId\":\"auditor1\"}"), "claim");
    refused(write(HttpMethod.POST, task + "/assignee", "{\"userId\":\"hrss1\"}"), "assign");
    refused(write(HttpMethod.POST, task + "/complete",
        "{\"variables\":{\"signForDecision\":{\"value\":\"SIGN\"}}}"), "complete");
    refused(write(HttpMethod.POST, task + "/submit-form",
        "{\"variables\":{\"signForDecision\":{\"value\":\"SIGN\"}}}"), "submit the task form");
    refused(write(HttpMethod.PUT, task + "/variables/signForDecision", "{\"value\":\"SIGN\",\"type\":\"String\"}"),
        "set a task variable");
    refused(write(HttpMethod.POST, "/engine-rest/task/create", "{\"id\":\"audit-task\",\"name\":\"x\"}"),
        "create a task");
    assertTaskUntouched();
    assertThat(taskService.createTaskQuery().taskId("audit-task").count()).isZero();

    String instance = "/engine-rest/process-instance/" + pid;
    refused(write(HttpMethod.PUT, instance + "/variables/handlingUnit", "{\"value\":\"TAX\",\"type\":\"String\"}"),
        "set a process variable");
    refused(write(HttpMethod.POST, instance + "/variables",
        "{\"modifications\":{\"overdue\":{\"value\":true}}}"), "modify process variables");
    refused(write(HttpMethod.DELETE, instance + "/variables/caseNumber", null), "delete a process variable");
    refused(write(HttpMethod.PUT, instance + "/suspended", "{\"suspended\":true}"), "suspend");
    refused(write(HttpMethod.DELETE, instance, null), "delete a process instance");
    refused(write(HttpMethod.POST, instance + "/modification",
        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"UserTask_SignFor\"}]}"), "modify an instance");
    assertThat(runtimeService.getVariable(pid, "handlingUnit")).isEqualTo("HRSS");
    assertThat(runtimeService.getVariable(pid, "overdue")).isNotEqualTo(true);
    assertThat(runtimeService.getVariable(pid, "caseNumber")).isEqualTo(n);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).active().count()).isEqualTo(1);
    assertTaskUntouched();

    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("enterprise-case")
        .latestVersion().singleResult().getId();
    refused(write(HttpMethod.PUT, "/engine-rest/process-definition/" + definition + "/suspended",
        "{\"suspended\":true,\"includeProcessInstances\":true}"), "suspend a process definition");
    assertThat(repositoryService.getProcessDefinition(definition).isSuspended()).isFalse();
  }

  @Test
  void theEngineRestApiRefusesDeploymentsFiltersIdentityAndAuthorizationChanges() {
    long deployments = repositoryService.createDeploymentQuery().count();
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "audit-attempt");
    parts.add("data", new ByteArrayResource("<definitions/>".getBytes()) {
      @Override
      public String getFilename() {
        return "attempt.bpmn";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(AUDITOR, "demo");
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<String> deployment = rest.exchange("/engine-rest/deployment/create", HttpMethod.POST,
        new HttpEntity<>(parts, headers), String.class);
    refused(deployment, "create a deployment");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    String existing = repositoryService.createDeploymentQuery().list().get(0).getId();
    refused(write(HttpMethod.DELETE, "/engine-rest/deployment/" + existing + "?cascade=true", null),
        "delete a deployment");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);

    long filters = filterService.createFilterQuery().count();
    refused(write(HttpMethod.POST, "/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"审计员的过滤器\",\"query\":{}}"), "create a filter");
    String filter = filterService.createFilterQuery().list().get(0).getId();
    refused(write(HttpMethod.DELETE, "/engine-rest/filter/" + filter, null), "delete a filter");
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);

    refused(write(HttpMethod.POST, "/engine-rest/user/create",
        "{\"profile\":{\"id\":\"auditorfriend\",\"firstName\":\"a\",\"lastName\":\"b\"},"
            + "\"credentials\":{\"password\":\"demo-demo\"}}"), "create a user");
    assertThat(identityService.createUserQuery().userId("auditorfriend").count()).isZero();
    refused(write(HttpMethod.PUT, "/engine-rest/user/operator1/credentials",
        "{\"password\":\"x-new-1\",\"authenticatedUserPassword\":\"demo\"}"), "change another user's password");
    assertThat(identityService.checkPassword("operator1", "demo")).isTrue();
    refused(write(HttpMethod.POST, "/engine-rest/group/create", "{\"id\":\"auditor-friends\",\"name\":\"x\"}"),
        "create a group");
    assertThat(identityService.createGroupQuery().groupId("auditor-friends").count()).isZero();
    refused(write(HttpMethod.PUT, "/engine-rest/group/camunda-admin/members/auditor1", null),
        "join camunda-admin");
    refused(write(HttpMethod.PUT, "/engine-rest/group/operator/members/auditor1", null), "join operator");
    assertThat(identityService.createGroupQuery().groupMember(AUDITOR).list()).extracting("id")
        .containsExactly("auditor");

    long authorizations = authorizationService.createAuthorizationQuery().count();
    refused(write(HttpMethod.POST, "/engine-rest/authorization/create",
        "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"auditor1\",\"resourceType\":0,\"resourceId\":\"*\"}"),
        "grant an authorization");
    assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
  }

  @Test
  void theEngineRestApiRefusesToDeleteHistory() {
    String direct = scenarios.open("CONSULTATION", "TAX", "FUSHAN");
    scenarios.complete(direct, ProcessIds.TASK_DIRECT_ANSWER, Map.of("answerText", "可在电子税务局办理。"));
    scenarios.callback(direct, "SATISFIED");
    String finished = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(direct)
        .finished().singleResult().getId();

    refused(write(HttpMethod.DELETE, "/engine-rest/history/process-instance/" + finished, null),
        "delete a historic process instance");
    ResponseEntity<JsonNode> batch = write(HttpMethod.POST, "/engine-rest/history/process-instance/delete",
        "{\"historicProcessInstanceIds\":[\"" + finished + "\"],\"deleteReason\":\"audit\"}");
    assertThat(batch.getStatusCode()).as("batch delete: %s", batch.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    refused(write(HttpMethod.DELETE, "/engine-rest/history/process-instance/" + finished + "/variable-instances", null),
        "delete historic variables");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(finished).count()).isEqualTo(1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(finished).count())
        .isPositive();
  }

  /** A write through the webapps' API in a fresh Cockpit session (a refused write ends Camunda's webapp session). */
  HttpResponse<String> webappWrite(String method, String path, String json) throws Exception {
    HttpResponse<String> response = new WebappSession(port).login(AUDITOR, "cockpit")
        .send(method, "/camunda/api/engine/engine/default" + path, json);
    assertThat(response.headers().firstValue("X-Authorized-User")).as("authenticated when refused")
        .contains(AUDITOR);
    return response;
  }

  @Test
  void theWebappApiRefusesWritesFromAnAuditorLoggedInToCockpit() throws Exception {
    assertThat(webappWrite("POST", "/task/" + signFor.getId() + "/claim", "{\"userId\":\"auditor1\"}")
        .statusCode()).isEqualTo(403);
    assertThat(webappWrite("PUT", "/process-instance/" + pid + "/suspended", "{\"suspended\":true}").statusCode())
        .isEqualTo(403);
    assertThat(webappWrite("PUT", "/process-instance/" + pid + "/variables/handlingUnit",
        "{\"value\":\"TAX\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
    assertTaskUntouched();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).active().count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(pid, "handlingUnit")).isEqualTo("HRSS");

    WebappSession cockpit = new WebappSession(port).login(AUDITOR, "cockpit");
    // the same session reads the audit API (GET only) but writes nothing through it
    HttpResponse<String> timeline = cockpit.get("/api/audit/cases/" + n + "/timeline");
    assertThat(timeline.statusCode()).isEqualTo(200);
    assertThat(timeline.body()).contains(n);
    long before = cases.countOpen();
    HttpResponse<String> open = cockpit.send("POST", "/api/cases", "{}");
    assertThat(HttpStatusCode.valueOf(open.statusCode())).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(cases.countOpen()).isEqualTo(before);
  }
}
