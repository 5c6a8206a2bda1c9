package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.zqt.ZqtSpringTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** ZQT's H2 sessions keep 256 parsed statements instead of H2's 8; other databases and explicit settings are left. */
@ZqtSpringTest
class H2QueryCacheTest {

  @Autowired DataSource dataSource;

  @Test
  void theAppsH2DatabaseKeepsTheConfiguredNumberOfStatements() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(String.valueOf(H2QueryCache.DEFAULT_SIZE));
    }
  }

  @Test
  void onlyH2UrlsWithoutTheirOwnSettingGetIt() {
    H2QueryCache cache = new H2QueryCache("256");
    assertThat(cache.url("jdbc:h2:file:./data/zqt;DB_CLOSE_ON_EXIT=FALSE"))
        .isEqualTo("jdbc:h2:file:./data/zqt;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256");
    assertThat(cache.url("jdbc:h2:mem:x;query_cache_size=16")).isEqualTo("jdbc:h2:mem:x;query_cache_size=16");
    assertThat(cache.url("jdbc:postgresql://db:5432/zqt")).isEqualTo("jdbc:postgresql://db:5432/zqt");
    assertThat(new H2QueryCache(" ").url("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
  }

  @Test
  void aPoolWrappedByAnotherPostProcessorGetsItToo() {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setJdbcUrl("jdbc:h2:mem:wrapped");
      new H2QueryCache("64").postProcessAfterInitialization(new DelegatingDataSource(pool), "dataSource");
      assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:h2:mem:wrapped;QUERY_CACHE_SIZE=64");
    }
  }

  @Test
  void onlyAWholeNumberIsAccepted() {
    assertThatThrownBy(() -> new H2QueryCache("256;INIT=RUNSCRIPT FROM 'x'"))
        .hasMessageContaining("zqt.db.h2.query-cache-size");
    assertThatThrownBy(() -> new H2QueryCache("-1")).hasMessageContaining("whole number");
  }
}
