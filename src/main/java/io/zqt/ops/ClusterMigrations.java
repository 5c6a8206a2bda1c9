package io.zqt.ops;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The app's schema migrations, one node at a time. Flyway creates its history table and then records the baseline in
 * a later transaction; a second node starting at the same moment on the same empty database could find the table
 * already there and still empty, and refuse to start ("Unable to baseline schema history table … as it already exists,
 * and is empty"; seen in {@code TwoNodeClusterTest}). Under the cluster lock the second node waits and then finds the
 * first one's migrations done.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterMigrations {

  static final String LOCK = "schema-migrations";

  @Bean
  FlywayMigrationStrategy migrateOneNodeAtATime(DataSource dataSource) {
    return flyway -> ClusterLock.whileHolding(dataSource, LOCK, flyway::migrate);
  }
}
