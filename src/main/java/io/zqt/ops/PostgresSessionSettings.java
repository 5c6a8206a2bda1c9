package io.zqt.ops;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Planner settings for every connection ZQT opens to PostgreSQL.
 *
 * <p>{@code random_page_cost}: PostgreSQL's default of 4 prices a random page read as four sequential ones, which
 * models spinning disks. On solid-state storage (any server or cloud volume today) the PostgreSQL manual suggests a
 * value near 1.1. It decides a unit's task list: with 4, the engine's authorization join reads all of a unit's task
 * grants and compares every open task with every grant (8.2 s for 6,666 open tasks of one unit); with 1.1 it looks each
 * task's grants up by index (0.2 s). Evidence: docs/scale.md, {@code TaskListPlanMeasurement}.
 *
 * <p>{@code zqt.db.postgres.random-page-cost} ({@code ZQT_DB_RANDOM_PAGE_COST}), default 1.1; set it to 4 on spinning
 * disks, or leave it blank to keep the server's own setting. Only a decimal number is accepted. Applied as the
 * connection pool's init statement, so it holds for ZQT's sessions only, not for other users of the database.
 */
@Component
public class PostgresSessionSettings implements BeanPostProcessor {

  private final BigDecimal randomPageCost;

  public PostgresSessionSettings(@Value("${zqt.db.postgres.random-page-cost:1.1}") String randomPageCost) {
    this.randomPageCost = OptionalNumber.parse(randomPageCost, "zqt.db.postgres.random-page-cost",
        "a positive decimal number such as 1.1", n -> n.signum() > 0);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    HikariDataSource pool = ConnectionPools.pool(bean);
    if (pool != null && initStatement(pool.getJdbcUrl()) != null && pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql(initStatement(pool.getJdbcUrl()));
    }
    return bean;
  }

  /** The statement each new PostgreSQL connection runs first; null for other databases or when switched off. */
  String initStatement(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:") || randomPageCost == null) {
      return null;
    }
    return "SET random_page_cost = " + randomPageCost.toPlainString();
  }
}
