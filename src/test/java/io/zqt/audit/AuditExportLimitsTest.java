package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** An installation without a CJK font answers PDF exports with 503, and too large an Excel export with 400. */
@ZqtSpringTest
@TestPropertySource(properties = {
    "zqt.export.pdf-font=/nonexistent/fonts/missing.ttc",
    "zqt.export.pdf-font-fallbacks=/nonexistent/fonts/also-missing.ttf",
    "zqt.audit.export-max-rows=2"})
class AuditExportLimitsTest {

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;

  @Test
  void withoutAFontThePdfIs503NamingThePackageToInstall() {
    AuditHttp http = new AuditHttp(rest, taskService);
    String n = http.open("烟台市无字体测试有限公司", "HELP", "TAX", "ZHIFU");
    ResponseEntity<JsonNode> response = http.get("/api/audit/cases/" + n + "/timeline.pdf", "auditor1");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getBody().get("type").asText()).isEqualTo("/problems/export-unavailable");
    assertThat(response.getBody().get("detail").asText()).contains("fonts-wqy-microhei", "zqt.export.pdf-font", "字体");
    assertThat(http.get("/api/audit/cases/" + n + "/timeline.json", "auditor1").getStatusCode())
        .as("the JSON export needs no font").isEqualTo(HttpStatus.OK);
  }

  @Test
  void anExcelExportOverTheRowLimitIs400AndSaysHowToNarrowIt() {
    AuditHttp http = new AuditHttp(rest, taskService);
    for (int i = 0; i < 3; i++) {
      http.open("烟台市导出上限测试有限公司", "HELP", "TAX", "ZHIFU");
    }
    ResponseEntity<JsonNode> tooMany = http.get("/api/audit/cases.xlsx?enterprise=导出上限测试", "auditor1");
    assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode error = tooMany.getBody().get("errors").get(0);
    assertThat(error.get("message").asText()).contains("3 件", "上限 2 件", "缩小");
    assertThat(error.get("messageEn").asText()).contains("narrow");
    ResponseEntity<byte[]> fits = http.bytes("/api/audit/cases.xlsx?enterprise=导出上限测试&unit=HRSS", "auditor1");
    assertThat(fits.getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
