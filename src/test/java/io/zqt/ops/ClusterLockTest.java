package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The cluster lock on a real PostgreSQL: a second node's transaction cannot take it until the first one ends. */
class ClusterLockTest {

  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void start() throws Exception {
    postgres = io.zqt.postgres.TestPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void heldUntilTheTransactionEndsAndOnlyByOneTransactionAtATime() {
    ClusterLock lock = new ClusterLock(dataSource);
    TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    transaction.executeWithoutResult(status -> {
      lock.holdForTransaction("seeding");
      assertThat(otherNodeCanTake("seeding")).as("while the first node's transaction runs").isFalse();
      assertThat(otherNodeCanTake("engine-schema")).as("another lock's name").isTrue();
    });
    assertThat(otherNodeCanTake("seeding")).as("after it committed").isTrue();
  }

  @Test
  void needsATransaction() {
    assertThatThrownBy(() -> new ClusterLock(dataSource).holdForTransaction("seeding"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a transaction");
  }

  /** What a second node would get: tries the lock in a transaction of its own, then ends it. */
  private static boolean otherNodeCanTake(String name) {
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement attempt = other.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
        attempt.setLong(1, ClusterLock.key(name));
        try (ResultSet result = attempt.executeQuery()) {
          result.next();
          return result.getBoolean(1);
        }
      } finally {
        other.rollback();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
