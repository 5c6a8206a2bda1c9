package io.zqt.ops;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A lock shared by every app node on the same database, held until the current transaction ends: on PostgreSQL a
 * transaction-level advisory lock ({@code pg_advisory_xact_lock}). Work that two nodes starting at the same moment
 * would otherwise both do (create the engine's tables, seed filters) takes it first, so the second node waits and
 * then finds the first one's work. H2 is a single-node database here: nothing to lock.
 */
@Component
public class ClusterLock {

  private final DataSource dataSource;

  public ClusterLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Takes the named lock for the transaction bound to this thread (which must exist). */
  public void holdForTransaction(String name) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("The cluster lock '" + name + "' needs a transaction to hold it");
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      hold(connection, name);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** Takes the named lock for the transaction of this connection (not in auto-commit mode). */
  public static void hold(Connection connection, String name) {
    try {
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        return;
      }
      if (connection.getAutoCommit()) {
        throw new IllegalStateException("The cluster lock '" + name + "' needs a transaction to hold it");
      }
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, key(name));
        lock.execute();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the cluster lock '" + name + "'", e);
    }
  }

  /**
   * Runs the work while holding the named lock on a connection of its own (a session-level advisory lock on
   * PostgreSQL), for work that commits in several transactions of its own, such as the schema migrations.
   */
  public static void whileHolding(DataSource dataSource, String name, Runnable work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
      if (postgres) {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
          lock.setLong(1, key(name));
          lock.execute();
        }
      }
      try {
        work.run();
      } finally {
        if (postgres) {
          try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key(name));
            unlock.execute();
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the cluster lock '" + name + "'", e);
    }
  }

  /** A stable 64-bit key per name, the same on every node. */
  static long key(String name) {
    return UUID.nameUUIDFromBytes(("zqt:" + name).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
  }
}
