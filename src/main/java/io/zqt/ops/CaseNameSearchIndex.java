package io.zqt.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

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
 *       character as a letter, the name has no trigram, and the index would be dead weight: then neither the extension
 *       nor the index is made, and the reason is logged;</li>
 *   <li>the right to create the extension: {@code pg_trgm} is a trusted extension, so the database's owner may.</li>
 * </ul>
 *
 * <p>Built once, when the app is ready, in the background and {@code CONCURRENTLY}: a database upgraded with years of
 * cases gets it without holding back the node's start or anyone's writes to the case table (1,000,000 names take about
 * 5 s here; a concurrent build takes longer than a plain one but locks nothing). Until it is there a search reads the
 * cases as before. The nodes of a cluster take a session-level cluster lock for it, so one builds and the others then
 * find it; a build that was cut off leaves an invalid index, which the next start drops and builds again. H2 (the demo
 * and development database) keeps the scan. The planner still chooses: a fragment most names share (有限公司) is read in
 * date order.
 */
@Component
public class CaseNameSearchIndex {

  private static final Logger log = LoggerFactory.getLogger(CaseNameSearchIndex.class);

  public static final String INDEX = "zqt_case_enterprise_name_trgm";
  static final String LOCK = "case-name-search-index";
  static final String CREATE_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm";
  static final String CREATE_INDEX = "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + INDEX
      + " ON zqt_case USING gin (enterprise_name gin_trgm_ops)";
  /** A name whose trigrams the database must see: Chinese characters are letters only under a UTF-8 LC_CTYPE. */
  static final String PROBE = "烟台海岳精密机械有限公司";

  private final DataSource dataSource;

  public CaseNameSearchIndex(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void buildInTheBackground() {
    Thread builder = new Thread(() -> {
      try {
        if (ensure() > 0) {
          log.info("Created the trigram index {}: a search by a fragment of an enterprise name no longer reads every"
              + " case", INDEX);
        }
      } catch (RuntimeException e) {
        log.warn("Could not create the trigram index {} ({}); a search by a fragment of an enterprise name reads every"
            + " case. As the database's owner, under a UTF-8 LC_CTYPE: {}; {}", INDEX, e.getMessage(),
            CREATE_EXTENSION, CREATE_INDEX);
      }
    }, "zqt-case-name-index");
    builder.setDaemon(true);
    builder.start();
  }

  /**
   * Makes the index when it is missing or invalid, under the cluster lock; how many it made (0: it was there, or the
   * database is not PostgreSQL). Throws, with the reason, when it cannot be made.
   */
  public int ensure() {
    AtomicInteger made = new AtomicInteger();
    ClusterLock.whileHolding(dataSource, LOCK, () -> {
      try (Connection connection = dataSource.getConnection()) {
        if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
          made.set(build(connection));
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
    return made.get();
  }

  private static int build(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    Boolean valid = PostgresPlannerAid.indexValidity(connection, INDEX, "zqt_case");
    if (Boolean.TRUE.equals(valid)) {
      return 0;
    }
    try (Statement statement = connection.createStatement()) {
      if (valid != null) {
        log.warn("Index {} was left invalid by a build that did not finish; building it again", INDEX);
        statement.execute("DROP INDEX IF EXISTS " + INDEX);
      }
      makeExtensionIfChineseHasTrigrams(connection);
      long t0 = System.nanoTime();
      statement.execute(CREATE_INDEX);
      statement.execute("ANALYZE zqt_case");
      log.info("Index {} on zqt_case built in {} ms", INDEX, (System.nanoTime() - t0) / 1_000_000);
    }
    return 1;
  }

  /** In a transaction of its own, so that the extension does not stay when the database cannot use it here. */
  private static void makeExtensionIfChineseHasTrigrams(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute(CREATE_EXTENSION);
      if (trigramsOf(connection, PROBE) == 0) {
        throw new IllegalStateException("the database's LC_CTYPE (" + lcCtype(connection) + ") classifies no"
            + " Chinese character as a letter, so an enterprise name has no trigram; create the database with a UTF-8"
            + " LC_CTYPE, e.g. initdb --lc-ctype=C.UTF-8");
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  static int trigramsOf(Connection connection, String text) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT cardinality(show_trgm(?))")) {
      query.setString(1, text);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  /** From the catalogue: PostgreSQL 16 no longer shows it as a setting ({@code SHOW lc_ctype} fails there). */
  private static String lcCtype(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT datctype FROM pg_database WHERE datname = current_database()")) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }
}
