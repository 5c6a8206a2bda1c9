package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSessionSettingsTest {

  @Test
  void postgresqlSessionsGetTheCostAndOtherDatabasesNothing() {
    PostgresSessionSettings settings = new PostgresSessionSettings("1.1");
    assertThat(settings.initStatement("jdbc:postgresql://db:5432/zqt")).isEqualTo("SET random_page_cost = 1.1");
    assertThat(settings.initStatement("jdbc:h2:file:./data/zqt")).isNull();
    assertThat(new PostgresSessionSettings(" ").initStatement("jdbc:postgresql://db:5432/zqt")).isNull();
  }

  @Test
  void onlyAPositiveNumberIsAccepted() {
    assertThatThrownBy(() -> new PostgresSessionSettings("1.1; DROP TABLE zqt_case"))
        .hasMessageContaining("zqt.db.postgres.random-page-cost");
    assertThatThrownBy(() -> new PostgresSessionSettings("0")).hasMessageContaining("positive");
  }
}
