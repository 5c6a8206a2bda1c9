package io.zqt.knowledge.store;

import io.zqt.knowledge.KnowledgeChange;
import io.zqt.knowledge.KnowledgeEntriesChanged;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.ops.ClusterLock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, updates and expires knowledge entries: every change bumps the entry's version, keeps the version in
 * {@code zqt_knowledge_version}, appends a row to the change log {@code zqt_knowledge_change} (which every node's
 * search index follows) and publishes {@link KnowledgeEntriesChanged} inside the same transaction. An entry
 * whose content is unchanged is left alone (no new version). Expired entries stay in the store.
 */
@Service
public class KnowledgeStore {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeStore.class);

  /** The content fields compared between versions, by their name in {@link KnowledgeEntry}. */
  static final Map<String, Function<KnowledgeEntry, Object>> CONTENT = contentFields();

  /** What applying a set of entries does (or would do): new entries, changed ones with the fields, unchanged keys. */
  public record Changes(List<KnowledgeEntry> created, List<KnowledgeEntry> updated,
      Map<String, List<String>> changedFields, int unchanged) {

    public boolean none() {
      return created.isEmpty() && updated.isEmpty();
    }
  }

  /** Taken by every writing transaction: two imports at once on PostgreSQL wait for each other, never collide. */
  static final String LOCK = "knowledge-write";

  private final JdbcKnowledgeEntries entries;
  private final JdbcKnowledgeChangeLog changeLog;
  private final ApplicationEventPublisher events;
  private final ClusterLock clusterLock;

  public KnowledgeStore(JdbcKnowledgeEntries entries, JdbcKnowledgeChangeLog changeLog,
      ApplicationEventPublisher events, ClusterLock clusterLock) {
    this.entries = entries;
    this.changeLog = changeLog;
    this.events = events;
    this.clusterLock = clusterLock;
  }

  /**
   * Compares the entries with the store without writing: which would be created, updated (and which fields), left
   * unchanged. The entries' version, updatedAt and updatedBy are ignored.
   */
  @Transactional(readOnly = true)
  public Changes plan(List<KnowledgeEntry> incoming, String user) {
    return compare(incoming, user, now());
  }

  /**
   * Creates the new entries and updates the changed ones by key, in one transaction, with one row per changed entry in
   * the change log. The cluster lock is held until the commit, so the log's sequence numbers become visible to other
   * nodes in order (PostgreSQL; H2 is single-node).
   */
  @Transactional
  public Changes apply(List<KnowledgeEntry> incoming, String user) {
    clusterLock.holdForTransaction(LOCK);
    Changes changes = compare(incoming, user, now());
    if (changes.none()) {
      return changes;
    }
    entries.insert(changes.created());
    entries.update(changes.updated());
    List<KnowledgeEntry> all = new ArrayList<>(changes.created());
    all.addAll(changes.updated());
    entries.insertVersions(all, changes.changedFields());
    changeLog.record(all, kinds(changes));
    events.publishEvent(new KnowledgeEntriesChanged(all, List.of()));
    log.info("Knowledge base changed by {}: {} entries created, {} updated, {} unchanged", user,
        changes.created().size(), changes.updated().size(), changes.unchanged());
    return changes;
  }

  /** Creates one entry (version 1); refuses a key that exists. */
  @Transactional
  public KnowledgeEntry create(KnowledgeEntry entry, String user) {
    if (entries.find(entry.key()).isPresent()) {
      throw new IllegalArgumentException("Knowledge entry " + entry.key() + " exists already");
    }
    apply(List.of(entry), user);
    return entries.find(entry.key()).orElseThrow();
  }

  /** Updates one existing entry; a new version only when something changed. */
  @Transactional
  public KnowledgeEntry update(KnowledgeEntry entry, String user) {
    if (entries.find(entry.key()).isEmpty()) {
      throw new IllegalArgumentException("No knowledge entry " + entry.key());
    }
    apply(List.of(entry), user);
    return entries.find(entry.key()).orElseThrow();
  }

  /** Ends the entry's validity: from {@code firstDayNoLongerValid} on it is expired; it stays in the store. */
  @Transactional
  public KnowledgeEntry expire(String key, LocalDate firstDayNoLongerValid, String user) {
    KnowledgeEntry current = entries.find(key)
        .orElseThrow(() -> new IllegalArgumentException("No knowledge entry " + key));
    if (!firstDayNoLongerValid.isAfter(current.effectiveDate())) {
      throw new IllegalArgumentException("The expiry date must be after the effective date " + current.effectiveDate());
    }
    return update(new KnowledgeEntry(current.key(), current.type(), current.title(), current.body(),
        current.issuingBody(), current.documentNumber(), current.publishDate(), current.effectiveDate(),
        firstDayNoLongerValid, current.topics(), current.districts(), current.responsibleUnit(), current.keywords(),
        current.sourceLink(), current.version(), current.updatedAt(), current.updatedBy()), user);
  }

  private Changes compare(List<KnowledgeEntry> incoming, String user, Instant now) {
    Map<String, KnowledgeEntry> existing = entries.findAll(incoming.stream().map(KnowledgeEntry::key).toList());
    List<KnowledgeEntry> created = new ArrayList<>();
    List<KnowledgeEntry> updated = new ArrayList<>();
    Map<String, List<String>> changedFields = new LinkedHashMap<>();
    int unchanged = 0;
    for (KnowledgeEntry entry : incoming) {
      KnowledgeEntry before = existing.get(entry.key());
      if (before == null) {
        created.add(stamped(entry, 1, now, user));
        continue;
      }
      List<String> changed = changedFields(before, entry);
      if (changed.isEmpty()) {
        unchanged++;
      } else {
        updated.add(stamped(entry, before.version() + 1, now, user));
        changedFields.put(entry.key(), changed);
      }
    }
    return new Changes(created, updated, changedFields, unchanged);
  }

  /** Created, updated, or expired (an update that only set the expiry date). */
  private static Map<String, KnowledgeChange.Kind> kinds(Changes changes) {
    Map<String, KnowledgeChange.Kind> kinds = new java.util.HashMap<>();
    changes.created().forEach(e -> kinds.put(e.key(), KnowledgeChange.Kind.CREATED));
    for (KnowledgeEntry e : changes.updated()) {
      boolean expired = e.expiryDate() != null && changes.changedFields().get(e.key()).equals(List.of("expiryDate"));
      kinds.put(e.key(), expired ? KnowledgeChange.Kind.EXPIRED : KnowledgeChange.Kind.UPDATED);
    }
    return kinds;
  }

  /** Names of the content fields that differ. */
  static List<String> changedFields(KnowledgeEntry before, KnowledgeEntry after) {
    List<String> changed = new ArrayList<>();
    CONTENT.forEach((name, field) -> {
      if (!Objects.equals(field.apply(before), field.apply(after))) {
        changed.add(name);
      }
    });
    return changed;
  }

  private static KnowledgeEntry stamped(KnowledgeEntry e, int version, Instant now, String user) {
    return new KnowledgeEntry(e.key(), e.type(), e.title(), e.body(), e.issuingBody(), e.documentNumber(),
        e.publishDate(), e.effectiveDate(), e.expiryDate(), e.topics(), e.districts(), e.responsibleUnit(),
        e.keywords(), e.sourceLink(), version, now, user);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static Map<String, Function<KnowledgeEntry, Object>> contentFields() {
    Map<String, Function<KnowledgeEntry, Object>> fields = new LinkedHashMap<>();
    fields.put("type", KnowledgeEntry::type);
    fields.put("title", KnowledgeEntry::title);
    fields.put("body", KnowledgeEntry::body);
    fields.put("issuingBody", KnowledgeEntry::issuingBody);
    fields.put("documentNumber", KnowledgeEntry::documentNumber);
    fields.put("publishDate", KnowledgeEntry::publishDate);
    fields.put("effectiveDate", KnowledgeEntry::effectiveDate);
    fields.put("expiryDate", KnowledgeEntry::expiryDate);
    fields.put("topics", KnowledgeEntry::topics);
    fields.put("districts", KnowledgeEntry::districts);
    fields.put("responsibleUnit", KnowledgeEntry::responsibleUnit);
    fields.put("keywords", KnowledgeEntry::keywords);
    fields.put("sourceLink", KnowledgeEntry::sourceLink);
    return java.util.Collections.unmodifiableMap(fields);
  }
}
