package io.zqt.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two indexes on the engine's runtime tables that let PostgreSQL count a unit's open tasks from indexes alone.
 *
 * <p>A unit's task list (Tasklist's 本单位待办) asks the engine for the distinct open tasks that have one of the unit's
 * groups as candidate, and for their number. Without grant join ({@link LeanAuthorizationPlugin}) that is a join of
 * the unit's candidate links with the open tasks, and PostgreSQL read every open task for it: 50,000 rows for the
 * 6,666 of one unit, 13 of its 25 ms (docs/scale.md). With
 * <ul>
 *   <li>{@value #LINKS}: the candidate links of a group, in task order, with the task id in the index, and</li>
 *   <li>{@value #TASKS}: the open tasks without tenant (every ZQT task), by id, with their suspension state (Tasklist
 *       asks for active tasks only),</li>
 * </ul>
 * the planner merges two index-only scans in id order, and the distinct tasks come out already sorted: 10 ms for the
 * same count. They are kept by the database like any index: one more entry per candidate link and per task written.
 *
 * <p>Created once at start-up (PostgreSQL; the app's database user must own the engine's tables), under the cluster
 * lock, then the two tables are analysed. H2 is left alone. When they cannot be created the app still starts and logs
 * why.
 */
@Component
public class TaskListIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(TaskListIndexes.class);

  static final String LINKS = "zqt_candidate_links";
  static final String TASKS = "zqt_open_tasks";

  static final List<String[]> INDEXES = List.of(
      new String[] {LINKS, "act_ru_identitylink",
          "CREATE INDEX IF NOT EXISTS " + LINKS + " ON ACT_RU_IDENTITYLINK (GROUP_ID_, TYPE_, TASK_ID_)"},
      new String[] {TASKS, "act_ru_task",
          "CREATE INDEX IF NOT EXISTS " + TASKS + " ON ACT_RU_TASK (ID_) INCLUDE (SUSPENSION_STATE_)"
              + " WHERE TENANT_ID_ IS NULL"});

  private final DataSource dataSource;
  private final TransactionTemplate transaction;
  private final ClusterLock clusterLock;

  public TaskListIndexes(DataSource dataSource, PlatformTransactionManager transactionManager,
      ClusterLock clusterLock) {
    this.dataSource = dataSource;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clusterLock = clusterLock;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (!"postgres".equals(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getDatabaseType())) {
      return;
    }
    try {
      int created = ensureInTransaction();
      if (created > 0) {
        log.info("Created {} task-list index(es) on ACT_RU_IDENTITYLINK and ACT_RU_TASK and analysed the tables",
            created);
      }
    } catch (RuntimeException e) {
      log.warn("Could not create the task-list indexes {} and {} ({}); a unit's task list reads every open task."
          + " Run as the tables' owner: {}; {}", LINKS, TASKS, e.getMessage(), INDEXES.get(0)[2], INDEXES.get(1)[2]);
    }
  }

  /** Creates the missing indexes in a transaction of its own; how many it created (0 when all were in place). */
  public int ensureInTransaction() {
    Integer created = transaction.execute(status -> ensure());
    return created == null ? 0 : created;
  }

  private int ensure() {
    clusterLock.holdForTransaction("task-list-indexes");
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      int created = 0;
      for (String[] index : INDEXES) {
        if (!exists(connection, index[0], index[1])) {
          try (Statement statement = connection.createStatement()) {
            long t0 = System.nanoTime();
            statement.execute(index[2]);
            statement.execute("ANALYZE " + index[1]);
            log.info("Index {} on {} built in {} ms", index[0], index[1], (System.nanoTime() - t0) / 1_000_000);
          }
          created++;
        }
      }
      return created;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** Whether the named index exists on the named engine table in the search path. */
  static boolean exists(Connection connection, String index, String table) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM pg_index i"
        + " JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
        + " WHERE x.relname = ? AND c.relname = ? AND pg_table_is_visible(c.oid)")) {
      query.setString(1, index);
      query.setString(2, table);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() && rs.getInt(1) > 0;
      }
    }
  }
}
