package io.zqt.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The case intake API over real HTTP: validation, idempotency, case numbers under concurrency. */
@ZqtSpringTest
class CaseApiTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired ObjectMapper json;

  ObjectNode validCase() {
    ObjectNode c = json.createObjectNode();
    c.put("enterpriseName", "烟台市某精密机械有限公司");
    c.put("creditCode", CaseScenarios.CREDIT_CODE);
    c.put("contactName", "王经理");
    c.put("contactPhone", "13853512345");
    c.put("district", "ZHIFU");
    c.put("type", "HELP");
    c.put("topic", "SOCIAL_INSURANCE");
    c.put("title", "新招员工社保登记遇到问题");
    c.put("description", "公司本月新招 12 名员工，网上办理社保登记时系统提示单位信息不一致，请协助处理。");
    c.put("channel", "PHONE");
    return c;
  }

  ResponseEntity<JsonNode> post(String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setBasicAuth(user, "demo");
    return http.exchange("/api/cases", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> get(String user, String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
  }

  long caseRows() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case", Long.class);
  }

  @Test
  void operatorOpensACaseAndGetsNumberStatusAndLocation() {
    ResponseEntity<JsonNode> response = post("operator1", validCase().toString());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String number = response.getBody().get("caseNumber").asText();
    assertThat(number).matches("ZQT-\\d{8}-\\d{6}");
    assertThat(response.getHeaders().getLocation()).hasToString("/api/cases/" + number);
    assertThat(response.getBody().get("status").asText()).isEqualTo("AWAITING_SIGN_FOR");
    assertThat(response.getBody().get("statusName").asText()).isEqualTo("待签收");
    assertThat(response.getBody().get("handlingUnit").asText()).isEqualTo("HRSS");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isEqualTo(1);

    ResponseEntity<JsonNode> read = get("operator1", "/api/cases/" + number);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode steps = read.getBody().get("steps");
    List<String> activities = new ArrayList<>();
    steps.forEach(s -> activities.add(s.get("activityId").asText()));
    assertThat(activities).containsSubsequence("StartEvent_CaseReceived", "Task_RegisterCase",
        "BusinessRuleTask_RouteCase", "Task_DispatchCase", "UserTask_SignFor");
    assertThat(steps.get(steps.size() - 1).get("open").asBoolean()).isTrue();
  }

  static Stream<Arguments> badFields() {
    return Stream.of(
        Arguments.of("enterpriseName", null, "企业名称不能为空"),
        Arguments.of("enterpriseName", "某".repeat(101), "不能超过 100"),
        Arguments.of("creditCode", null, "统一社会信用代码不能为空"),
        Arguments.of("creditCode", "91370602MA3C4K7L1X", "校验位错误"),
        Arguments.of("creditCode", "91370602MA3C4K7L1", "18 位"),
        Arguments.of("creditCode", "91370602MA3C4K7LIW", "除 I、O、Z、S、V"),
        Arguments.of("creditCode", "91ABCDEFMA3C4K7L1W", "行政区划码"),
        Arguments.of("contactName", "  ", "联系人不能为空"),
        Arguments.of("contactPhone", "12345678901", "联系电话"),
        Arguments.of("contactPhone", "6612345", "联系电话"),
        Arguments.of("district", "BEIJING", "所属区市代码无效"),
        Arguments.of("type", "CHAT", "诉求类型代码无效"),
        Arguments.of("topic", null, "诉求主题不能为空"),
        Arguments.of("topic", "WEATHER", "诉求主题代码无效"),
        Arguments.of("channel", "FAX", "受理渠道代码无效"),
        Arguments.of("urgency", "VERY", "紧急程度代码无效"),
        Arguments.of("title", "问题", "至少 4 个字"),
        Arguments.of("title", "题".repeat(101), "不能超过 100"),
        Arguments.of("description", "太短", "至少 10 个字"),
        Arguments.of("description", "长".repeat(2001), "不能超过 2000"),
        Arguments.of("description", "含有控制字符\u0007的诉求内容文本", "控制字符"),
        Arguments.of("idempotencyKey", "key with spaces", "幂等键"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("badFields")
  void everyBadFieldGets400NamingItAndNothingIsStored(String field, String value, String messageZh) {
    ObjectNode body = validCase();
    if (value == null) {
      body.remove(field);
    } else {
      body.put(field, value);
    }
    long rows = caseRows();
    long instances = runtimeService.createProcessInstanceQuery().count();
    long sequence = nextSequenceValuePeek();

    ResponseEntity<JsonNode> response = post("operator1", body.toString());

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = response.getBody();
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-input");
    assertThat(problem.get("instance").asText()).isEqualTo("/api/cases");
    assertThat(problem.get("errors")).singleElement().satisfies(e -> {
      assertThat(e.get("field").asText()).isEqualTo(field);
      assertThat(e.get("message").asText()).contains(messageZh);
      assertThat(e.get("messageEn").asText()).isNotBlank();
    });
    assertThat(caseRows()).isEqualTo(rows);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(nextSequenceValuePeek()).as("no case number drawn").isEqualTo(sequence);
  }

  /** Current value of the case-number sequence, read without drawing (H2's information schema). */
  long nextSequenceValuePeek() {
    return jdbc.queryForObject("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'ZQT_CASE_NUMBER_SEQ'",
        Long.class);
  }

  @Test
  void severalBadFieldsAreAllReported() {
    ObjectNode body = validCase();
    body.put("creditCode", "123");
    body.put("contactPhone", "abc");
    body.remove("title");
    ResponseEntity<JsonNode> response = post("operator1", body.toString());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<String> fields = new ArrayList<>();
    response.getBody().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("creditCode", "contactPhone", "title");
  }

  @Test
  void malformedJsonWrongTypesAndUnknownFieldsAre400() {
    assertThat(post("operator1", "{\"enterpriseName\": ").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    ObjectNode wrongType = validCase();
    wrongType.putArray("type").add("HELP");
    ResponseEntity<JsonNode> typed = post("operator1", wrongType.toString());
    assertThat(typed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(typed.getBody().get("errors").get(0).get("field").asText()).isEqualTo("type");

    ObjectNode unknown = validCase();
    unknown.put("creditcode", "x");
    ResponseEntity<JsonNode> unknownField = post("operator1", unknown.toString());
    assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownField.getBody().get("errors").get(0).get("field").asText()).isEqualTo("creditcode");
  }

  @Test
  void landlineAndLowerCaseCreditCodeAreAcceptedAndNormalised() {
    ObjectNode body = validCase();
    body.put("contactPhone", "0535-6612345");
    body.put("creditCode", CaseScenarios.CREDIT_CODE.toLowerCase());
    ResponseEntity<JsonNode> response = post("operator1", body.toString());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(response.getBody().get("creditCode").asText()).isEqualTo(CaseScenarios.CREDIT_CODE);
  }

  @Test
  void sameIdempotencyKeyTwiceReturnsTheFirstCaseAndCreatesNothing() {
    ObjectNode body = validCase();
    body.put("idempotencyKey", "call-" + System.nanoTime());
    ResponseEntity<JsonNode> first = post("operator1", body.toString());
    long rows = caseRows();
    long instances = runtimeService.createProcessInstanceQuery().count();
    ResponseEntity<JsonNode> second = post("operator1", body.toString());

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(second.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.getBody().get("caseNumber")).isEqualTo(first.getBody().get("caseNumber"));
    assertThat(caseRows()).isEqualTo(rows);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void concurrentIntakesGetDistinctNumbersAndAConcurrentDuplicateKeyMakesOneCase() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<ResponseEntity<JsonNode>>> distinct = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        distinct.add(() -> post("operator1", validCase().toString()));
      }
      Set<String> numbers = new HashSet<>();
      for (Future<ResponseEntity<JsonNode>> f : pool.invokeAll(distinct)) {
        assertThat(f.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        numbers.add(f.get().getBody().get("caseNumber").asText());
      }
      assertThat(numbers).hasSize(12);

      ObjectNode keyed = validCase();
      String key = "race-" + System.nanoTime();
      keyed.put("idempotencyKey", key);
      List<Callable<ResponseEntity<JsonNode>>> same = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        same.add(() -> post("operator1", keyed.toString()));
      }
      Set<String> keyedNumbers = new HashSet<>();
      for (Future<ResponseEntity<JsonNode>> f : pool.invokeAll(same)) {
        assertThat(f.get().getStatusCode().is2xxSuccessful()).isTrue();
        keyedNumbers.add(f.get().getBody().get("caseNumber").asText());
      }
      assertThat(keyedNumbers).hasSize(1);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE idempotency_key = ?", Long.class, key))
          .isEqualTo(1);
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(keyedNumbers.iterator().next())
          .count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
