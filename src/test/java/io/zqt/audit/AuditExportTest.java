package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.ProcessIds;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The exports, downloaded over HTTP and opened with real readers (PDFBox, POI, Jackson). */
@ZqtSpringTest
class AuditExportTest {

  static final String ENTERPRISE = "烟台市导出测试海洋装备有限公司";

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired ObjectMapper json;

  AuditHttp http() {
    return new AuditHttp(rest, taskService);
  }

  String workedCase() {
    AuditHttp http = http();
    String n = http.open(ENTERPRISE, "HELP", "SOCIAL_INSURANCE", "ZHIFU");
    http.work("hrss1", n, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "SIGN"));
    http.work("hrss1", n, ProcessIds.TASK_HANDLE, Map.of("handlingAction", "REPLY", "replyResult", "RESOLVED",
        "replyText", "已协助企业完成社保登记信息更正"));
    return n;
  }

  @Test
  void thePdfHoldsTheCaseInChineseWithTheFontEmbedded() throws Exception {
    String n = workedCase();
    ResponseEntity<byte[]> response = http().bytes("/api/audit/cases/" + n + "/timeline.pdf", "auditor1");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .startsWith("attachment").contains("timeline-" + n + ".pdf");
    try (PDDocument pdf = Loader.loadPDF(response.getBody())) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains(n, ENTERPRISE, "受理诉求", "分拨研判", "签收", "办理答复", "三关质检", "初审",
          "已协助企业完成社保登记信息更正", "社会保险", "赵磊");
      List<PDFont> fonts = new ArrayList<>();
      for (PDPage page : pdf.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          fonts.add(page.getResources().getFont(name));
        }
      }
      assertThat(fonts).isNotEmpty().allSatisfy(f -> assertThat(f.isEmbedded()).as(f.getName()).isTrue());
    }
  }

  @Test
  void theJsonDownloadIsTheTimelineAsAnAttachmentNamedAfterTheCase() throws Exception {
    String n = workedCase();
    ResponseEntity<byte[]> response = http().bytes("/api/audit/cases/" + n + "/timeline.json", "owner1");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .startsWith("attachment").contains("timeline-" + n + ".json");
    JsonNode timeline = json.readTree(response.getBody());
    assertThat(timeline.get("caseNumber").asText()).isEqualTo(n);
    assertThat(timeline.get("case").get("enterpriseName").asText()).isEqualTo(ENTERPRISE);
    assertThat(timeline.get("entries").size()).isGreaterThan(5);
    assertThat(http().bytes("/api/audit/cases/" + n + "/timeline.pdf", "tax1").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http().bytes("/api/audit/cases/" + n + "/timeline.json", "operator1").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theExcelExportHasChineseHeadersOneRowPerCaseAndRealDates() throws Exception {
    Set<String> numbers = new HashSet<>(List.of(http().open(ENTERPRISE + "乙", "HELP", "TAX", "ZHIFU"),
        http().open(ENTERPRISE + "乙", "HELP", "SOCIAL_INSURANCE", "ZHIFU")));
    ResponseEntity<byte[]> response = http().bytes("/api/audit/cases.xlsx?enterprise=" + ENTERPRISE + "乙", "auditor1");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment")
        .contains(".xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      Sheet sheet = book.getSheetAt(0);
      Row head = sheet.getRow(0);
      List<String> headers = new ArrayList<>();
      head.forEach(c -> headers.add(c.getStringCellValue()));
      assertThat(headers).startsWith("工单编号", "受理时间", "企业名称", "统一社会信用代码").contains("承办单位", "状态");
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      Set<String> found = new HashSet<>();
      for (int r = 1; r <= 2; r++) {
        Row row = sheet.getRow(r);
        found.add(row.getCell(0).getStringCellValue());
        assertThat(row.getCell(2).getStringCellValue()).isEqualTo(ENTERPRISE + "乙");
        Cell received = row.getCell(1);
        assertThat(received.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(received)).isTrue();
        assertThat(received.getLocalDateTimeCellValue()).isNotNull();
        assertThat(row.getCell(10).getStringCellValue()).isEqualTo("待签收");
      }
      assertThat(found).isEqualTo(numbers);
    }
    ResponseEntity<JsonNode> bad = http().get("/api/audit/cases.xlsx?from=someday", "auditor1");
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().get("errors").get(0).get("field").asText()).isEqualTo("from");
  }
}
