package io.zqt.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/** A search result as an Excel workbook: Chinese headers, one row per case, times as real Excel dates. */
@Component
public class CasesXlsx {

  private record Column(String header, int width, Function<AuditCaseRow, Object> value) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("工单编号", 22, AuditCaseRow::caseNumber),
      new Column("受理时间", 20, AuditCaseRow::receivedAt),
      new Column("企业名称", 32, AuditCaseRow::enterpriseName),
      new Column("统一社会信用代码", 22, AuditCaseRow::creditCode),
      new Column("标题", 32, AuditCaseRow::title),
      new Column("诉求类型", 10, AuditCaseRow::typeName),
      new Column("诉求事项", 18, AuditCaseRow::topicName),
      new Column("所在区市", 12, AuditCaseRow::districtName),
      new Column("受理渠道", 10, AuditCaseRow::channelName),
      new Column("承办单位", 30, AuditCaseRow::handlingUnitName),
      new Column("状态", 12, AuditCaseRow::statusName),
      new Column("是否超期", 10, r -> r.overdue() ? "是" : "否"),
      new Column("退单次数", 10, r -> r.returnCount()),
      new Column("延期次数", 10, r -> r.extensionCount()),
      new Column("重办次数", 10, r -> r.reworkCount()),
      new Column("重新办理次数", 12, r -> r.reopenCount()),
      new Column("受理人", 12, AuditCaseRow::receivedBy),
      new Column("办结时间", 20, AuditCaseRow::closedAt));

  private final ZoneId zone;

  public CasesXlsx(AuditSearchService search) {
    this.zone = search.zone();
  }

  public byte[] render(List<AuditCaseRow> rows) {
    SXSSFWorkbook book = new SXSSFWorkbook(200);
    try {
      SXSSFSheet sheet = book.createSheet("工单");
      sheet.trackAllColumnsForAutoSizing();
      CellStyle header = book.createCellStyle();
      Font bold = book.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle date = book.createCellStyle();
      date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));

      Row head = sheet.createRow(0);
      for (int c = 0; c < COLUMNS.size(); c++) {
        Cell cell = head.createCell(c);
        cell.setCellValue(COLUMNS.get(c).header());
        cell.setCellStyle(header);
        sheet.setColumnWidth(c, COLUMNS.get(c).width() * 256);
      }
      int r = 1;
      for (AuditCaseRow row : rows) {
        Row line = sheet.createRow(r++);
        for (int c = 0; c < COLUMNS.size(); c++) {
          Object value = COLUMNS.get(c).value().apply(row);
          if (value == null) {
            continue;
          }
          Cell cell = line.createCell(c);
          if (value instanceof OffsetDateTime time) {
            cell.setCellValue(time.atZoneSameInstant(zone).toLocalDateTime());
            cell.setCellStyle(date);
          } else if (value instanceof Integer n) {
            cell.setCellValue(n);
          } else {
            cell.setCellValue(String.valueOf(value));
          }
        }
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, COLUMNS.size() - 1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Excel export", e);
    } finally {
      try {
        book.close();
      } catch (IOException e) {
        // the temporary files are gone with the workbook
      }
    }
  }

  /** The headers, in order (for documentation and tests). */
  public static List<String> headers() {
    return COLUMNS.stream().map(Column::header).toList();
  }

}
