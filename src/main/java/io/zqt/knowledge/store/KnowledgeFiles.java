package io.zqt.knowledge.store;

import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads and writes knowledge files: CSV (UTF-8, RFC 4180, the seed files' format) and Excel .xlsx (first sheet). */
public final class KnowledgeFiles {

  /** The rows of a file as text: the header and each non-empty row with its number (1 = header). */
  public record Table(List<String> headers, List<Line> lines) {}

  /** One row: its number as a spreadsheet counts (header = 1) and its cells. */
  public record Line(int row, List<String> cells) {}

  /** A file that cannot be read as a table at all. */
  public static final class Unreadable extends Exception {
    private final transient ImportProblem problem;

    Unreadable(ImportProblem problem) {
      super(problem.messageEn());
      this.problem = problem;
    }

    public ImportProblem problem() {
      return problem;
    }
  }

  static final String SHEET_NAME = "知识库";
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();

  private KnowledgeFiles() {}

  public static Table read(InputStream in, KnowledgeFormat format) throws Unreadable {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new Unreadable(new ImportProblem(0, "", "文件读取失败", "the file could not be read: " + e.getMessage()));
    }
    if (bytes.length == 0) {
      throw new Unreadable(new ImportProblem(0, "", "文件为空", "the file is empty"));
    }
    return format == KnowledgeFormat.CSV ? readCsv(bytes) : readXlsx(bytes);
  }

  private static Table readCsv(byte[] bytes) throws Unreadable {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Unreadable(new ImportProblem(0, "", "文件不是 UTF-8 编码的 CSV（Excel 文件请选择 xlsx 格式）",
          "the file is not UTF-8 encoded CSV (choose format xlsx for Excel files)"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> headers = null;
    List<Line> lines = new ArrayList<>();
    long lastRecord = 0;
    try (CSVParser parser = CSVParser.parse(text, CSV)) {
      for (CSVRecord record : parser) {
        lastRecord = record.getRecordNumber();
        List<String> cells = record.toList();
        if (headers == null) {
          headers = cells;
        } else if (!blank(cells)) {
          lines.add(new Line((int) record.getRecordNumber(), cells));
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      String reason = e.getCause() != null && e instanceof UncheckedIOException ? e.getCause().getMessage()
          : e.getMessage();
      throw new Unreadable(new ImportProblem((int) lastRecord + 1, "",
          "CSV 格式错误（引号未闭合或引号后有多余字符）：" + reason, "malformed CSV: " + reason));
    }
    if (headers == null || blank(headers)) {
      throw new Unreadable(new ImportProblem(0, "", "文件为空", "the file is empty"));
    }
    return new Table(headers, lines);
  }

  private static Table readXlsx(byte[] bytes) throws Unreadable {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      if (workbook.getNumberOfSheets() == 0) {
        throw new Unreadable(new ImportProblem(0, "", "文件为空", "the file is empty"));
      }
      Sheet sheet = workbook.getSheetAt(0);
      DataFormatter formatter = new DataFormatter();
      List<String> headers = null;
      List<Line> lines = new ArrayList<>();
      for (Row row : sheet) {
        List<String> cells = new ArrayList<>();
        int last = Math.max(row.getLastCellNum(), headers == null ? 0 : headers.size());
        for (int c = 0; c < last; c++) {
          cells.add(text(row.getCell(c), formatter));
        }
        while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()
            && (headers == null || cells.size() > headers.size())) {
          cells.remove(cells.size() - 1);
        }
        if (blank(cells)) {
          continue;
        }
        if (headers == null) {
          headers = cells;
        } else {
          lines.add(new Line(row.getRowNum() + 1, cells));
        }
      }
      if (headers == null) {
        throw new Unreadable(new ImportProblem(0, "", "文件为空", "the file is empty"));
      }
      return new Table(headers, lines);
    } catch (Unreadable e) {
      throw e;
    } catch (Exception e) {
      throw new Unreadable(new ImportProblem(0, "", "文件不是有效的 Excel .xlsx 文件",
          "the file is not a valid Excel .xlsx workbook (" + e.getClass().getSimpleName() + ")"));
    }
  }

  private static String text(Cell cell, DataFormatter formatter) {
    if (cell == null) {
      return "";
    }
    if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      return cell.getLocalDateTimeCellValue().toLocalDate().toString();
    }
    return formatter.formatCellValue(cell);
  }

  private static boolean blank(List<String> cells) {
    return cells.stream().allMatch(c -> c == null || c.isBlank());
  }

  /** Writes every current entry of the store, in key order, with the Chinese header. */
  public static void write(KnowledgeEntries entries, KnowledgeFormat format, OutputStream out) throws IOException {
    if (format == KnowledgeFormat.CSV) {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      CSVPrinter printer = new CSVPrinter(writer, CSV);
      printer.printRecord(headers());
      try {
        entries.forEach(entry -> {
          try {
            printer.printRecord(cells(entry));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      printer.flush();
      return;
    }
    SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    try {
      Sheet sheet = workbook.createSheet(SHEET_NAME);
      writeRow(sheet.createRow(0), headers());
      int[] next = {1};
      entries.forEach(entry -> writeRow(sheet.createRow(next[0]++), cells(entry)));
      workbook.write(out);
    } finally {
      workbook.dispose();
      workbook.close();
    }
  }

  private static void writeRow(Row row, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      row.createCell(i, CellType.STRING).setCellValue(values.get(i));
    }
  }

  static List<String> headers() {
    return Arrays.stream(Column.values()).map(Column::header).toList();
  }

  /** The cells of an entry, in the order of {@link Column}. */
  static List<String> cells(KnowledgeEntry e) {
    return List.of(e.key(), e.type().name(), e.title(), e.body(), nz(e.issuingBody()), nz(e.documentNumber()),
        date(e.publishDate()), date(e.effectiveDate()), date(e.expiryDate()), JdbcKnowledgeEntries.join(e.topics()),
        JdbcKnowledgeEntries.join(e.districts()), e.responsibleUnit(), JdbcKnowledgeEntries.join(e.keywords()),
        nz(e.sourceLink()));
  }

  private static String date(LocalDate date) {
    return date == null ? "" : date.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

}
