package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls over real HTTP as demo users, and works a case's tasks through the engine REST API as its staff do. */
final class AuditHttp {

  private final TestRestTemplate http;
  private final TaskService taskService;

  AuditHttp(TestRestTemplate http, TaskService taskService) {
    this.http = http;
    this.taskService = taskService;
  }

  ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, "demo");
    }
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> get(String path, String user) {
    return call(HttpMethod.GET, path, user, null);
  }

  ResponseEntity<byte[]> bytes(String path, String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
  }

  /** Opens a case as operator1 through the app's API; returns its case number. */
  String open(String enterprise, String type, String topic, String district) {
    String body = """
        {"enterpriseName":"%s","creditCode":"91370602MA3C4K7L1W","contactName":"王经理","contactPhone":"13853512345",
         "district":"%s","type":"%s","topic":"%s","title":"新招员工社保登记遇到问题",
         "description":"公司本月新招 12 名员工，网上办理社保登记时系统提示单位信息不一致，请协助处理。","channel":"PHONE"}
        """.formatted(enterprise, district, type, topic);
    ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/cases", "operator1", body);
    assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("caseNumber").asText();
  }

  String taskId(String caseNumber, String taskKey) {
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey(taskKey)
        .singleResult();
    assertThat(task).as("open task %s of %s", taskKey, caseNumber).isNotNull();
    return task.getId();
  }

  /** Claims and completes the case's open task as the user, over the engine REST API. */
  void work(String user, String caseNumber, String taskKey, Map<String, Object> variables) {
    String id = taskId(caseNumber, taskKey);
    assertThat(call(HttpMethod.POST, "/engine-rest/task/" + id + "/claim", user, "{\"userId\":\"" + user + "\"}")
        .getStatusCode()).as("%s claims %s", user, taskKey).isEqualTo(HttpStatus.NO_CONTENT);
    StringBuilder vars = new StringBuilder();
    variables.forEach((k, v) -> {
      if (!vars.isEmpty()) {
        vars.append(',');
      }
      String json = v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
      vars.append('"').append(k).append("\":{\"value\":").append(json).append('}');
    });
    ResponseEntity<JsonNode> done = call(HttpMethod.POST, "/engine-rest/task/" + id + "/complete", user,
        "{\"variables\":{" + vars + "}}");
    assertThat(done.getStatusCode().is2xxSuccessful()).as("%s completes %s: %s", user, taskKey, done.getBody())
        .isTrue();
  }
}
