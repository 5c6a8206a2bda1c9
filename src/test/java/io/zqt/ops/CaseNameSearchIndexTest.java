package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zqt.postgres.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The trigram index on enterprise names, on real PostgreSQL servers initialised with either kind of LC_CTYPE: made
 * once where Chinese characters have trigrams (and again when a cut-off build left it invalid), refused with the reason
 * (and nothing left behind) where they have none.
 */
class CaseNameSearchIndexTest {

  @Test
  void madeOnceUnderAUtf8CtypeAndUsedForAFragmentOfAChineseName() throws Exception {
    try (EmbeddedPostgres postgres = TestPostgres.builder().start()) {
      DataSource dataSource = postgres.getPostgresDatabase();
      JdbcTemplate jdbc = caseTable(dataSource);
      CaseNameSearchIndex index = index(dataSource);

      assertThat(index.ensure()).isEqualTo(1);
      assertThat(index.ensure()).as("already there").isZero();
      assertThat(jdbc.queryForObject("SELECT indexdef FROM pg_indexes WHERE indexname = ?", String.class,
          CaseNameSearchIndex.INDEX)).contains("gin (enterprise_name gin_trgm_ops)");

      jdbc.update("INSERT INTO zqt_case (enterprise_name) SELECT '烟台市' || n || '号精密机械有限公司'"
          + " FROM generate_series(1, 50000) n");
      jdbc.update("INSERT INTO zqt_case (enterprise_name) VALUES ('烟台海岳精密机械有限公司'), ('海岳食品有限公司')");
      jdbc.execute("ANALYZE zqt_case");
      // the statement CaseSearch sends for 企业名称包含 (a LIKE with an escape character)
      String search = "SELECT enterprise_name FROM zqt_case WHERE enterprise_name LIKE ? ESCAPE '\\'";
      String plan = String.join("\n", jdbc.queryForList("EXPLAIN " + search, String.class, "%海岳精密%"));
      assertThat(plan).contains("Bitmap Index Scan on " + CaseNameSearchIndex.INDEX).doesNotContain("Seq Scan");
      assertThat(jdbc.queryForList(search, String.class, "%海岳精密%")).containsExactly("烟台海岳精密机械有限公司");
      assertThat(jdbc.queryForList(search, String.class, "%海岳%")).as("two characters: no trigram, still found")
          .containsExactlyInAnyOrder("烟台海岳精密机械有限公司", "海岳食品有限公司");

      // what a concurrent build that was cut off (a node killed while building) leaves: an invalid index
      jdbc.update("UPDATE pg_index SET indisvalid = false WHERE indexrelid = ?::regclass", CaseNameSearchIndex.INDEX);
      assertThat(index.ensure()).as("built again").isEqualTo(1);
      assertThat(jdbc.queryForObject("SELECT indisvalid FROM pg_index WHERE indexrelid = ?::regclass", Boolean.class,
          CaseNameSearchIndex.INDEX)).isTrue();
    }
  }

  @Test
  void notMadeWhereChineseCharactersAreNoLettersAndTheReasonIsGiven() throws Exception {
    try (EmbeddedPostgres postgres = TestPostgres.builder().setLocaleConfig("lc-ctype", "C").start()) {
      DataSource dataSource = postgres.getPostgresDatabase();
      JdbcTemplate jdbc = caseTable(dataSource);

      assertThatThrownBy(() -> index(dataSource).ensure())
          .hasMessageContaining("LC_CTYPE (C)").hasMessageContaining("C.UTF-8");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_indexes WHERE indexname = ?", Integer.class,
          CaseNameSearchIndex.INDEX)).isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'", Integer.class))
          .as("the extension made for it is rolled back too").isZero();
    }
  }

  private static JdbcTemplate caseTable(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("CREATE TABLE zqt_case (id SERIAL PRIMARY KEY, enterprise_name VARCHAR(200) NOT NULL)");
    return jdbc;
  }

  private static CaseNameSearchIndex index(DataSource dataSource) {
    return new CaseNameSearchIndex(dataSource);
  }
}
