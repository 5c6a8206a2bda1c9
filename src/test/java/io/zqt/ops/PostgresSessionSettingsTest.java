package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class PostgresSessionSettingsTest {

  @Test
  void postgresqlSessionsGetTheCostAndOtherDatabasesNothing() {
    PostgresSessionSettings settings = new PostgresSessionSettings("1.1");
    assertThat(settings.initStatement("jdbc:postgresql://db:5432/zqt")).isEqualTo("SET random_page_cost = 1.1");
    assertThat(settings.initStatement("jdbc:h2:file:./data/zqt")).isNull();
    assertThat(new PostgresSessionSettings(" ").initStatement("jdbc:postgresql://db:5432/zqt")).isNull();
  }

  @Test
  void aPoolWrappedByAnotherPostProcessorGetsItToo() {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl("jdbc:postgresql://db:5432/zqt");
      new PostgresSessionSettings("1.1").postProcessAfterInitialization(new DelegatingDataSource(pool), "dataSource");
      assertThat(pool.getConnectionInitSql()).isEqualTo("SET random_page_cost = 1.1");
    }
  }

  @Test
  void onlyAPositiveNumberIsAccepted() {
    assertThatThrownBy(() -> new PostgresSessionSettings("1.1; DROP TABLE zqt_case"))
        .hasMessageContaining("zqt.db.postgres.random-page-cost");
    assertThatThrownBy(() -> new PostgresSessionSettings("0")).hasMessageContaining("positive");
  }
}
