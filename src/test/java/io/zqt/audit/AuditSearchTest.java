package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** GET /api/audit/cases over HTTP: every filter, paging, who sees what, and a 400 naming each bad parameter. */
@ZqtSpringTest
class AuditSearchTest {

  static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;

  AuditHttp http() {
    return new AuditHttp(rest, taskService);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  String openAt(String enterprise, String topic, int year, int month, int day) {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(year, month, day, 9, 30, 0, 0, CITY).toInstant()));
    try {
      return http().open(enterprise, "HELP", topic, "ZHIFU");
    } finally {
      ClockUtil.reset();
    }
  }

  static List<String> numbers(ResponseEntity<JsonNode> response) {
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    List<String> numbers = new ArrayList<>();
    response.getBody().get("items").forEach(i -> numbers.add(i.get("caseNumber").asText()));
    return numbers;
  }

  @Test
  void filtersByEnterpriseIntakeDatesUnitStatusCaseNumberAndCreditCode() {
    String early = openAt("烟台市检索测试甲有限公司", "SOCIAL_INSURANCE", 2026, 3, 1);
    String middle = openAt("烟台市检索测试甲有限公司", "TAX", 2026, 3, 2);
    String late = openAt("烟台市检索测试甲有限公司", "SOCIAL_INSURANCE", 2026, 3, 3);

    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试甲", "auditor1")))
        .as("newest first").containsExactly(late, middle, early);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试甲&from=2026-03-02&to=2026-03-02", "auditor1")))
        .containsExactly(middle);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试甲&from=2026-03-02", "auditor1")))
        .containsExactly(late, middle);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试甲&unit=TAX", "auditor1")))
        .containsExactly(middle);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试甲&status=AWAITING_SIGN_FOR&unit=HRSS",
        "owner1"))).containsExactly(late, early);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试甲&status=CLOSED", "auditor1"))).isEmpty();
    assertThat(numbers(http().get("/api/audit/cases?caseNumber=" + middle, "admin"))).containsExactly(middle);
    assertThat(numbers(http().get("/api/audit/cases?caseNumber=ZQT-20260302&enterprise=检索测试甲", "auditor1")))
        .containsExactly(middle);
    assertThat(numbers(http().get("/api/audit/cases?creditCode=91370602MA3C4K7L1W&enterprise=检索测试甲",
        "auditor1"))).hasSize(3);

    JsonNode page = http().get("/api/audit/cases?enterprise=检索测试甲&size=2&page=1", "auditor1").getBody();
    assertThat(page.get("total").asLong()).isEqualTo(3);
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("items").get(0).get("caseNumber").asText()).isEqualTo(early);
    JsonNode row = http().get("/api/audit/cases?caseNumber=" + early, "auditor1").getBody().get("items").get(0);
    assertThat(row.get("statusName").asText()).isEqualTo("待签收");
    assertThat(row.get("handlingUnitName").asText()).isEqualTo("烟台市人力资源和社会保障局");
    assertThat(row.get("topicName").asText()).isEqualTo("社会保险");
  }

  @Test
  void aCaseNumberPrefixFindsTheCasesOfThoseDaysInTheCityAcrossMidnight() {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 5, 31, 23, 59, 30, 0, CITY).toInstant()));
    String lastOfMay;
    String firstOfJune;
    try {
      lastOfMay = http().open("烟台市检索测试丙有限公司", "HELP", "TAX", "ZHIFU");
      ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 6, 1, 0, 0, 30, 0, CITY).toInstant()));
      firstOfJune = http().open("烟台市检索测试丙有限公司", "HELP", "TAX", "ZHIFU");
    } finally {
      ClockUtil.reset();
    }
    assertThat(lastOfMay).startsWith("ZQT-20260531-");
    assertThat(firstOfJune).startsWith("ZQT-20260601-");
    String both = "&enterprise=检索测试丙";
    assertThat(numbers(http().get("/api/audit/cases?caseNumber=ZQT-20260531" + both, "auditor1")))
        .containsExactly(lastOfMay);
    assertThat(numbers(http().get("/api/audit/cases?caseNumber=ZQT-20260601" + both, "auditor1")))
        .containsExactly(firstOfJune);
    assertThat(numbers(http().get("/api/audit/cases?caseNumber=ZQT-202605" + both, "auditor1")))
        .containsExactly(lastOfMay);
    assertThat(numbers(http().get("/api/audit/cases?caseNumber=ZQT-2026" + both, "auditor1")))
        .containsExactly(firstOfJune, lastOfMay);
    assertThat(numbers(http().get("/api/audit/cases?caseNumber=" + firstOfJune, "auditor1")))
        .containsExactly(firstOfJune);
  }

  @Test
  void aUnitSeesOnlyItsOwnCasesAndLineStaffWithoutTheAuditRoleAreRefused() {
    String hrss = openAt("烟台市检索测试乙有限公司", "SOCIAL_INSURANCE", 2026, 4, 1);
    String tax = openAt("烟台市检索测试乙有限公司", "TAX", 2026, 4, 1);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试乙", "hrss1"))).containsExactly(hrss);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试乙", "tax1"))).containsExactly(tax);
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试乙&unit=TAX", "hrss1"))).isEmpty();
    assertThat(numbers(http().get("/api/audit/cases?enterprise=检索测试乙", "auditor1"))).hasSize(2);

    ResponseEntity<JsonNode> operator = http().get("/api/audit/cases", "operator1");
    assertThat(operator.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(operator.getBody().get("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(http().get("/api/audit/cases", "qc1").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http().get("/api/audit/cases", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void everyBadParameterIsNamedInOne400InChineseAndEnglish() {
    ResponseEntity<JsonNode> bad = http().get("/api/audit/cases?from=2026-13-01&to=yesterday&size=201&page=-1"
        + "&status=OPEN&unit=NOWHERE&creditCode=123&caseNumber=zqt%25&colour=red", "auditor1");
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(bad.getBody().get("type").asText()).isEqualTo("/problems/invalid-input");
    List<String> fields = new ArrayList<>();
    bad.getBody().get("errors").forEach(e -> {
      fields.add(e.get("field").asText());
      assertThat(e.get("message").asText()).as("Chinese message").matches(".*[\\u4e00-\\u9fff].*");
      assertThat(e.get("messageEn").asText()).isNotBlank();
    });
    assertThat(fields).containsExactlyInAnyOrder("from", "to", "size", "page", "status", "unit", "creditCode",
        "caseNumber", "colour");

    ResponseEntity<JsonNode> reversed = http().get("/api/audit/cases?from=2026-03-05&to=2026-03-01", "auditor1");
    assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(reversed.getBody().get("errors").get(0).get("field").asText()).isEqualTo("to");
    assertThat(reversed.getBody().get("errors").get(0).get("message").asText()).contains("不能早于");
    assertThat(http().get("/api/audit/cases?size=200", "auditor1").getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
