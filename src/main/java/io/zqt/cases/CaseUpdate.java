package io.zqt.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

/** The columns that one step of the process changes on a case record. */
public final class CaseUpdate {

  private final Map<CaseColumn, Object> values = new EnumMap<>(CaseColumn.class);

  public static CaseUpdate status(CaseStatus status) {
    return new CaseUpdate().set(CaseColumn.STATUS, status);
  }

  public static CaseUpdate of(CaseColumn column, Object value) {
    return new CaseUpdate().set(column, value);
  }

  public CaseUpdate set(CaseColumn column, Object value) {
    values.put(column, normalise(value));
    return this;
  }

  Map<CaseColumn, Object> values() {
    return Collections.unmodifiableMap(values);
  }

  private static Object normalise(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Date d) {
      return OffsetDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
    }
    if (value instanceof Instant i) {
      return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (value instanceof LocalDate || value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean || value instanceof OffsetDateTime) {
      return value;
    }
    throw new IllegalArgumentException("Unsupported column value type: " + value.getClass().getName());
  }
}
