package io.zqt.cases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Searches the case record table (zqt_case) for lists and audits. Every filter but the enterprise name uses an
 * indexed column (case_number, credit_code, handling_unit, status, received_at); results are ordered newest first.
 */
@Repository
public class CaseSearch {

  private final JdbcTemplate jdbc;

  public CaseSearch(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
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
  private static String where(Criteria c, List<Object> args) {
    List<String> terms = new ArrayList<>();
    if (c.caseNumberPrefix() != null) {
      terms.add("case_number LIKE ? ESCAPE '\\'");
      args.add(escapeLike(c.caseNumberPrefix()) + "%");
      intakeDay(c.caseNumberPrefix()).ifPresent(day -> {
        // a case number holds its intake day (ZQT-yyyyMMdd-, in the city's time zone, CaseNumberGenerator): the
        // indexed intake time narrows the search to a few days, a day either side for any time zone. Without it a
        // prefix is a scan of every case (a LIKE cannot use the key's index under a non-C collation).
        terms.add("received_at >= ?");
        args.add(day.minusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
        terms.add("received_at < ?");
        args.add(day.plusDays(2).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
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

  private static final java.util.regex.Pattern NUMBER_DAY = java.util.regex.Pattern.compile("ZQT-(\\d{8}).*");

  /** The intake day a case-number prefix names, when it names a whole valid day. */
  static java.util.Optional<java.time.LocalDate> intakeDay(String prefix) {
    java.util.regex.Matcher m = NUMBER_DAY.matcher(prefix);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(java.time.LocalDate.parse(m.group(1),
          java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    } catch (java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
