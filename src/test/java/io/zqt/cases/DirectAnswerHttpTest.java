package io.zqt.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.intake.CaseIntakeService;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * The direct answer and the three-way call as staff work them over real HTTP (engine REST API), and the
 * direct-answer rate report (GET /api/reports/direct-answer-rate) over cases worked that way.
 */
@ZqtSpringTest
class DirectAnswerHttpTest {

  static final ZoneId YANTAI = ZoneId.of("Asia/Shanghai");

  @Autowired TestRestTemplate http;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;

  CaseScenarios scenarios;

  @BeforeEach
  void setUp() {
    scenarios = new CaseScenarios(intake, runtimeService, taskService);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, "demo");
    }
    if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private ResponseEntity<JsonNode> complete(String user, String caseNumber, String taskKey, Map<String, String> vars) {
    String id = scenarios.task(caseNumber, taskKey).getId();
    assertThat(call(HttpMethod.POST, "/engine-rest/task/" + id + "/claim", user, "{\"userId\":\"" + user + "\"}")
        .getStatusCode()).as("%s claims %s", user, taskKey).isEqualTo(HttpStatus.NO_CONTENT);
    StringBuilder json = new StringBuilder();
    vars.forEach((k, v) -> json.append(json.isEmpty() ? "" : ",").append('"').append(k).append("\":{\"value\":\"")
        .append(v).append("\"}"));
    return call(HttpMethod.POST, "/engine-rest/task/" + id + "/complete", user, "{\"variables\":{" + json + "}}");
  }

  private static List<String> fields(ResponseEntity<JsonNode> problem) {
    return problem.getBody().path("errors").findValuesAsText("field");
  }

  @Test
  void operatorCitesUnknownEntryAndGets400ThenSpecialistAnswersTheCallOverRest() {
    String n = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");

    ResponseEntity<JsonNode> refused = complete("operator1", n, ProcessIds.TASK_DIRECT_ANSWER, Map.of(
        "directAnswerAction", "ANSWER", "answerText", "可网上办理。", "knowledgeEntryKeys", "SI-001;KB-404"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(refused)).containsExactly("knowledgeEntryKeys");
    assertThat(refused.getBody().toString()).contains("知识库中没有这些条目").contains("KB-404");
    assertThat(scenarios.task(n, ProcessIds.TASK_DIRECT_ANSWER)).as("the task stays open").isNotNull();

    ResponseEntity<JsonNode> started = complete("operator1", n, ProcessIds.TASK_DIRECT_ANSWER, Map.of(
        "directAnswerAction", "THREE_WAY_CALL", "specialistEntryKey", "SI-008", "knowledgeEntryKeys", "SI-001"));
    assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.NO_CONTENT);

    ResponseEntity<JsonNode> noAnswer = complete("sp-hrss-02", n, ProcessIds.TASK_THREE_WAY_CALL,
        Map.of("threeWayCallResult", "ANSWERED"));
    assertThat(noAnswer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(noAnswer)).containsExactly("threeWayCallAnswer");

    ResponseEntity<JsonNode> answered = complete("sp-hrss-02", n, ProcessIds.TASK_THREE_WAY_CALL, Map.of(
        "threeWayCallResult", "ANSWERED", "threeWayCallAnswer", "领取营业执照即完成单位社保登记，再为职工办理参保。"));
    assertThat(answered.getStatusCode()).as(String.valueOf(answered.getBody())).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(scenarios.task(n, ProcessIds.TASK_CALLBACK)).isNotNull();
    JsonNode view = call(HttpMethod.GET, "/api/cases/" + n, "lwg1", null).getBody();
    assertThat(view.path("replyText").asText()).contains("参保");
    assertThat(view.path("knowledgeEntryKeys").asText()).isEqualTo("SI-001");
    assertThat(view.path("threeWayCall").asBoolean()).isTrue();
    assertThat(view.path("specialistEntryKey").asText()).isEqualTo("SI-008");
    assertThat(view.path("threeWayCallOutcome").asText()).isEqualTo("ANSWERED");
    assertThat(view.path("answeredBy").asText()).isEqualTo("sp-hrss-02");
    assertThat(view.path("answeredDirectly").asBoolean()).isTrue();
    String timeline = call(HttpMethod.GET, "/api/audit/cases/" + n + "/timeline", "auditor1", null).getBody()
        .toString();
    assertThat(timeline).as("the timeline shows the specialist's answer, not the operator's hand-over as a reply")
        .contains("已解决（三方连线）").contains("sp-hrss-02").doesNotContain("已解决（直接答复）");
  }

  @Test
  void directAnswerRatePerDayUnitAndTopic() {
    // Tuesday 5 March 2024: answered by the operator, answered in a three-way call, dispatched
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2024, 3, 5, 10, 0).atZone(YANTAI).toInstant()));
    String a = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.complete(a, ProcessIds.TASK_DIRECT_ANSWER, Map.of("answerText", "可在网上服务大厅办理。",
        "knowledgeEntryKeys", "SI-001"));
    String b = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.complete(b, ProcessIds.TASK_DIRECT_ANSWER, Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", "SI-008"));
    scenarios.complete(b, ProcessIds.TASK_THREE_WAY_CALL, Map.of("threeWayCallResult", "ANSWERED",
        "threeWayCallAnswer", "已答复。"));
    scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    // Wednesday 6 March 2024, 23:30 in Yantai (15:30 UTC): a three-way call that needs handling, one still open
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2024, 3, 6, 23, 30).atZone(YANTAI).toInstant()));
    String d = scenarios.open("CONSULTATION", "TAX", "LAISHAN");
    scenarios.complete(d, ProcessIds.TASK_DIRECT_ANSWER, Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", "TAX-019"));
    scenarios.complete(d, ProcessIds.TASK_THREE_WAY_CALL, Map.of("threeWayCallResult", "NEEDS_HANDLING"));
    scenarios.open("CONSULTATION", "TAX", "LAISHAN");
    ClockUtil.reset();

    String range = "/api/reports/direct-answer-rate?from=2024-03-05&to=2024-03-06";
    JsonNode byDay = call(HttpMethod.GET, range + "&by=day", "lwg1", null).getBody();
    assertThat(byDay.path("rows").findValuesAsText("key")).containsExactly("2024-03-05", "2024-03-06");
    assertRow(byDay.path("rows").get(0), 3, 2, 1, 1, 0.6667);
    assertRow(byDay.path("rows").get(1), 2, 0, 1, 0, 0.0);
    assertRow(byDay.path("total"), 5, 2, 2, 1, 0.4);

    JsonNode byUnit = call(HttpMethod.GET, range + "&by=unit", "auditor1", null).getBody();
    assertThat(byUnit.path("rows").findValuesAsText("key")).containsExactly("HRSS", "TAX");
    assertThat(byUnit.path("rows").get(0).path("label").asText()).contains("人力资源");
    assertRow(byUnit.path("rows").get(0), 3, 2, 1, 1, 0.6667);

    JsonNode byTopic = call(HttpMethod.GET, range + "&by=topic", "owner1", null).getBody();
    assertThat(byTopic.path("rows").findValuesAsText("label")).containsExactly("社会保险", "税费");
    assertRow(byTopic.path("rows").get(1), 2, 0, 1, 0, 0.0);

    JsonNode oneDay = call(HttpMethod.GET, "/api/reports/direct-answer-rate?from=2024-03-06&to=2024-03-06", "admin",
        null).getBody();
    assertThat(oneDay.path("by").asText()).as("day by default").isEqualTo("day");
    assertRow(oneDay.path("total"), 2, 0, 1, 0, 0.0);
  }

  private static void assertRow(JsonNode row, long received, long answered, long calls, long callsAnswered,
      double rate) {
    assertThat(row.path("received").asLong()).as("received %s", row).isEqualTo(received);
    assertThat(row.path("answeredDirectly").asLong()).as("answered %s", row).isEqualTo(answered);
    assertThat(row.path("threeWayCalls").asLong()).as("calls %s", row).isEqualTo(calls);
    assertThat(row.path("threeWayCallsAnswered").asLong()).as("calls answered %s", row).isEqualTo(callsAnswered);
    assertThat(row.path("rate").asDouble()).as("rate %s", row).isEqualTo(rate);
  }

  @Test
  void reportRefusesBadInputAndOtherRoles() {
    String base = "/api/reports/direct-answer-rate";
    Map<String, String> bad = new HashMap<>();
    bad.put("?from=2024-13-01&to=2024-12-31", "from");
    bad.put("?from=2024-01-01", "to");
    bad.put("?from=2024-03-06&to=2024-03-05", "to");
    bad.put("?from=2024-01-01&to=2025-01-01", "to");
    bad.put("?from=2024-01-01&to=2024-01-31&by=week", "by");
    bad.forEach((query, field) -> {
      ResponseEntity<JsonNode> r = call(HttpMethod.GET, base + query, "lwg1", null);
      assertThat(r.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(fields(r)).as(query).containsExactly(field);
    });
    assertThat(call(HttpMethod.GET, base + "?from=2024-01-01&to=2024-12-31", "lwg1", null).getStatusCode())
        .as("366 days (leap year) are allowed").isEqualTo(HttpStatus.OK);
    assertThat(call(HttpMethod.GET, base + "?from=2024-01-01&to=2024-01-31", "operator1", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(HttpMethod.GET, base + "?from=2024-01-01&to=2024-01-31", "hrss1", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(HttpMethod.GET, base + "?from=2024-01-01&to=2024-01-31", null, null).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
