package io.zqt.knowledge.store;

import io.zqt.knowledge.KnowledgeChange;
import io.zqt.knowledge.KnowledgeChanges;
import io.zqt.knowledge.KnowledgeEntry;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The change log table (V5__knowledge_change_log.sql): written by {@link KnowledgeStore}, read by the index. */
@Repository
public class JdbcKnowledgeChangeLog implements KnowledgeChanges {

  private static final int BATCH = 1000;

  private final NamedParameterJdbcTemplate jdbc;

  public JdbcKnowledgeChangeLog(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public State state() {
    // one statement, so the three figures belong to the same committed state
    return jdbc.queryForObject("SELECT (SELECT COALESCE(MAX(seq), 0) FROM zqt_knowledge_change) AS last_change, "
            + "(SELECT COALESCE(MIN(seq), 0) FROM zqt_knowledge_change) AS first_change, "
            + "(SELECT COUNT(*) FROM zqt_knowledge_entry) AS entry_count", Map.of(),
        (rs, i) -> new State(rs.getLong("last_change"), rs.getLong("first_change"), rs.getLong("entry_count")));
  }

  @Override
  public long lastChange() {
    Long last = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM zqt_knowledge_change", Map.of(), Long.class);
    return last == null ? 0 : last;
  }

  @Override
  public List<KnowledgeChange> after(long sequence, int limit) {
    return jdbc.query("SELECT seq, entry_key, change_kind, version, changed_at FROM zqt_knowledge_change "
            + "WHERE seq > :seq ORDER BY seq FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
        Map.of("seq", sequence), (rs, i) -> new KnowledgeChange(rs.getLong("seq"), rs.getString("entry_key"),
            KnowledgeChange.Kind.valueOf(rs.getString("change_kind")), rs.getInt("version"),
            rs.getObject("changed_at", OffsetDateTime.class).toInstant()));
  }

  /** Appends one row per entry (in the caller's transaction), with the entry's new version and when it changed. */
  void record(List<KnowledgeEntry> changed, Map<String, KnowledgeChange.Kind> kinds) {
    for (int from = 0; from < changed.size(); from += BATCH) {
      List<KnowledgeEntry> chunk = changed.subList(from, Math.min(changed.size(), from + BATCH));
      SqlParameterSource[] rows = new SqlParameterSource[chunk.size()];
      for (int i = 0; i < chunk.size(); i++) {
        KnowledgeEntry e = chunk.get(i);
        rows[i] = new MapSqlParameterSource()
            .addValue("key", e.key())
            .addValue("kind", kinds.get(e.key()).name())
            .addValue("version", e.version())
            .addValue("at", OffsetDateTime.ofInstant(e.updatedAt(), ZoneOffset.UTC));
      }
      jdbc.batchUpdate("INSERT INTO zqt_knowledge_change (entry_key, change_kind, version, changed_at) "
          + "VALUES (:key, :kind, :version, :at)", rows);
    }
  }
}
