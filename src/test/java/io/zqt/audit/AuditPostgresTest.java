package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.cases.ProcessIds;
import io.zqt.postgres.PostgresTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Audit search (with the V2 indexes) and the timeline's history queries on a real PostgreSQL (embedded, 14). */
class AuditPostgresTest extends PostgresTest {

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired io.zqt.ops.CaseNameSearchIndex caseNameSearchIndex;

  @Test
  void searchAndTimelineRunOnPostgresql() {
    assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    // built in the background once the app is ready; this waits for that build (cluster lock) or makes it
    assertThat(caseNameSearchIndex.ensure()).isBetween(0, 1);
    assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'zqt_case'", String.class))
        .contains("zqt_case_unit_received_ix", "zqt_case_status_received_ix",
            io.zqt.ops.CaseNameSearchIndex.INDEX);
    AuditHttp http = new AuditHttp(rest, taskService);
    String hrss = http.open("烟台市百分号_测试有限公司", "HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String tax = http.open("烟台市百分号_测试有限公司", "HELP", "TAX", "ZHIFU");
    http.open("烟台市百分号X测试有限公司", "HELP", "TAX", "ZHIFU");

    ResponseEntity<JsonNode> found = http.get("/api/audit/cases?enterprise=百分号_测试&from=2000-01-01&to=2099-12-31"
        + "&status=AWAITING_SIGN_FOR&creditCode=91370602MA3C4K7L1W&caseNumber=ZQT-&size=10&page=0", "auditor1");
    assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> numbers = new ArrayList<>();
    found.getBody().get("items").forEach(i -> numbers.add(i.get("caseNumber").asText()));
    assertThat(numbers).as("'_' is matched literally").containsExactly(tax, hrss);
    assertThat(http.get("/api/audit/cases?enterprise=百分号_测试", "hrss1").getBody().get("total").asInt())
        .isEqualTo(1);

    http.work("hrss1", hrss, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "SIGN"));
    http.work("hrss1", hrss, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "REPLY", "replyResult", "RESOLVED",
        "replyText", "已办结"));
    JsonNode timeline = http.get("/api/audit/cases/" + hrss + "/timeline", "auditor1").getBody();
    List<String> types = new ArrayList<>();
    timeline.get("entries").forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).contains("STEP", "TASK", "DECISION");
    assertThat(timeline.get("processes")).hasSize(2);
    assertThat(timeline.get("replies").get(0).get("text").asText()).isEqualTo("已办结");
  }
}
