package io.zqt.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Searches the case record table (zqt_case) for lists and audits. Every filter but the enterprise name uses an
 * indexed column (case_number, credit_code, handling_unit, status, received_at); results are ordered newest first.
 */
@Repository
public class CaseSearch {

  private final JdbcTemplate jdbc;
  /** the line's time zone, in which case numbers name their intake day (CaseNumberGenerator) */
  private final ZoneId zone;

  public CaseSearch(JdbcTemplate jdbc, @Value("${zqt.zone:Asia/Shanghai}") String zone) {
    this.jdbc = jdbc;
    this.zone = ZoneId.of(zone);
  }

  /**
   * What to look for; {@code null} fields do not filter.
   *
   * @param caseNumberPrefix case numbers starting with this
   * @param enterpriseNameContains enterprise names containing this
   * @param creditCode exact unified social credit code
   * @param handlingUnit exact unit code
   * @param status exact status
   * @param receivedFrom received at or after (inclusive)
   * @param receivedBefore received before (exclusive)
   * @param visibleUnits when not {@code null}, only cases currently with one of these units (a unit's staff)
   */
  public record Criteria(String caseNumberPrefix, String enterpriseNameContains, String creditCode,
      String handlingUnit, CaseStatus status, OffsetDateTime receivedFrom, OffsetDateTime receivedBefore,
      Collection<String> visibleUnits) {}

  /**
   * One page of records and the number of matching records, counted up to a limit: {@code totalCapped} when more
   * records match than were counted ({@code total} is then the limit).
   */
  public record Page(List<CaseRecord> records, long total, boolean totalCapped) {}

  /**
   * The page, and the matching records counted up to {@code countUpTo}: counting every match of a broad search over
   * years of cases would read the whole table for every page (docs/scale.md).
   */
  public Page search(Criteria criteria, int offset, int limit, long countUpTo) {
    List<Object> args = new ArrayList<>();
    String where = where(criteria, args);
    if (where == null) {
      return new Page(List.of(), 0, false);
    }
    Long counted = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM zqt_case" + where + " LIMIT "
        + (countUpTo + 1) + ") matching", Long.class, args.toArray());
    long total = counted == null ? 0 : counted;
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(limit);
    pageArgs.add(offset);
    List<CaseRecord> records = jdbc.query("SELECT * FROM zqt_case" + where
        + " ORDER BY received_at DESC, case_number DESC LIMIT ? OFFSET ?", CaseRepository.ROW, pageArgs.toArray());
    return total > countUpTo ? new Page(records, countUpTo, true) : new Page(records, total, false);
  }

  /** The WHERE clause (with a leading space), or {@code null} when nothing can match. */
  private String where(Criteria c, List<Object> args) {
    List<String> terms = new ArrayList<>();
    if (c.caseNumberPrefix() != null) {
      terms.add("case_number LIKE ? ESCAPE '\\'");
      args.add(escapeLike(c.caseNumberPrefix()) + "%");
      receivedBounds(c.caseNumberPrefix(), zone).ifPresent(bounds -> {
        // Without it a prefix is a scan of every case: a LIKE cannot use the key's index under a non-C collation.
        terms.add("received_at >= ?");
        args.add(bounds.from());
        terms.add("received_at < ?");
        args.add(bounds.before());
      });
    }
    if (c.enterpriseNameContains() != null) {
      terms.add("enterprise_name LIKE ? ESCAPE '\\'");
      args.add("%" + escapeLike(c.enterpriseNameContains()) + "%");
    }
    if (c.creditCode() != null) {
      terms.add("credit_code = ?");
      args.add(c.creditCode());
    }
    if (c.handlingUnit() != null) {
      terms.add("handling_unit = ?");
      args.add(c.handlingUnit());
    }
    if (c.visibleUnits() != null) {
      if (c.visibleUnits().isEmpty()) {
        return null;
      }
      terms.add("handling_unit IN (" + String.join(", ", c.visibleUnits().stream().map(u -> "?").toList()) + ")");
      args.addAll(c.visibleUnits());
    }
    if (c.status() != null) {
      terms.add("status = ?");
      args.add(c.status().name());
    }
    if (c.receivedFrom() != null) {
      terms.add("received_at >= ?");
      args.add(c.receivedFrom());
    }
    if (c.receivedBefore() != null) {
      terms.add("received_at < ?");
      args.add(c.receivedBefore());
    }
    return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
  }

  /** The digits of an intake day a case-number prefix begins with: at least the year; after a whole day, anything. */
  private static final Pattern NUMBER_DAYS = Pattern.compile("ZQT-(\\d{8})(?:-.*)?|ZQT-(\\d{4,7})");

  /**
   * How far either side of the named days a case's intake time may lie: a number is drawn in the line's time zone a
   * moment before the case is stamped {@code received_at}, in the same transaction.
   */
  static final Duration DRAW_MARGIN = Duration.ofHours(1);

  /** An intake-time range {@code [from, before)}. */
  public record Received(OffsetDateTime from, OffsetDateTime before) {}

  /**
   * The intake times a case number starting with {@code prefix} can have, when the prefix names at least a year: a
   * case number holds its intake day in the line's time zone ({@code ZQT-yyyyMMdd-}, CaseNumberGenerator), so
   * {@code ZQT-20261126} is that day, {@code ZQT-202611} that month, {@code ZQT-2026112} the 20th to the 29th. The
   * range may be wider than the days that really match (the LIKE decides), never narrower.
   */
  public static Optional<Received> receivedBounds(String prefix, ZoneId zone) {
    Matcher m = NUMBER_DAYS.matcher(prefix);
    if (!m.matches()) {
      return Optional.empty();
    }
    String digits = m.group(1) != null ? m.group(1) : m.group(2);
    LocalDate first = day(digits + "00000000".substring(digits.length()));
    LocalDate last = day(digits + "99999999".substring(digits.length()));
    return Optional.of(new Received(
        first.atStartOfDay(zone).minus(DRAW_MARGIN).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC),
        last.plusDays(1).atStartOfDay(zone).plus(DRAW_MARGIN).toOffsetDateTime()
            .withOffsetSameInstant(ZoneOffset.UTC)));
  }

  /** yyyyMMdd with the month and the day moved into their valid ranges (00 to the first, 99 to the last). */
  private static LocalDate day(String yyyyMMdd) {
    YearMonth month = YearMonth.of(Integer.parseInt(yyyyMMdd.substring(0, 4)),
        Math.min(12, Math.max(1, Integer.parseInt(yyyyMMdd.substring(4, 6)))));
    return month.atDay(Math.min(month.lengthOfMonth(), Math.max(1, Integer.parseInt(yyyyMMdd.substring(6, 8)))));
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
