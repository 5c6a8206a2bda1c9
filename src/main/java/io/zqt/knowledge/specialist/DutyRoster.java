package io.zqt.knowledge.specialist;

import io.zqt.knowledge.Specialist;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The duty roster (值班, V6__specialist_duty.sql): whether each specialist is on duty now, and the log of every change.
 * Read from the database on every call, on every node; there is no cache to go stale. Each read is one indexed query
 * (by user id or by unit), and three-way calls are started by people, a few a minute at most.
 */
@Repository
public class DutyRoster {

  /** Who set the initial states taken from the data file, in the log. */
  public static final String DATA_FILE = "data-file";
  public static final int REASON_MAX = 200;
  private static final int BATCH = 500;

  /** A specialist's current state and its last change. */
  public record DutyState(boolean onDuty, OffsetDateTime changedAt, String changedBy) {}

  /** One change for auditors; {@code fromOnDuty} is null for the initial state from the data file. */
  public record DutyChange(long id, String userId, String unit, Boolean fromOnDuty, boolean toOnDuty,
      OffsetDateTime changedAt, String changedBy, String reason) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public DutyRoster(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** The states of these specialists, by user id; a specialist without a row is missing from the map. */
  public Map<String, DutyState> states(Collection<String> userIds) {
    Map<String, DutyState> states = new HashMap<>();
    List<String> ids = new ArrayList<>(new HashSet<>(userIds));
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
      jdbc.query("SELECT user_id, on_duty, changed_at, changed_by FROM zqt_specialist_duty WHERE user_id IN (:ids)",
          Map.of("ids", chunk), rs -> {
            states.put(rs.getString("user_id"), state(rs));
          });
    }
    return states;
  }

  /** The states of the specialists of a unit (by the unit recorded with the row), by user id. */
  public Map<String, DutyState> statesOfUnit(String unit) {
    Map<String, DutyState> states = new HashMap<>();
    jdbc.query("SELECT user_id, on_duty, changed_at, changed_by FROM zqt_specialist_duty WHERE unit_code = :unit",
        Map.of("unit", unit), rs -> {
          states.put(rs.getString("user_id"), state(rs));
        });
    return states;
  }

  /** Every state, by user id. */
  public Map<String, DutyState> allStates() {
    Map<String, DutyState> states = new HashMap<>();
    jdbc.query("SELECT user_id, on_duty, changed_at, changed_by FROM zqt_specialist_duty", Map.of(), rs -> {
      states.put(rs.getString("user_id"), state(rs));
    });
    return states;
  }

  /**
   * Gives every specialist without a row their state from the data file (logged as set by {@value #DATA_FILE}) and
   * moves rows to the specialist's unit when the file moved them; never changes a state already there. Runs in the
   * caller's transaction (the seeder holds the cluster lock). Returns how many rows were created.
   */
  int seed(List<Specialist> specialists) {
    Map<String, String> units = new HashMap<>();
    jdbc.query("SELECT user_id, unit_code FROM zqt_specialist_duty", Map.of(),
        rs -> {
          units.put(rs.getString(1), rs.getString(2));
        });
    Timestamp now = Timestamp.from(Instant.now());
    List<SqlParameterSource> inserts = new ArrayList<>();
    List<SqlParameterSource> moves = new ArrayList<>();
    for (Specialist s : specialists) {
      String unit = units.get(s.userId());
      MapSqlParameterSource row = new MapSqlParameterSource().addValue("id", s.userId()).addValue("unit", s.unit())
          .addValue("onDuty", s.onDuty()).addValue("at", now).addValue("by", DATA_FILE);
      if (unit == null) {
        inserts.add(row);
      } else if (!unit.equals(s.unit())) {
        moves.add(row);
      }
    }
    if (!inserts.isEmpty()) {
      SqlParameterSource[] batch = inserts.toArray(SqlParameterSource[]::new);
      jdbc.batchUpdate("INSERT INTO zqt_specialist_duty (user_id, unit_code, on_duty, changed_at, changed_by) "
          + "VALUES (:id, :unit, :onDuty, :at, :by)", batch);
      jdbc.batchUpdate("INSERT INTO zqt_specialist_duty_log (user_id, unit_code, from_on_duty, to_on_duty, "
          + "changed_at, changed_by, reason) VALUES (:id, :unit, NULL, :onDuty, :at, :by, NULL)", batch);
    }
    if (!moves.isEmpty()) {
      jdbc.batchUpdate("UPDATE zqt_specialist_duty SET unit_code = :unit WHERE user_id = :id",
          moves.toArray(SqlParameterSource[]::new));
    }
    return inserts.size();
  }

