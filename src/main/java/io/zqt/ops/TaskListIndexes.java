package io.zqt.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

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
 * <p>Created once at start-up ({@link PostgresPlannerAid}; the app's database user must own the engine's tables), then
 * the two tables are analysed.
 */
@Component
public class TaskListIndexes extends PostgresPlannerAid {

  private static final Logger log = LoggerFactory.getLogger(TaskListIndexes.class);

  static final String LINKS = "zqt_candidate_links";
  static final String TASKS = "zqt_open_tasks";

  static final List<String[]> INDEXES = List.of(
      new String[] {LINKS, "act_ru_identitylink",
          "CREATE INDEX IF NOT EXISTS " + LINKS + " ON ACT_RU_IDENTITYLINK (GROUP_ID_, TYPE_, TASK_ID_)"},
      new String[] {TASKS, "act_ru_task",
          "CREATE INDEX IF NOT EXISTS " + TASKS + " ON ACT_RU_TASK (ID_) INCLUDE (SUSPENSION_STATE_)"
              + " WHERE TENANT_ID_ IS NULL"});

  public TaskListIndexes(DataSource dataSource, PlatformTransactionManager transactionManager,
      ClusterLock clusterLock) {
    super(dataSource, transactionManager, clusterLock, "task-list-indexes");
  }

  @Override
  protected void logCreated(int created) {
    log.info("Created {} task-list index(es) on ACT_RU_IDENTITYLINK and ACT_RU_TASK and analysed the tables", created);
  }

  @Override
  protected void logNotCreated(RuntimeException cause) {
    log.warn("Could not create the task-list indexes {} and {} ({}); a unit's task list reads every open task."
        + " Run as the tables' owner: {}; {}", LINKS, TASKS, cause.getMessage(), INDEXES.get(0)[2],
        INDEXES.get(1)[2]);
  }

  @Override
  protected int createMissing(Connection connection) throws SQLException {
    int created = 0;
    for (String[] index : INDEXES) {
      if (!indexExists(connection, index[0], index[1])) {
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
  }
}
