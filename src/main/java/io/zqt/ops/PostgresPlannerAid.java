package io.zqt.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Objects on the engine's tables that help PostgreSQL's planner (indexes, statistics), made once when the engine has
 * started: in a transaction of their own, under the cluster lock, so that two nodes starting together make them once.
 * Other databases are left alone. When they cannot be made the app still starts, and the subclass logs why.
 */
abstract class PostgresPlannerAid extends AbstractProcessEnginePlugin {

  private final DataSource dataSource;
  private final TransactionTemplate transaction;
  private final ClusterLock clusterLock;
  private final String lockName;

  PostgresPlannerAid(DataSource dataSource, PlatformTransactionManager transactionManager, ClusterLock clusterLock,
      String lockName) {
    this.dataSource = dataSource;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clusterLock = clusterLock;
    this.lockName = lockName;
  }

  @Override
  public final void postProcessEngineBuild(ProcessEngine processEngine) {
    if (!"postgres".equals(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getDatabaseType())) {
      return;
    }
    try {
      int created = ensureInTransaction();
      if (created > 0) {
        logCreated(created);
      }
    } catch (RuntimeException e) {
      logNotCreated(e);
    }
  }

  /** Makes what is missing, in a transaction of its own; how many objects it made (0 when all were in place). */
  public final int ensureInTransaction() {
    Integer created = transaction.execute(status -> {
      clusterLock.holdForTransaction(lockName);
      Connection connection = DataSourceUtils.getConnection(dataSource);
      try {
        return createMissing(connection);
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      } finally {
        DataSourceUtils.releaseConnection(connection, dataSource);
      }
    });
    return created == null ? 0 : created;
  }

  /** Makes the missing objects on the connection (in the transaction, under the lock); how many it made. */
  protected abstract int createMissing(Connection connection) throws SQLException;

  protected abstract void logCreated(int created);

  protected abstract void logNotCreated(RuntimeException cause);

  /** Whether the named index exists on the named table (lower case) in the search path. */
  static boolean indexExists(Connection connection, String index, String table) throws SQLException {
    return indexValidity(connection, index, table) != null;
  }

  /**
   * Whether the named index on the named table (lower case) in the search path is valid; null when there is none. A
   * concurrent build that did not finish leaves an invalid one.
   */
  static Boolean indexValidity(Connection connection, String index, String table) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT i.indisvalid FROM pg_index i"
        + " JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
        + " WHERE x.relname = ? AND c.relname = ? AND pg_table_is_visible(c.oid)")) {
      query.setString(1, index);
      query.setString(2, table);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }
}
