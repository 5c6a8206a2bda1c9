package io.zqt.ops;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * How many parsed statements each H2 session keeps ({@code QUERY_CACHE_SIZE}), for ZQT on its embedded database.
 *
 * <p>H2 parses and plans a statement again unless the session's cache still holds it, and that cache keeps 8 by default.
 * The engine and ZQT run more than a hundred different statements over a case's lifecycle, so with 8 nearly every
 * statement was parsed again: a CPU profile of the intake on H2 at 50 requests/s put 10% of all samples in H2's parser.
 * Evidence: docs/benchmarks.md.
 *
 * <p>{@code zqt.db.h2.query-cache-size} ({@code ZQT_DB_H2_QUERY_CACHE_SIZE}), default 256 statements per connection;
 * blank keeps H2's own default. Added to the pool's H2 URL unless the URL sets {@code QUERY_CACHE_SIZE} itself.
 * PostgreSQL is not touched (its driver keeps prepared statements on its own).
 */
@Component
public class H2QueryCache implements BeanPostProcessor {

  private static final String SETTING = "QUERY_CACHE_SIZE";

  /** statements per connection unless configured otherwise */
  public static final int DEFAULT_SIZE = 256;

  /** The URL suffix that gives an H2 database the same cache (for the benchmark's baselines). */
  public static final String DEFAULT_URL_SETTING = ";" + SETTING + "=" + DEFAULT_SIZE;

  private final Integer size;

  public H2QueryCache(@Value("${zqt.db.h2.query-cache-size:" + DEFAULT_SIZE + "}") String size) {
    BigDecimal number = OptionalNumber.parse(size, "zqt.db.h2.query-cache-size",
        "a whole number of statements (0 or more)", n -> n.signum() >= 0 && n.scale() <= 0
            && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0);
    this.size = number == null ? null : number.intValueExact();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    HikariDataSource pool = ConnectionPools.pool(bean);
    if (pool != null) {
      String url = url(pool.getJdbcUrl());
      if (url != null && !url.equals(pool.getJdbcUrl())) {
        pool.setJdbcUrl(url);
      }
    }
    return bean;
  }

  /** The URL with the cache size added; unchanged for other databases, when switched off or already set. */
  public String url(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:") || size == null
        || jdbcUrl.toUpperCase(Locale.ROOT).contains(";" + SETTING + "=")) {
      return jdbcUrl;
    }
    return jdbcUrl + ";" + SETTING + "=" + size;
  }
}
