package io.zqt.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The case record table (zqt_case) and the reminders sent about it (zqt_reminder). */
@Repository
public class CaseRepository {

  static final RowMapper<CaseRecord> ROW = CaseRepository::map;

  private final JdbcTemplate jdbc;

  public CaseRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(String caseNumber, NewCase intake, String receivedBy) {
    OffsetDateTime now = EngineClock.nowUtc();
    jdbc.update("""
        INSERT INTO zqt_case (case_number, idempotency_key, enterprise_name, credit_code, contact_name, contact_phone,
          district, case_type, topic, urgency, channel, title, description, status, received_by, received_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        caseNumber, intake.idempotencyKey(), intake.enterpriseName(), intake.creditCode(), intake.contactName(),
        intake.contactPhone(), intake.district(), intake.type(), intake.topic(), intake.urgency(), intake.channel(),
        intake.title(), intake.description(), CaseStatus.RECEIVED.name(), receivedBy, now, now);
  }

  public Optional<CaseRecord> find(String caseNumber) {
    return jdbc.query("SELECT * FROM zqt_case WHERE case_number = ?", ROW, caseNumber).stream().findFirst();
  }

  public Optional<CaseRecord> findByIdempotencyKey(String key) {
    return jdbc.query("SELECT * FROM zqt_case WHERE idempotency_key = ?", ROW, key).stream().findFirst();
  }

  /** Applies one step's changes; fails loudly when the case does not exist. */
  public void update(String caseNumber, CaseUpdate update) {
    Map<CaseColumn, Object> values = update.values();
    if (values.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("UPDATE zqt_case SET updated_at = ?");
    List<Object> args = new ArrayList<>();
    args.add(EngineClock.nowUtc());
    values.forEach((column, value) -> {
      sql.append(", ").append(column.sql).append(" = ?");
      args.add(value);
    });
    sql.append(" WHERE case_number = ?");
    args.add(caseNumber);
    int rows = jdbc.update(sql.toString(), args.toArray());
    if (rows != 1) {
      throw new IllegalStateException("No case record " + caseNumber + " to update");
    }
  }

  public void insertReminder(String caseNumber, String unit, String kind, OffsetDateTime dueAt) {
    jdbc.update("INSERT INTO zqt_reminder (case_number, unit, kind, due_at, created_at) VALUES (?, ?, ?, ?, ?)",
        caseNumber, unit, kind, dueAt, EngineClock.nowUtc());
  }

  public List<Reminder> reminders(String caseNumber) {
    return jdbc.query("SELECT unit, kind, due_at, created_at FROM zqt_reminder WHERE case_number = ? ORDER BY id",
        (rs, i) -> new Reminder(rs.getString("unit"), rs.getString("kind"),
            rs.getObject("due_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class)),
        caseNumber);
  }

  public long countOpen() {
    Long n = jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE status NOT IN ('CLOSED', 'ON_LEDGER')",
        Long.class);
    return n == null ? 0 : n;
  }

  /** A reminder sent to a unit because a deadline passed. */
  public record Reminder(String unit, String kind, OffsetDateTime dueAt, OffsetDateTime sentAt) {}

  private static CaseRecord map(ResultSet rs, int row) throws SQLException {
    return new CaseRecord(
        rs.getString("case_number"),
        rs.getString("idempotency_key"),
        rs.getString("process_instance_id"),
        rs.getString("enterprise_name"),
        rs.getString("credit_code"),
        rs.getString("contact_name"),
        rs.getString("contact_phone"),
        rs.getString("district"),
        rs.getString("case_type"),
        rs.getString("topic"),
        rs.getString("urgency"),
        rs.getString("channel"),
        rs.getString("title"),
        rs.getString("description"),
        CaseStatus.valueOf(rs.getString("status")),
        rs.getString("path"),
        rs.getString("handling_unit"),
        rs.getString("routing_reason"),
        rs.getObject("sign_for_due", OffsetDateTime.class),
        rs.getObject("handling_due", OffsetDateTime.class),
        rs.getBoolean("overdue"),
        rs.getInt("return_count"),
        rs.getBoolean("responsibility_unclear"),
        rs.getInt("extension_count"),
        rs.getInt("rework_count"),
        rs.getInt("reopen_count"),
        rs.getString("reply_result"),
        rs.getString("reply_text"),
        rs.getObject("promised_date", LocalDate.class),
        rs.getString("unresolved_reason"),
        rs.getString("qc_verdict"),
        rs.getString("satisfaction"),
        rs.getString("callback_comment"),
        rs.getString("ledger"),
        rs.getString("received_by"),
        rs.getObject("received_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class),
        rs.getObject("closed_at", OffsetDateTime.class),
        rs.getString("knowledge_entry_keys"),
        rs.getBoolean("answered_directly"),
        rs.getString("answered_by"),
        rs.getObject("answered_at", OffsetDateTime.class),
        rs.getBoolean("three_way_call"),
        rs.getString("specialist_entry_key"),
        rs.getString("specialist_id"),
        rs.getString("three_way_call_outcome"));
  }
}
