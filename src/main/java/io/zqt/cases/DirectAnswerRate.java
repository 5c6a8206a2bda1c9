package io.zqt.cases;

import io.zqt.org.ReferenceCatalog;
import io.zqt.org.Unit;
import io.zqt.org.UnitCatalog;
import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * 直办率: of the cases received in a period, how many were answered directly (by the operator, or by a policy
 * specialist in a three-way call), per day of receipt, per handling unit or per topic. Read from zqt_case.
 */
@Service
public class DirectAnswerRate {

  public static final int MAX_DAYS = 366;

  /** How the cases are grouped. */
  public enum By { DAY, UNIT, TOPIC }

  /** One group: cases received, answered directly (three-way calls answered included), rate (0..1, 4 decimals). */
  public record Row(String key, String label, long received, long answeredDirectly, long threeWayCalls,
      long threeWayCallsAnswered, double rate) {}

  public record Report(LocalDate from, LocalDate to, String by, List<Row> rows, Row total) {}

  private final JdbcTemplate jdbc;
  private final UnitCatalog units;
  private final ReferenceCatalog reference;
  private final ZoneId zone;

  public DirectAnswerRate(JdbcTemplate jdbc, UnitCatalog units, ReferenceCatalog reference,
      @Value("${zqt.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.units = units;
    this.reference = reference;
    this.zone = ZoneId.of(zone);
  }

  /** Checks the request parameters (400 naming the field) and computes the report. */
  public Report report(String fromText, String toText, String byText) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate from = date("from", "开始日期", fromText, problems);
    LocalDate to = date("to", "结束日期", toText, problems);
    By by = null;
    String byValue = byText == null || byText.isBlank() ? "day" : byText.strip();
    try {
      by = By.valueOf(byValue.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem("by", "统计方式只能是 day（按日）、unit（按承办单位）或 topic（按诉求事项）",
          "must be day, unit or topic"));
    }
    if (from != null && to != null) {
      if (to.isBefore(from)) {
        problems.add(new FieldProblem("to", "结束日期不能早于开始日期", "must not be before from"));
      } else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
        problems.add(new FieldProblem("to", "统计区间不能超过 " + MAX_DAYS + " 天", "the range may span at most "
            + MAX_DAYS + " days"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return compute(from, to, by);
  }

  private Report compute(LocalDate from, LocalDate to, By by) {
    OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    Map<String, long[]> counts = new TreeMap<>();
    jdbc.query("""
        SELECT received_at, handling_unit, topic, answered_directly, three_way_call, three_way_call_outcome
        FROM zqt_case WHERE received_at >= ? AND received_at < ?""", rs -> {
          String key = switch (by) {
            case DAY -> rs.getObject("received_at", OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate()
                .toString();
            case UNIT -> rs.getString("handling_unit") == null ? "" : rs.getString("handling_unit");
            case TOPIC -> rs.getString("topic");
          };
          long[] c = counts.computeIfAbsent(key, k -> new long[4]);
          c[0]++;
          c[1] += rs.getBoolean("answered_directly") ? 1 : 0;
          c[2] += rs.getBoolean("three_way_call") ? 1 : 0;
          c[3] += "ANSWERED".equals(rs.getString("three_way_call_outcome")) ? 1 : 0;
        }, start, end);
    Function<String, String> label = switch (by) {
      case DAY -> k -> k;
      case UNIT -> k -> k.isEmpty() ? "未分派" : units.find(k).map(Unit::nameZh).orElse(k);
      case TOPIC -> k -> reference.topics().stream().filter(t -> t.code().equals(k)).map(ReferenceCatalog.Topic::nameZh)
          .findFirst().orElse(k);
    };
    List<Row> rows = counts.entrySet().stream().map(e -> row(e.getKey(), label.apply(e.getKey()), e.getValue()))
        .collect(Collectors.toList());
    long[] total = new long[4];
    counts.values().forEach(c -> {
      for (int i = 0; i < 4; i++) {
        total[i] += c[i];
      }
    });
    return new Report(from, to, by.name().toLowerCase(java.util.Locale.ROOT), rows, row("TOTAL", "合计", total));
  }

  private static Row row(String key, String label, long[] c) {
    double rate = c[0] == 0 ? 0 : Math.round(10000.0 * c[1] / c[0]) / 10000.0;
    return new Row(key, label, c[0], c[1], c[2], c[3], rate);
  }

  private static LocalDate date(String field, String labelZh, String text, List<FieldProblem> problems) {
    if (text == null || text.isBlank()) {
      problems.add(new FieldProblem(field, labelZh + "不能为空（格式 yyyy-MM-dd）", "is required (yyyy-MM-dd)"));
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, labelZh + "格式应为 yyyy-MM-dd", "must be a date yyyy-MM-dd"));
      return null;
    }
  }
}
