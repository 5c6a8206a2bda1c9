package io.zqt.calendar;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Office hours of the handling units, in the zone {@code zqt.zone}. Working-hour deadlines count only these hours;
 * working-day deadlines end at {@code officeEnd}.
 */
@ConfigurationProperties(prefix = "zqt.calendar")
public record CalendarProperties(@DefaultValue("09:00") LocalTime officeStart, @DefaultValue("17:00") LocalTime officeEnd) {

  public CalendarProperties {
    if (!officeStart.isBefore(officeEnd)) {
      throw new IllegalArgumentException(
          "zqt.calendar.office-start (" + officeStart + ") must be before zqt.calendar.office-end (" + officeEnd + ")");
    }
  }
}
