package io.zqt.ops;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Teaches PostgreSQL's planner how selective the engine's permission tests are, so that a unit's task list costs the
 * same at 100 open tasks per unit as at 10,000.
 *
 * <p>Every authorized engine query joins the user's grants with {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}
 * and filters them with bit tests such as {@code PERMS_ & 2 = 2}. PostgreSQL has no statistics for such an expression
 * and guesses that 0.5% of the rows pass, so it expects a few dozen grants where a unit holds one per open task. It then
 * reads all of them once and compares every task with every grant: 7,000 open tasks of one unit make 49 million
 * comparisons and 5 s for one task list (docs/scale.md). With statistics on the bit tests the planner looks each task's
 * grants up by the resource index instead: about 90 ms at 7,000 tasks, 35 ms at 1,500.
 *
 * <p>The statistics alone leave the good plan likely, not certain: measured over 15 fresh {@code ANALYZE} samples at
 * 100,000 finished and 50,000 open cases, the planner still chose the 5 s plan for 4 of them (docs/scale.md). A partial
 * index ({@value #INDEX}) on the resource id of just the grants a task query can pass (READ on a task, READ_TASK on a
 * process definition) settles it: with it every sample gave the per-task lookup, and the lookup got cheaper (52 ms
 * instead of 80–96 ms for 6,666 tasks), since the probe for {@code '*'} reads the five grants that can pass instead of
 * every group's {@code '*'} grants of every kind. It holds the live task grants (one per open task and candidate group)
 * and a few process-definition grants, none of the historic grants that pile up with history.
 *
 * <p>Both are created once (PostgreSQL 14 or later; the app's database user must own the engine's tables, as it does
 * when the app created them), under the cluster lock, and the table is analysed at once; autovacuum keeps the
 * statistics current afterwards. Creating the index on a large existing table blocks writes to the grants for as long
 * as it takes (seconds at millions of grants), once. H2 is left alone. When either cannot be created the app still
 * starts and logs why.
 */
@Component
public class AuthorizationStatistics extends PostgresPlannerAid {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);

  static final String NAME = "zqt_auth_perms";

  /** The permission bits the engine tests in its queries: READ, READ_TASK, READ_INSTANCE, READ_HISTORY. */
  static final String CREATE = "CREATE STATISTICS IF NOT EXISTS " + NAME
      + " ON (PERMS_ & 2), (PERMS_ & 64), (PERMS_ & 512), (PERMS_ & 4096) FROM ACT_RU_AUTHORIZATION";

  static final String INDEX = "zqt_auth_task_grants";

  /**
   * The resource ids of exactly the grants a task query can pass, in the engine's own words (its check for READ on the
   * task or READ_TASK on the process definition), so that the planner proves the query implies the index's condition.
   */
  static final String CREATE_INDEX = "CREATE INDEX IF NOT EXISTS " + INDEX
      + " ON ACT_RU_AUTHORIZATION (RESOURCE_ID_) WHERE TYPE_ < 2"
      + " AND (RESOURCE_TYPE_ = 7 AND PERMS_ & 2 = 2 OR RESOURCE_TYPE_ = 6 AND PERMS_ & 64 = 64)";

  public AuthorizationStatistics(DataSource dataSource, PlatformTransactionManager transactionManager,
      ClusterLock clusterLock) {
    super(dataSource, transactionManager, clusterLock, "authorization-statistics");
  }

  @Override
  protected void logCreated(int created) {
    log.info("Created planner statistics {} and index {} on ACT_RU_AUTHORIZATION and analysed the table", NAME, INDEX);
  }

  @Override
  protected void logNotCreated(RuntimeException cause) {
    log.warn("Could not create planner statistics {} or index {} on ACT_RU_AUTHORIZATION ({}); task lists of units "
        + "with many open tasks will be slow on PostgreSQL. Run as the tables' owner: {}; {}; "
        + "ANALYZE ACT_RU_AUTHORIZATION", NAME, INDEX, cause.getMessage(), CREATE, CREATE_INDEX);
  }

  @Override
  protected int createMissing(Connection connection) throws SQLException {
    boolean statistics = exists(connection);
    boolean index = indexExists(connection);
    if (statistics && index) {
      return 0;
    }
    try (Statement statement = connection.createStatement()) {
      if (!statistics) {
        statement.execute(CREATE);
      }
      if (!index) {
        long t0 = System.nanoTime();
        statement.execute(CREATE_INDEX);
        log.info("Index {} on ACT_RU_AUTHORIZATION built in {} ms", INDEX, (System.nanoTime() - t0) / 1_000_000);
      }
      statement.execute("ANALYZE ACT_RU_AUTHORIZATION");
    }
    return (statistics ? 0 : 1) + (index ? 0 : 1);
  }

  /** Whether the partial grant index exists on the engine's grants table. */
  static boolean indexExists(Connection connection) throws SQLException {
    return indexExists(connection, INDEX, "act_ru_authorization");
  }

  /** Whether the statistics object exists on the engine's grants table in the search path. */
  static boolean exists(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM pg_statistic_ext s"
        + " JOIN pg_class c ON c.oid = s.stxrelid WHERE s.stxname = ? AND c.relname = 'act_ru_authorization'"
        + " AND pg_table_is_visible(c.oid)")) {
      query.setString(1, NAME);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() && rs.getInt(1) > 0;
      }
    }
  }
}
