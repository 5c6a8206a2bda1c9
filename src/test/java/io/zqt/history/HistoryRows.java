package io.zqt.history;

import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs whole case lifecycles and counts, straight from the database, the engine rows that belong to them: every
 * table with a ROOT_PROC_INST_ID_ column (all ACT_HI_* tables, ACT_GE_BYTEARRAY, ACT_RU_AUTHORIZATION).
 */
final class HistoryRows {

  private final JdbcTemplate jdbc;
  private final CaseScenarios scenarios;
  private final TaskService taskService;
  private final IdentityService identityService;
  private List<String> tables;

  HistoryRows(JdbcTemplate jdbc, CaseScenarios scenarios, TaskService taskService, IdentityService identityService) {
    this.jdbc = jdbc;
    this.scenarios = scenarios;
    this.taskService = taskService;
    this.identityService = identityService;
  }

  /** Engine tables that record the root process instance of each row, found in the database's own catalogue. */
  List<String> tablesWithRootProcessInstance() {
    if (tables == null) {
      tables = jdbc.queryForList("""
          SELECT UPPER(TABLE_NAME) FROM INFORMATION_SCHEMA.COLUMNS
          WHERE UPPER(COLUMN_NAME) = 'ROOT_PROC_INST_ID_' AND UPPER(TABLE_NAME) LIKE 'ACT\\_%'
            AND UPPER(TABLE_SCHEMA) IN ('PUBLIC') ORDER BY 1""", String.class);
    }
    return tables;
  }

  /** Rows per table that belong to the given root process instances (tables with no such row are left out). */
  Map<String, Long> count(Collection<String> rootProcessInstanceIds) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (rootProcessInstanceIds.isEmpty()) {
      return counts;
    }
    String in = rootProcessInstanceIds.stream().map(id -> "'" + id.replace("'", "''") + "'")
        .collect(Collectors.joining(","));
    for (String table : tablesWithRootProcessInstance()) {
      Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ IN (" + in + ")",
          Long.class);
      if (n != null && n > 0) {
        counts.put(table, n);
      }
    }
    return counts;
  }

  long total(Collection<String> rootProcessInstanceIds) {
    return count(rootProcessInstanceIds).values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * A help request the way the Yantai line handles most cases: dispatched, signed for, a comment added in
   * Tasklist, replied, three QC gates, satisfied callback. Returns the case's root process instance id.
   */
  String dispatchedCase() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String root = scenarios.instance(n).getId();
    scenarios.signFor(n);
    asAdmin(() -> taskService.createComment(scenarios.task(n, ProcessIds.TASK_HANDLE).getId(), root,
        "已电话联系企业，约定明日上门核实。"));
    scenarios.reply(n, "RESOLVED");
    scenarios.passQc(n, "RESOLVED");
    asAdmin(() -> scenarios.callback(n, "SATISFIED"));
    return root;
  }

  /** A consultation answered at once from the knowledge base (精准直办), then the callback. */
  String directAnswerCase() {
    String n = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    String root = scenarios.instance(n).getId();
    scenarios.complete(n, ProcessIds.TASK_DIRECT_ANSWER,
        Map.of("answerText", "新办企业可在山东省人社网上服务大厅办理社保登记。", "knowledgeEntryKeys", "SI-001"));
    asAdmin(() -> scenarios.callback(n, "SATISFIED"));
    return root;
  }

  /** Runs the work as the admin, so the engine writes its user operation log as it does for a signed-in user. */
  private void asAdmin(Runnable work) {
    CaseScenarios.asAdmin(identityService, work);
  }
}
