package io.zqt.knowledge.store;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The knowledge base's tables (V3__knowledge.sql): reads of current entries and versions, and the batch writes. */
@Repository
public class JdbcKnowledgeEntries implements KnowledgeEntries {

  static final String LIST_SEPARATOR = ";";
  private static final int BATCH = 1000;

  private static final String CONTENT_COLUMNS = "entry_type, title, body, issuing_body, document_number, "
      + "publish_date, effective_date, expiry_date, topics, districts, responsible_unit, keywords, source_link";
  private static final String CONTENT_PARAMS = ":type, :title, :body, :issuingBody, :documentNumber, "
      + ":publishDate, :effectiveDate, :expiryDate, :topics, :districts, :responsibleUnit, :keywords, :sourceLink";
  private static final String SELECT = "SELECT entry_key, " + CONTENT_COLUMNS
      + ", version, updated_at, updated_by FROM zqt_knowledge_entry";

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbcKnowledgeEntries.class);

  private final NamedParameterJdbcTemplate jdbc;

  public JdbcKnowledgeEntries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<KnowledgeEntry> find(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return jdbc.query(SELECT + " WHERE entry_key = :key", Map.of("key", key), JdbcKnowledgeEntries::entry)
        .stream().findFirst();
  }

  @Override
  public void forEach(Consumer<KnowledgeEntry> each) {
    jdbc.query(SELECT + " ORDER BY entry_key", Map.of(), rs -> {
      each.accept(entry(rs, 0));
    });
  }

  @Override
  public long count() {
    Long count = jdbc.queryForObject("SELECT COUNT(*) FROM zqt_knowledge_entry", Map.of(), Long.class);
    return count == null ? 0 : count;
  }

  /** The current entries with these keys, by key. */
  @Override
  public Map<String, KnowledgeEntry> findAll(Collection<String> keys) {
    Map<String, KnowledgeEntry> found = new HashMap<>();
    List<String> all = new ArrayList<>(keys);
    for (int from = 0; from < all.size(); from += BATCH) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
      jdbc.query(SELECT + " WHERE entry_key IN (:keys)", Map.of("keys", chunk), rs -> {
        KnowledgeEntry entry = entry(rs, 0);
        found.put(entry.key(), entry);
      });
    }
    return found;
  }

  /** Current entries matching the filter, in key order (expired ones too unless the filter names a day). */
  public List<KnowledgeEntry> list(KnowledgeFilter filter) {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
    MapSqlParameterSource params = new MapSqlParameterSource();
    if (filter.type() != null) {
      sql.append(" AND entry_type = :type");
      params.addValue("type", filter.type().name());
    }
    if (filter.unit() != null) {
      sql.append(" AND responsible_unit = :unit");
      params.addValue("unit", filter.unit());
    }
    if (filter.topic() != null) {
      sql.append(" AND CONCAT(';', topics, ';') LIKE :topic");
      params.addValue("topic", "%;" + filter.topic() + ";%");
    }
    if (filter.district() != null) {
      sql.append(" AND (districts = '' OR CONCAT(';', districts, ';') LIKE :district)");
      params.addValue("district", "%;" + filter.district() + ";%");
    }
    if (filter.validOn() != null) {
      sql.append(" AND effective_date <= :day AND (expiry_date IS NULL OR expiry_date > :day)");
      params.addValue("day", filter.validOn());
    }
    sql.append(" ORDER BY entry_key");
    return jdbc.query(sql.toString(), params, JdbcKnowledgeEntries::entry);
  }

  /** Every version of the entry, newest first; empty when there is no such entry. */
  public List<EntryVersion> versions(String key) {
    return jdbc.query("SELECT entry_key, " + CONTENT_COLUMNS + ", version, changed_at AS updated_at, "
            + "changed_by AS updated_by, changed_fields FROM zqt_knowledge_version WHERE entry_key = :key "
            + "ORDER BY version DESC", Map.of("key", key),
        (rs, i) -> {
          KnowledgeEntry entry = entry(rs, i);
          return new EntryVersion(entry.key(), entry.version(), entry.updatedAt(), entry.updatedBy(),
              split(rs.getString("changed_fields")), entry);
        });
  }

  void insert(List<KnowledgeEntry> entries) {
    batch("INSERT INTO zqt_knowledge_entry (entry_key, " + CONTENT_COLUMNS + ", version, updated_at, updated_by) "
        + "VALUES (:key, " + CONTENT_PARAMS + ", :version, :updatedAt, :updatedBy)", entries, null);
  }

  void update(List<KnowledgeEntry> entries) {
    batch("UPDATE zqt_knowledge_entry SET entry_type = :type, title = :title, body = :body, "
        + "issuing_body = :issuingBody, document_number = :documentNumber, publish_date = :publishDate, "
        + "effective_date = :effectiveDate, expiry_date = :expiryDate, topics = :topics, districts = :districts, "
        + "responsible_unit = :responsibleUnit, keywords = :keywords, source_link = :sourceLink, "
        + "version = :version, updated_at = :updatedAt, updated_by = :updatedBy WHERE entry_key = :key", entries,
        null);
  }

  void insertVersions(List<KnowledgeEntry> entries, Map<String, List<String>> changedFields) {
    batch("INSERT INTO zqt_knowledge_version (entry_key, version, changed_at, changed_by, changed_fields, "
        + CONTENT_COLUMNS + ") VALUES (:key, :version, :updatedAt, :updatedBy, :changedFields, " + CONTENT_PARAMS
        + ")", entries, changedFields);
  }

  private void batch(String sql, List<KnowledgeEntry> entries, Map<String, List<String>> changedFields) {
    for (int from = 0; from < entries.size(); from += BATCH) {
      List<KnowledgeEntry> chunk = entries.subList(from, Math.min(entries.size(), from + BATCH));
      SqlParameterSource[] rows = new SqlParameterSource[chunk.size()];
      for (int i = 0; i < chunk.size(); i++) {
        KnowledgeEntry e = chunk.get(i);
        MapSqlParameterSource p = params(e);
        if (changedFields != null) {
          p.addValue("changedFields", String.join(LIST_SEPARATOR, changedFields.getOrDefault(e.key(), List.of())));
        }
        rows[i] = p;
      }
      jdbc.batchUpdate(sql, rows);
      int written = from + chunk.size();
      if (written % KnowledgeImport.PROGRESS_EVERY == 0) {
        log.info("Knowledge store: {} of {} rows written to {}", written, entries.size(),
            sql.contains("zqt_knowledge_version") ? "the versions" : "the entries");
      }
    }
  }

  private static MapSqlParameterSource params(KnowledgeEntry e) {
    return new MapSqlParameterSource()
        .addValue("key", e.key())
        .addValue("type", e.type().name())
        .addValue("title", e.title())
        .addValue("body", e.body())
        .addValue("issuingBody", e.issuingBody())
        .addValue("documentNumber", e.documentNumber())
        .addValue("publishDate", e.publishDate())
        .addValue("effectiveDate", e.effectiveDate())
        .addValue("expiryDate", e.expiryDate())
        .addValue("topics", join(e.topics()))
        .addValue("districts", join(e.districts()))
        .addValue("responsibleUnit", e.responsibleUnit())
        .addValue("keywords", join(e.keywords()))
        .addValue("sourceLink", e.sourceLink())
        .addValue("version", e.version())
        .addValue("updatedAt", OffsetDateTime.ofInstant(e.updatedAt(), ZoneOffset.UTC))
        .addValue("updatedBy", e.updatedBy());
  }

  static String join(List<String> values) {
    return String.join(LIST_SEPARATOR, values);
  }

  static List<String> split(String joined) {
    if (joined == null || joined.isBlank()) {
      return List.of();
    }
    return Arrays.stream(joined.split(LIST_SEPARATOR)).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static KnowledgeEntry entry(ResultSet rs, int row) throws SQLException {
    OffsetDateTime updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
    return new KnowledgeEntry(
        rs.getString("entry_key"),
        EntryType.valueOf(rs.getString("entry_type")),
        rs.getString("title"),
        rs.getString("body"),
        rs.getString("issuing_body"),
        rs.getString("document_number"),
        rs.getObject("publish_date", LocalDate.class),
        rs.getObject("effective_date", LocalDate.class),
        rs.getObject("expiry_date", LocalDate.class),
        split(rs.getString("topics")),
        split(rs.getString("districts")),
        rs.getString("responsible_unit"),
        split(rs.getString("keywords")),
        rs.getString("source_link"),
        rs.getInt("version"),
        updatedAt == null ? null : updatedAt.toInstant(),
        rs.getString("updated_by"));
  }

}
