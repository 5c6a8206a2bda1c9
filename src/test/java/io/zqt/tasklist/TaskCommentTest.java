package io.zqt.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import io.zqt.intake.CaseIntakeService;
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

/**
 * Tasklist's 添加备注 on a task, as the unit that works it and as a unit that does not: the engine's comment
 * resource first looks the task up in history, so the unit must be able to read its own tasks' history (and
 * nothing more).
 */
@ZqtSpringTest
class TaskCommentTest {

  @Autowired TestRestTemplate http;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void theUnitCommentsOnItsOwnTaskAndAnotherUnitCannot() {
    CaseScenarios scenarios = new CaseScenarios(intake, runtimeService, taskService);
    String caseNumber = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String taskId = scenarios.task(caseNumber, "UserTask_SignFor").getId();

    ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/comment/create",
        "hrss1", "{\"message\":\"已联系企业核实单位信息\"}");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(taskService.getTaskComments(taskId)).extracting(c -> c.getFullMessage())
        .containsExactly("已联系企业核实单位信息");

    ResponseEntity<JsonNode> listed = call(HttpMethod.GET, "/engine-rest/task/" + taskId + "/comment", "hrss1", null);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(listed.getBody().get(0).get("message").asText()).isEqualTo("已联系企业核实单位信息");

    ResponseEntity<JsonNode> stranger = call(HttpMethod.POST, "/engine-rest/task/" + taskId + "/comment/create",
        "zhifu1", "{\"message\":\"不应写入\"}");
    assertThat(stranger.getStatusCode().is4xxClientError()).isTrue();
    assertThat(taskService.getTaskComments(taskId)).hasSize(1);
  }

  private ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
