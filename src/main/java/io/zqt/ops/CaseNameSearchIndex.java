package io.zqt.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A trigram index on the enterprise names of the case record, so that PostgreSQL finds the cases of an enterprise by a
 * fragment of its name (案件查询 "企业名称包含", the audit search) without reading every case.
 *
 * <p>{@code enterprise_name LIKE '%海岳精密%'} cannot use a B-tree: it was a scan of {@code zqt_case}, 156–194 ms at
 * 1,000,000 cases (docs/scale.md). A GIN index with {@code gin_trgm_ops} (the {@code pg_trgm} extension that ships
 * with PostgreSQL) answers a LIKE from the fragment's three-character pieces. It needs:
 * <ul>
 *   <li>a fragment of at least three characters: a shorter one has no trigram, and the planner scans as before;</li>
 *   <li>a database whose {@code LC_CTYPE} is a UTF-8 locale ({@code C.UTF-8}, {@code zh_CN.UTF-8},
 *       {@code en_US.UTF-8}, the official image's default). Under {@code LC_CTYPE=C} PostgreSQL classifies no Chinese
 *       character as a letter, the name has no trigram, and the index would be dead weight: then it is not made, and
 *       the reason is logged;</li>
 *   <li>the right to create the extension: {@code pg_trgm} is a trusted extension, so the database's owner may.</li>
 * </ul>
 * Made once at start-up under the cluster lock ({@link PostgresPlannerAid}); H2 (the demo and development database)
 * keeps the scan. The planner still chooses: a fragment that most names contain (有限公司) is read in date order.
 */
@Component
public class CaseNameSearchIndex extends PostgresPlannerAid {

  private static final Logger log = LoggerFactory.getLogger(CaseNameSearchIndex.class);

  public static final String INDEX = "zqt_case_enterprise_name_trgm";
  static final String CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm";
  static final String CREATE_INDEX = "CREATE INDEX IF NOT EXISTS " + INDEX
      + " ON zqt_case USING gin (enterprise_name gin_trgm_ops)";
  /** A name whose trigrams the database must see: Chinese characters are letters only under a UTF-8 LC_CTYPE. */
  static final String PROBE = "烟台海岳精密机械有限公司";

  public CaseNameSearchIndex(DataSource dataSource, PlatformTransactionManager transactionManager,
      ClusterLock clusterLock) {
    super(dataSource, transactionManager, clusterLock, "case-name-search-index");
  }

  @Override
  protected int createMissing(Connection connection) throws SQLException {
    if (indexExists(connection, INDEX, "zqt_case")) {
      return 0;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_EXTENSION);
      int trigrams = trigramsOf(connection, PROBE);
      if (trigrams == 0) {
        // the transaction rolls back, with the extension it may just have made
        throw new IllegalStateException("the database's LC_CTYPE (" + lcCtype(connection) + ") classifies no Chinese"
            + " character as a letter, so an enterprise name has no trigram; create the database with a UTF-8"
            + " LC_CTYPE, e.g. initdb --lc-ctype=C.UTF-8");
      }
      long t0 = System.nanoTime();
      statement.execute(CREATE_INDEX);
      statement.execute("ANALYZE zqt_case");
      log.info("Index {} on zqt_case built in {} ms", INDEX, (System.nanoTime() - t0) / 1_000_000);
    }
    return 1;
  }

  static int trigramsOf(Connection connection, String text) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT cardinality(show_trgm(?))")) {
      query.setString(1, text);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private static String lcCtype(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW lc_ctype")) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }

  @Override
  protected void logCreated(int created) {
    log.info("Created the trigram index {}: a search by a fragment of an enterprise name no longer reads every case",
        INDEX);
  }

  @Override
  protected void logNotCreated(RuntimeException cause) {
    log.warn("Could not create the trigram index {} ({}); a search by a fragment of an enterprise name reads every"
        + " case. As the database's owner, under a UTF-8 LC_CTYPE: {}; {}", INDEX, cause.getMessage(),
        CREATE_EXTENSION, CREATE_INDEX);
  }
}