  /**
   * Sets a specialist on or off duty, in one transaction with its log row; the row is locked while it changes, so
   * two nodes changing the same specialist log a true from → to each. Setting the state it already has changes and
   * logs nothing.
   *
   * @return the change, or empty when the state was already so
   */
  public Optional<DutyChange> set(Specialist specialist, boolean onDuty, String by, String reason) {
    return transaction.execute(status -> {
      String lock = "SELECT on_duty FROM zqt_specialist_duty WHERE user_id = :id FOR UPDATE";
      List<Boolean> current = jdbc.query(lock, Map.of("id", specialist.userId()), (rs, i) -> rs.getBoolean(1));
      if (current.isEmpty()) {
        // not seeded yet (the node is starting): the file's state first, as the seeder would have written it
        seed(List.of(specialist));
        current = jdbc.query(lock, Map.of("id", specialist.userId()), (rs, i) -> rs.getBoolean(1));
      }
      boolean from = current.get(0);
      if (from == onDuty) {
        return Optional.<DutyChange>empty();
      }
      Timestamp now = Timestamp.from(Instant.now());
      MapSqlParameterSource params = new MapSqlParameterSource().addValue("id", specialist.userId())
          .addValue("unit", specialist.unit()).addValue("onDuty", onDuty).addValue("from", from)
          .addValue("at", now).addValue("by", by).addValue("reason", reason);
      jdbc.update("UPDATE zqt_specialist_duty SET on_duty = :onDuty, changed_at = :at, changed_by = :by "
          + "WHERE user_id = :id", params);
      jdbc.update("INSERT INTO zqt_specialist_duty_log (user_id, unit_code, from_on_duty, to_on_duty, changed_at, "
          + "changed_by, reason) VALUES (:id, :unit, :from, :onDuty, :at, :by, :reason)", params);
      Long id = jdbc.queryForObject("SELECT MAX(id) FROM zqt_specialist_duty_log WHERE user_id = :id", params,
          Long.class);
      return Optional.of(new DutyChange(id == null ? 0 : id, specialist.userId(), specialist.unit(), from, onDuty,
          OffsetDateTime.ofInstant(now.toInstant(), ZoneOffset.UTC), by, reason));
    });
  }

  /** A specialist's changes, newest first. */
  public List<DutyChange> history(String userId) {
    return jdbc.query("SELECT id, user_id, unit_code, from_on_duty, to_on_duty, changed_at, changed_by, reason "
        + "FROM zqt_specialist_duty_log WHERE user_id = :id ORDER BY changed_at DESC, id DESC", Map.of("id", userId),
        (rs, i) -> {
          boolean from = rs.getBoolean("from_on_duty");
          Boolean fromOnDuty = rs.wasNull() ? null : from;
          return new DutyChange(rs.getLong("id"), rs.getString("user_id"), rs.getString("unit_code"), fromOnDuty,
              rs.getBoolean("to_on_duty"), time(rs), rs.getString("changed_by"), rs.getString("reason"));
        });
  }

  private static DutyState state(ResultSet rs) throws SQLException {
    return new DutyState(rs.getBoolean("on_duty"), time(rs), rs.getString("changed_by"));
  }

  private static OffsetDateTime time(ResultSet rs) throws SQLException {
    OffsetDateTime at = rs.getObject("changed_at", OffsetDateTime.class);
    return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
