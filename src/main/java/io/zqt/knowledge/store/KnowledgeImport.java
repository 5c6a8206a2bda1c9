package io.zqt.knowledge.store;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.org.ReferenceCatalog;
import io.zqt.org.UnitCatalog;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports knowledge files (CSV or .xlsx with the seed files' header): every row is validated, and a file with any
 * bad row imports nothing; otherwise entries are created or updated by key in one transaction (a new version only
 * for a changed entry). A dry run reports the same problems and what would change, without writing.
 */
@Service
public class KnowledgeImport {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeImport.class);

  static final int MAX_TITLE = 200;
  static final int MAX_BODY = 20_000;
  static final int MAX_ISSUING_BODY = 200;
  static final int MAX_DOCUMENT_NUMBER = 100;
  static final int MAX_LINK = 500;
  static final int MAX_KEYWORDS = 20;
  static final int MAX_KEYWORD = 50;
  static final int MAX_LIST_TEXT = 1000;
  static final int PROGRESS_EVERY = 5_000;
  /** At most this many problems are listed in a report; the rest are counted in one last line. */
  static final int MAX_LISTED_PROBLEMS = 1_000;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** A file read and checked: its entries (only when there is no problem), row count and problems. */
  public record Parsed(List<KnowledgeEntry> entries, int rows, List<ImportProblem> problems) {}

  private final KnowledgeStore store;
  private final UnitCatalog units;
  private final ReferenceCatalog reference;

  public KnowledgeImport(KnowledgeStore store, UnitCatalog units, ReferenceCatalog reference) {
    this.store = store;
    this.units = units;
    this.reference = reference;
  }

  /** Reads, checks and (unless a dry run, and only when every row is good) writes one file. */
  public ImportResult importFile(InputStream in, KnowledgeFormat format, boolean dryRun, String user) {
    long start = System.nanoTime();
    Parsed parsed = parse(in, format);
    String name = format.extension();
    if (!parsed.problems().isEmpty()) {
      log.info("Knowledge import of {} rows ({}) refused: {} problems", parsed.rows(), name,
          parsed.problems().size());
      return new ImportResult(name, dryRun, parsed.rows(), 0, 0, 0, false, millis(start),
          listed(parsed.problems()));
    }
    KnowledgeStore.Changes changes = dryRun ? store.plan(parsed.entries(), user)
        : store.apply(parsed.entries(), user);
    ImportResult result = new ImportResult(name, dryRun, parsed.rows(), changes.created().size(),
        changes.updated().size(), changes.unchanged(), !dryRun && !changes.none(), millis(start), List.of());
    log.info("Knowledge import{} of {} rows ({}) by {}: {} created, {} updated, {} unchanged in {} ms",
        dryRun ? " (dry run)" : "", result.rows(), name, user, result.created(), result.updated(),
        result.unchanged(), result.millis());
    return result;
  }

  /** Reads and checks a file without touching the store. */
  public Parsed parse(InputStream in, KnowledgeFormat format) {
    KnowledgeFiles.Table table;
    try {
      table = KnowledgeFiles.read(in, format);
    } catch (KnowledgeFiles.Unreadable e) {
      return new Parsed(List.of(), 0, List.of(e.problem()));
    }
    List<ImportProblem> problems = new ArrayList<>();
    Map<Column, Integer> positions = header(table.headers(), problems);
    if (!problems.isEmpty()) {
      return new Parsed(List.of(), table.lines().size(), problems);
    }
    if (table.lines().isEmpty()) {
      return new Parsed(List.of(), 0, List.of(new ImportProblem(0, "", "文件中没有任何条目（只有表头）",
          "the file has no entries (only the header)")));
    }
    List<KnowledgeEntry> entries = new ArrayList<>(table.lines().size());
    Map<String, Integer> keyRows = new HashMap<>();
    int done = 0;
    for (KnowledgeFiles.Line line : table.lines()) {
      RowCheck row = new RowCheck(line, table.headers(), positions, problems);
      KnowledgeEntry entry = row.entry();
      if (entry != null) {
        Integer first = keyRows.putIfAbsent(entry.key(), line.row());
        if (first != null) {
          problems.add(new ImportProblem(line.row(), row.name(Column.KEY), "编号与第 " + first + " 行重复",
              "duplicate key: the same key is in row " + first));
        } else {
          entries.add(entry);
        }
      }
      if (++done % PROGRESS_EVERY == 0) {
        log.info("Knowledge import: {} of {} rows checked", done, table.lines().size());
      }
    }
    return new Parsed(problems.isEmpty() ? entries : List.of(), table.lines().size(), problems);
  }

  private static Map<Column, Integer> header(List<String> headers, List<ImportProblem> problems) {
    Map<Column, Integer> positions = new EnumMap<>(Column.class);
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.get(i) == null ? "" : headers.get(i).strip();
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      Column column = Column.byHeader(name).orElse(null);
      if (column == null) {
        problems.add(new ImportProblem(1, name, name.isEmpty() ? "表头第 " + (i + 1) + " 列为空" : "未知的列",
            name.isEmpty() ? "header cell " + (i + 1) + " is empty" : "unknown column"));
      } else if (positions.putIfAbsent(column, i) != null) {
        problems.add(new ImportProblem(1, name, "列重复", "duplicate column"));
      }
    }
    for (Column column : Column.values()) {
      if (column.required() && !positions.containsKey(column)) {
        problems.add(new ImportProblem(1, column.header(), "缺少必需的列", "required column is missing"));
      }
    }
    return positions;
  }

  private static List<ImportProblem> listed(List<ImportProblem> problems) {
    if (problems.size() <= MAX_LISTED_PROBLEMS) {
      return problems;
    }
    List<ImportProblem> listed = new ArrayList<>(problems.subList(0, MAX_LISTED_PROBLEMS));
    int rest = problems.size() - MAX_LISTED_PROBLEMS;
    listed.add(new ImportProblem(0, "", "另有 " + rest + " 个问题未列出", rest + " more problems not listed"));
    return listed;
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The check of one row; collects its problems. */
  private final class RowCheck {

    private final KnowledgeFiles.Line line;
    private final List<String> headers;
    private final Map<Column, Integer> positions;
    private final List<ImportProblem> problems;
    private boolean bad;

    RowCheck(KnowledgeFiles.Line line, List<String> headers, Map<Column, Integer> positions,
        List<ImportProblem> problems) {
      this.line = line;
      this.headers = headers;
      this.positions = positions;
      this.problems = problems;
    }

    String name(Column column) {
      Integer at = positions.get(column);
      return at == null ? column.header() : headers.get(at).strip();
    }

    KnowledgeEntry entry() {
      if (line.cells().size() > headers.size()) {
        problem(null, "该行的列数（" + line.cells().size() + "）多于表头（" + headers.size() + "）",
            "the row has " + line.cells().size() + " cells, more than the header's " + headers.size());
      }
      String key = text(Column.KEY, 64);
      if (key != null && !KEY.matcher(key).matches()) {
        problem(Column.KEY, "编号只能由字母、数字、“-”和“_”组成，以字母或数字开头，最长 64 位",
            "a key is letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters");
      }
      EntryType type = type();
      String title = text(Column.TITLE, MAX_TITLE);
      String body = text(Column.BODY, MAX_BODY);
      String issuingBody = text(Column.ISSUING_BODY, MAX_ISSUING_BODY);
      String documentNumber = text(Column.DOCUMENT_NUMBER, MAX_DOCUMENT_NUMBER);
      LocalDate published = date(Column.PUBLISH_DATE);
      LocalDate effective = date(Column.EFFECTIVE_DATE);
      LocalDate expiry = date(Column.EXPIRY_DATE);
      if (published != null && effective != null && published.isAfter(effective)) {
        problem(Column.EFFECTIVE_DATE, "生效日期早于发布日期", "the effective date is before the publish date");
      }
      if (effective != null && expiry != null && !expiry.isAfter(effective)) {
        problem(Column.EXPIRY_DATE, "失效日期必须晚于生效日期", "the expiry date must be after the effective date");
      }
      List<String> topics = codes(Column.TOPICS, reference::isTopic, "未知的主题代码", "unknown topic code");
      List<String> districts = codes(Column.DISTRICTS, units::isDistrict, "未知的区市代码", "unknown district code");
      String unit = text(Column.RESPONSIBLE_UNIT, 16);
      if (unit != null && !units.contains(unit)) {
        problem(Column.RESPONSIBLE_UNIT, "未知的单位代码 " + unit, "unknown unit code " + unit);
      }
      List<String> keywords = keywords();
      String link = link();
      if (bad) {
        return null;
      }
      return new KnowledgeEntry(key, type, title, body, issuingBody, documentNumber, published, effective, expiry,
          topics, districts, unit, keywords, link, 0, null, null);
    }

    private String raw(Column column) {
      Integer at = positions.get(column);
      if (at == null || at >= line.cells().size() || line.cells().get(at) == null) {
        return "";
      }
      return line.cells().get(at).strip();
    }

    /** The cell's text, null when empty; checks required and length. */
    private String text(Column column, int max) {
      String value = raw(column);
      if (value.isEmpty()) {
        if (column.required()) {
          problem(column, "必填项为空", "required value is missing");
        }
        return null;
      }
      if (value.length() > max) {
        problem(column, "长度 " + value.length() + " 超过上限 " + max, "length " + value.length()
            + " exceeds the limit of " + max);
      }
      return value;
    }

    private EntryType type() {
      String value = text(Column.TYPE, 32);
      if (value == null) {
        return null;
      }
      for (EntryType type : EntryType.values()) {
        if (type.name().equals(value.toUpperCase(Locale.ROOT)) || type.nameZh().equals(value)) {
          return type;
        }
      }
      problem(Column.TYPE, "未知的类型 " + value + "（应为 政策/法规/办事流程/部门权责 或 POLICY/REGULATION/PROCEDURE/"
          + "RESPONSIBILITY）", "unknown type " + value + " (expected POLICY, REGULATION, PROCEDURE, RESPONSIBILITY "
          + "or their Chinese names)");
      return null;
    }

    private LocalDate date(Column column) {
      String value = text(column, 10);
      if (value == null) {
        return null;
      }
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        problem(column, "日期 " + value + " 无效，应为 yyyy-MM-dd 格式的真实日期",
            "invalid date " + value + ", expected a real date as yyyy-MM-dd");
        return null;
      }
    }

    private List<String> codes(Column column, java.util.function.Predicate<String> known, String unknownZh,
        String unknownEn) {
      String value = text(column, MAX_LIST_TEXT);
      if (value == null) {
        return List.of();
      }
      List<String> codes = items(value);
      Set<String> seen = new HashSet<>();
      for (String code : codes) {
        if (!known.test(code)) {
          problem(column, unknownZh + " " + code, unknownEn + " " + code);
        } else if (!seen.add(code)) {
          problem(column, "代码重复 " + code, "duplicate code " + code);
        }
      }
      if (codes.isEmpty() && column.required()) {
        problem(column, "必填项为空", "required value is missing");
      }
      return codes;
    }

    private List<String> keywords() {
      String value = text(Column.KEYWORDS, MAX_LIST_TEXT);
      if (value == null) {
        return List.of();
      }
      List<String> parts = Arrays.stream(value.split(";", -1)).map(String::strip).toList();
      if (parts.stream().anyMatch(String::isEmpty)) {
        problem(Column.KEYWORDS, "关键词之间有空项（用英文分号“;”分隔）", "empty keyword (separate keywords with ';')");
      }
      if (parts.size() > MAX_KEYWORDS) {
        problem(Column.KEYWORDS, "关键词最多 " + MAX_KEYWORDS + " 个", "at most " + MAX_KEYWORDS + " keywords");
      }
      parts.stream().filter(k -> k.length() > MAX_KEYWORD).findFirst().ifPresent(k -> problem(Column.KEYWORDS,
          "关键词“" + k + "”超过 " + MAX_KEYWORD + " 个字", "keyword longer than " + MAX_KEYWORD + " characters"));
      if (parts.stream().distinct().count() < parts.size()) {
        problem(Column.KEYWORDS, "关键词重复", "duplicate keyword");
      }
      return parts.stream().filter(k -> !k.isEmpty()).toList();
    }

    private String link() {
      String value = text(Column.SOURCE_LINK, MAX_LINK);
      if (value == null) {
        return null;
      }
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return value;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      problem(Column.SOURCE_LINK, "来源链接必须是 http:// 或 https:// 开头的网址", "the source link must be an http(s) URL");
      return null;
    }

    private List<String> items(String value) {
      return Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void problem(Column column, String zh, String en) {
      bad = true;
      problems.add(new ImportProblem(line.row(), column == null ? "" : name(column), zh, en));
    }
  }
}
