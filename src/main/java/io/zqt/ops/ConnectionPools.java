package io.zqt.ops;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The connection pool behind a data source bean, also when another post-processor has wrapped it already. */
final class ConnectionPools {

  private ConnectionPools() {}

  /** The Hikari pool {@code bean} is or wraps; {@code null} for anything else. */
  static HikariDataSource pool(Object bean) {
    if (bean instanceof HikariDataSource pool) {
      return pool;
    }
    try {
      if (bean instanceof DataSource ds && ds.isWrapperFor(HikariDataSource.class)) {
        return ds.unwrap(HikariDataSource.class);
      }
    } catch (SQLException e) {
      return null;
    }
    return null;
  }
}
