package io.zqt.intake;

import io.zqt.cases.EngineClock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Draws case numbers {@code ZQT-YYYYMMDD-NNNNNN}: the date of intake in the line's time zone and six digits from
 * the database sequence {@code zqt_case_number_seq}. The sequence is shared by every app node and survives
 * restarts; its values are never handed out twice, so numbers are unique without locks. The six digits wrap after
 * a million cases, which only collides if a million cases arrive on one day (the primary key would then refuse).
 */
@Component
public class CaseNumberGenerator {

  static final String SEQUENCE = "zqt_case_number_seq";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final DataFieldMaxValueIncrementer sequence;
  private final ZoneId zone;

  public CaseNumberGenerator(DataSource dataSource, @Value("${zqt.zone:Asia/Shanghai}") String zone) {
    this.sequence = incrementerFor(dataSource);
    this.zone = ZoneId.of(zone);
  }

  public String next() {
    long value = sequence.nextLongValue();
    return "ZQT-" + DAY.format(EngineClock.now().atZone(zone)) + "-" + String.format("%06d", value % 1_000_000);
  }

  private static DataFieldMaxValueIncrementer incrementerFor(DataSource dataSource) {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the database product name", e);
    }
    return switch (product) {
      case "H2" -> new H2SequenceMaxValueIncrementer(dataSource, SEQUENCE);
      case "PostgreSQL" -> new PostgresSequenceMaxValueIncrementer(dataSource, SEQUENCE);
      default -> throw new IllegalStateException("Unsupported database for case numbers: " + product);
    };
  }
}
