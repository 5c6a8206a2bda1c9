package io.zqt.knowledge.store;

import static io.zqt.knowledge.store.KnowledgeHttp.csv;
import static io.zqt.knowledge.store.KnowledgeHttp.row;
import static io.zqt.knowledge.store.KnowledgeHttp.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntriesChanged;
import io.zqt.knowledge.KnowledgeEntry;
import java.time.LocalDate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Import, export and reading of the knowledge base over real HTTP, on the seeded H2 store. */
@ZqtSpringTest
@RecordApplicationEvents
class KnowledgeImportHttpTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcKnowledgeEntries entries;
  @Autowired ApplicationEvents events;
  @Autowired KnowledgeStore store;

  private KnowledgeHttp http() {
    return new KnowledgeHttp(rest);
  }

  @Test
  void theSeedEntriesAreThereForEveryStaffMember() {
    assertThat(entries.count()).isGreaterThanOrEqualTo(361);
    ResponseEntity<JsonNode> entry = http().get("/api/knowledge/entries/SI-001", "hrss1");
    assertThat(entry.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(entry.getBody().get("title").asText()).contains("社会保险登记");
    assertThat(entry.getBody().get("responsibleUnit").asText()).isEqualTo("HRSS");
    assertThat(entry.getBody().get("topics").get(0).asText()).isEqualTo("SOCIAL_INSURANCE");
    ResponseEntity<JsonNode> versions = http().get("/api/knowledge/entries/SI-001/versions", "operator1");
    assertThat(versions.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(versions.getBody().get(0).get("changedBy").asText()).isEqualTo("seed");
    assertThat(http().get("/api/knowledge/entries/NO-SUCH-1", "operator1").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http().get("/api/knowledge/entries/SI-001", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void reImportCreatesAVersionOnlyForTheChangedRow() {
    List<List<String>> rows = List.of(row("TRI-001", "试点政策一"), row("TRI-002", "试点政策二"),
        row("TRI-003", "试点政策三"));
    ResponseEntity<JsonNode> first = http().importCsv("owner1", false, csv(rows));
    assertThat(first.getStatusCode()).as(String.valueOf(first.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(first.getBody().get("created").asInt()).isEqualTo(3);

    List<List<String>> changed = List.of(rows.get(0), with(with(rows.get(1), 2, "试点政策二（修订）"), 12, "社保登记;参保"),
        rows.get(2));
    ResponseEntity<JsonNode> second = http().importCsv("admin", false, csv(changed));
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(second.getBody().get("created").asInt()).isZero();
    assertThat(second.getBody().get("updated").asInt()).isEqualTo(1);
    assertThat(second.getBody().get("unchanged").asInt()).isEqualTo(2);

    JsonNode versions = http().get("/api/knowledge/entries/TRI-002/versions", "hrss1").getBody();
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
    assertThat(versions.get(0).get("changedBy").asText()).isEqualTo("admin");
    assertThat(versions.get(0).get("changedFields")).extracting(JsonNode::asText).containsExactly("title", "keywords");
    assertThat(versions.get(1).get("entry").get("title").asText()).isEqualTo("试点政策二");
    assertThat(versions.get(1).get("changedBy").asText()).isEqualTo("owner1");
    assertThat(http().get("/api/knowledge/entries/TRI-002", "hrss1").getBody().get("title").asText())
        .isEqualTo("试点政策二（修订）");
    assertThat(http().get("/api/knowledge/entries/TRI-001/versions", "hrss1").getBody()).hasSize(1);
  }

  @Test
  void expiringAnEntryKeepsItPublishesTheChangeAndDropsItFromValidOnFilters() {
    KnowledgeEntry entry = store.create(KnowledgeImportParts.entry("EXP-001", "到期政策"), "owner1");
    assertThat(entry.version()).isEqualTo(1);
    assertThat(events.stream(KnowledgeEntriesChanged.class)).anySatisfy(e ->
        assertThat(e.upserted()).extracting(KnowledgeEntry::key).containsExactly("EXP-001"));
    KnowledgeEntry expired = store.expire("EXP-001", LocalDate.of(2025, 1, 1), "admin");
    assertThat(expired.version()).isEqualTo(2);
    assertThat(expired.expiryDate()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(events.stream(KnowledgeEntriesChanged.class)).filteredOn(e -> e.upserted().stream()
        .anyMatch(x -> x.key().equals("EXP-001") && x.version() == 2)).hasSize(1);
    assertThat(entries.versions("EXP-001").get(0).changedFields()).containsExactly("expiryDate");
    KnowledgeFilter hrssSocial = new KnowledgeFilter(EntryType.POLICY, "HRSS", "SOCIAL_INSURANCE", "ZHIFU", null);
    assertThat(entries.list(hrssSocial)).extracting(KnowledgeEntry::key).contains("EXP-001");
    KnowledgeFilter validToday = new KnowledgeFilter(EntryType.POLICY, "HRSS", "SOCIAL_INSURANCE", "ZHIFU",
        LocalDate.of(2025, 6, 1));
    assertThat(entries.list(validToday)).extracting(KnowledgeEntry::key).doesNotContain("EXP-001");
    assertThat(entries.list(new KnowledgeFilter(null, null, null, null, LocalDate.of(2024, 6, 1))))
        .extracting(KnowledgeEntry::key).contains("EXP-001");
  }

  @Test
  void theSqlFiltersAgreeWithTheEntriesThemselves() {
    List<KnowledgeEntry> all = entries.list(KnowledgeFilter.all());
    LocalDate day = LocalDate.of(2026, 3, 1);
    for (KnowledgeFilter filter : List.of(
        new KnowledgeFilter(EntryType.RESPONSIBILITY, null, null, null, null),
        new KnowledgeFilter(null, "HRSS", null, null, null),
        new KnowledgeFilter(null, null, "TAX", null, null),
        new KnowledgeFilter(null, null, null, "LAISHAN", null),
        new KnowledgeFilter(null, null, null, null, day),
        new KnowledgeFilter(EntryType.POLICY, null, "SOCIAL_INSURANCE", "ZHIFU", day))) {
      List<String> expected = all.stream()
          .filter(e -> filter.type() == null || e.type() == filter.type())
          .filter(e -> filter.unit() == null || e.responsibleUnit().equals(filter.unit()))
          .filter(e -> filter.topic() == null || e.topics().contains(filter.topic()))
          .filter(e -> filter.district() == null || e.districts().isEmpty() || e.districts().contains(filter.district()))
          .filter(e -> filter.validOn() == null || e.validOn(filter.validOn()))
          .map(KnowledgeEntry::key).toList();
      assertThat(entries.list(filter)).as(filter.toString()).extracting(KnowledgeEntry::key)
          .isNotEmpty().containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aDryRunReportsWithoutWriting() {
    long before = entries.count();
    String file = csv(List.of(row("DRY-001", "试运行条目"), with(row("SI-001", "改过的标题"), 1, "办事流程")));
    ResponseEntity<JsonNode> dry = http().importCsv("owner1", true, file);
    assertThat(dry.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(dry.getBody().get("dryRun").asBoolean()).isTrue();
    assertThat(dry.getBody().get("written").asBoolean()).isFalse();
    assertThat(dry.getBody().get("rows").asInt()).isEqualTo(2);
    assertThat(dry.getBody().get("created").asInt()).isEqualTo(1);
    assertThat(dry.getBody().get("updated").asInt()).isEqualTo(1);
    assertThat(entries.count()).isEqualTo(before);
    assertThat(entries.find("DRY-001")).isEmpty();
    assertThat(entries.find("SI-001").orElseThrow().title()).isNotEqualTo("改过的标题");
    assertThat(entries.versions("SI-001")).hasSize(1);
  }

  @Test
  void badFilesAreRefusedWithRowAndColumnAndNothingIsWritten() {
    long before = entries.count();
    List<String> good = row("BAD-001", "好的一行");
    // a bad date in row 3 while row 2 is good: nothing at all is imported
    assertRefused(csv(List.of(good, with(row("BAD-002", "日期错"), 6, "2024-02-30"))), 3, "发布日期", "日期");
    assertRefused(csv(List.of(good, with(row("BAD-002", "日期格式"), 7, "2024/02/01"))), 3, "生效日期", "yyyy-MM-dd");
    assertRefused(csv(List.of(good, with(row("BAD-002", "失效早"), 8, "2023-01-01"))), 3, "失效日期", "晚于生效日期");
    assertRefused(csv(List.of(good, with(row("BAD-002", "单位错"), 11, "NOPE"))), 3, "责任单位", "未知的单位代码");
    assertRefused(csv(List.of(good, with(row("BAD-002", "主题错"), 9, "SOCIAL_INSURANCE;NO_TOPIC"))), 3, "主题",
        "未知的主题代码");
    assertRefused(csv(List.of(good, with(row("BAD-002", "区市错"), 10, "HRSS"))), 3, "适用区市", "未知的区市代码");
    assertRefused(csv(List.of(good, with(row("BAD-002", "类型错"), 1, "通知"))), 3, "类型", "未知的类型");
    assertRefused(csv(List.of(good, with(row("BAD-002", "链接错"), 13, "ftp://example.org/"))), 3, "来源链接", "http");
    assertRefused(csv(List.of(good, with(row("BAD-002", "无关键词"), 12, ""))), 3, "关键词", "必填");
    assertRefused(csv(List.of(good, with(row("BAD-002", ""), 2, ""))), 3, "标题", "必填");
    assertRefused(csv(List.of(good, with(row("BAD-002", "x"), 3, "长".repeat(20_001)))), 3, "正文", "超过上限");
    assertRefused(csv(List.of(good, with(row("BAD-002", "x"), 2, "题".repeat(201)))), 3, "标题", "超过上限");
    assertRefused(csv(List.of(good, row("BAD-001", "重复编号"))), 3, "编号", "重复");
    assertRefused(csv(KnowledgeHttp.HEADER + ",备注", List.of(with(good, 0, "BAD-003"))), 1, "备注", "未知的列");
    assertRefused(csv("编号,类型,标题", List.of(List.of("BAD-004", "POLICY", "缺列"))), 1, "正文", "缺少必需的列");
    assertRefused(KnowledgeHttp.HEADER + "\r\nBAD-005,POLICY,\"引号没有结束,正文\r\n", 2, "", "CSV 格式错误");
    assertRefused("", 0, "", "文件为空");
    assertRefused(KnowledgeHttp.HEADER + "\r\n", 0, "", "没有任何条目");
    // a CSV file sent as xlsx, and a file that is not UTF-8
    ResponseEntity<JsonNode> wrongFormat = http().importRaw("owner1", "xlsx", false,
        csv(List.of(good)).getBytes(StandardCharsets.UTF_8));
    assertThat(wrongFormat.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(wrongFormat.getBody().get("errors").get(0).get("message").asText()).contains("xlsx");
    ResponseEntity<JsonNode> gbk = http().importRaw("owner1", "csv", false,
        csv(List.of(good)).getBytes(java.nio.charset.Charset.forName("GBK")));
    assertThat(gbk.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(gbk.getBody().get("errors").get(0).get("message").asText()).contains("UTF-8");
    ResponseEntity<JsonNode> unknownFormat = http().importRaw("owner1", "pdf", false, new byte[] {1});
    assertThat(unknownFormat.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknownFormat.getBody().get("errors").get(0).get("field").asText()).isEqualTo("format");

    assertThat(entries.count()).isEqualTo(before);
    assertThat(entries.find("BAD-001")).isEmpty();
  }

  private void assertRefused(String file, int row, String column, String problem) {
    ResponseEntity<JsonNode> response = http().importCsv("owner1", false, file);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(response.getBody().get("report").get("written").asBoolean()).isFalse();
    List<Map<String, String>> errors = new ArrayList<>();
    response.getBody().get("errors").forEach(e -> errors.add(Map.of("row", e.get("row").asText(), "column",
        e.get("column").asText(), "message", e.get("message").asText(), "messageEn", e.get("messageEn").asText())));
    assertThat(errors).as("problems of %s", file.length() > 300 ? file.substring(0, 300) : file)
        .anySatisfy(e -> {
          assertThat(e.get("row")).isEqualTo(String.valueOf(row));
          assertThat(e.get("column")).isEqualTo(column);
          assertThat(e.get("message")).contains(problem);
          assertThat(e.get("messageEn")).isNotBlank();
        });
  }

  @Test
  void onlyProcessOwnersAndAdministratorsImportAndExport() {
    String file = csv(List.of(row("SEC-001", "无权导入")));
    ResponseEntity<JsonNode> unit = http().importCsv("hrss1", false, file);
    assertThat(unit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http().importCsv("operator1", true, file).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http().export("hrss1", "csv").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(entries.find("SEC-001")).isEmpty();
  }

  @Test
  void csvExportImportsBackWithNoChange() {
    ResponseEntity<byte[]> export = http().export("owner1", "csv");
    assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(export.getHeaders().getContentDisposition().getFilename()).isEqualTo("knowledge.csv");
    String text = new String(export.getBody(), StandardCharsets.UTF_8);
    assertThat(text).startsWith(KnowledgeHttp.HEADER);
    ResponseEntity<JsonNode> back = http().importCsv("admin", false, text);
    assertThat(back.getStatusCode()).as(String.valueOf(back.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(back.getBody().get("created").asInt()).isZero();
    assertThat(back.getBody().get("updated").asInt()).isZero();
    assertThat(back.getBody().get("unchanged").asInt()).isEqualTo(back.getBody().get("rows").asInt())
        .isGreaterThanOrEqualTo(361);
    assertThat(back.getBody().get("written").asBoolean()).isFalse();
  }

  @Test
  void xlsxExportReadsBackWithPoiAndImportsBackWithNoChange() throws Exception {
    ResponseEntity<byte[]> export = http().export("admin", "xlsx");
    assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
    long count = entries.count();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.getBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      Row header = sheet.getRow(0);
      List<String> headers = new ArrayList<>();
      header.forEach(cell -> headers.add(cell.getStringCellValue()));
      assertThat(String.join(",", headers)).isEqualTo(KnowledgeHttp.HEADER);
      assertThat(sheet.getLastRowNum()).isEqualTo((int) count);
      boolean found = false;
      for (Row row : sheet) {
        if (row.getCell(0).getStringCellValue().equals("SI-001")) {
          found = true;
          assertThat(row.getCell(2).getStringCellValue()).isEqualTo(entries.find("SI-001").orElseThrow().title());
          assertThat(row.getCell(11).getStringCellValue()).isEqualTo("HRSS");
        }
      }
      assertThat(found).isTrue();
    }
    ResponseEntity<JsonNode> back = http().importMultipart("owner1", "xlsx", export.getBody(), "knowledge.xlsx");
    assertThat(back.getStatusCode()).as(String.valueOf(back.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(back.getBody().get("rows").asInt()).isEqualTo((int) count);
    assertThat(back.getBody().get("created").asInt()).isZero();
    assertThat(back.getBody().get("updated").asInt()).isZero();
  }

  @Test
  void anXlsxFileWrittenByHandImportsWithEnglishHeadersAndChineseType() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet("条目");
      String[] headers = {"key", "type", "title", "body", "issuingBody", "publishDate", "effectiveDate", "topics",
          "responsibleUnit", "keywords", "districts"};
      Row header = sheet.createRow(0);
      for (int i = 0; i < headers.length; i++) {
        header.createCell(i).setCellValue(headers[i]);
      }
      Row row = sheet.createRow(1);
      String[] values = {"XLS-001", "部门权责", "芝罘区企业开办专窗职责", "芝罘区政务服务中心企业开办专窗负责营业执照、印章、发票和社保登记一次办结。",
          "烟台市芝罘区人民政府", "2025-01-02", "2025-01-02", "MARKET_REGULATION", "ZHIFU", "企业开办;一窗通办;专窗",
          "ZHIFU"};
      for (int i = 0; i < values.length; i++) {
        row.createCell(i).setCellValue(values[i]);
      }
      workbook.write(out);
    }
    ResponseEntity<JsonNode> result = http().importMultipart("admin", "xlsx", out.toByteArray(), "entries.xlsx");
    assertThat(result.getStatusCode()).as(String.valueOf(result.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(result.getBody().get("created").asInt()).isEqualTo(1);
    JsonNode entry = http().get("/api/knowledge/entries/XLS-001", "zhifu1").getBody();
    assertThat(entry.get("type").asText()).isEqualTo("RESPONSIBILITY");
    assertThat(entry.get("districts").get(0).asText()).isEqualTo("ZHIFU");
    assertThat(entry.get("publishDate").asText()).isEqualTo("2025-01-02");
  }
}
