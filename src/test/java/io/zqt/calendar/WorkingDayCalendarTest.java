package io.zqt.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The calendar logic on the shipped data files (data/calendar/2025.yaml, 2026.yaml), without Spring. */
class WorkingDayCalendarTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final WorkingDayCalendar calendar = new WorkingDayCalendar(
      HolidayScheduleLoader.loadAll(new PathMatchingResourcePatternResolver()),
      SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0));

  private static LocalDate day(String isoDate) {
    return LocalDate.parse(isoDate);
  }

  /** A local date-time in Asia/Shanghai. */
  private static Instant at(String isoLocalDateTime) {
    return LocalDateTime.parse(isoLocalDateTime).atZone(SHANGHAI).toInstant();
  }

  @Test
  void nationalDay2025_isOffFromFirstToEighthOctober_withMakeUpDaysAround() {
    for (LocalDate d = day("2025-10-01"); !d.isAfter(day("2025-10-08")); d = d.plusDays(1)) {
      assertThat(calendar.isWorkingDay(d)).as(d.toString()).isFalse();
      assertThat(calendar.holidayName(d)).as(d.toString()).contains("国庆节、中秋节");
    }
    assertThat(calendar.isWorkingDay(day("2025-09-28"))).as("Sun make-up day").isTrue();
    assertThat(calendar.isWorkingDay(day("2025-10-11"))).as("Sat make-up day").isTrue();
    assertThat(calendar.isWorkingDay(day("2025-10-09"))).as("Thu after the holiday").isTrue();
    assertThat(calendar.isWorkingDay(day("2025-10-12"))).as("plain Sunday").isFalse();
    assertThat(calendar.holidayName(day("2025-09-28"))).isEmpty();
    assertThat(calendar.holidayName(day("2025-10-09"))).isEmpty();
  }

  @Test
  void springFestival2026() {
    assertThat(calendar.isWorkingDay(day("2026-02-13"))).as("Fri before").isTrue();
    assertThat(calendar.isWorkingDay(day("2026-02-14"))).as("Sat make-up day").isTrue();
    assertThat(calendar.isWorkingDay(day("2026-02-15"))).isFalse();
    assertThat(calendar.isWorkingDay(day("2026-02-23"))).as("Mon, last day of the holiday").isFalse();
    assertThat(calendar.holidayName(day("2026-02-23"))).contains("春节");
    assertThat(calendar.isWorkingDay(day("2026-02-24"))).as("Tue after").isTrue();
    assertThat(calendar.isWorkingDay(day("2026-02-28"))).as("Sat make-up day").isTrue();
  }

  @Test
  void plainWeek() {
    assertThat(calendar.isWorkingDay(day("2025-03-07"))).as("Fri").isTrue();
    assertThat(calendar.isWorkingDay(day("2025-03-08"))).as("Sat").isFalse();
    assertThat(calendar.isWorkingDay(day("2025-03-09"))).as("Sun").isFalse();
    assertThat(calendar.holidayName(day("2025-03-08"))).isEmpty();
  }

  @Test
  void nextWorkingDay_isStrictlyAfter() {
    assertThat(calendar.nextWorkingDay(day("2025-03-06"))).isEqualTo(day("2025-03-07"));
    assertThat(calendar.nextWorkingDay(day("2025-03-07"))).isEqualTo(day("2025-03-10"));
    assertThat(calendar.nextWorkingDay(day("2025-09-30"))).isEqualTo(day("2025-10-09"));
    assertThat(calendar.nextWorkingDay(day("2026-02-13"))).isEqualTo(day("2026-02-14"));
    assertThat(calendar.nextWorkingDay(day("2026-02-14"))).isEqualTo(day("2026-02-24"));
  }

  @Test
  void addWorkingDays_acrossNationalDay2025() {
    // working days after Tue 30 Sep: Thu 9, Fri 10, Sat 11 (make-up), Mon 13, Tue 14 October
    assertThat(calendar.addWorkingDays(at("2025-09-30T10:00"), 5)).isEqualTo(at("2025-10-14T17:00"));
    assertThat(calendar.addWorkingDays(at("2025-09-30T10:00"), 5)).isEqualTo(Instant.parse("2025-10-14T09:00:00Z"));
    assertThat(calendar.addWorkingDays(at("2025-09-30T10:00"), 1)).isEqualTo(at("2025-10-09T17:00"));
    assertThat(calendar.addWorkingDays(at("2025-09-30T10:00"), 3)).isEqualTo(at("2025-10-11T17:00"));
  }

  @Test
  void addWorkingDays_acrossSpringFestival2026() {
    Instant friday = at("2026-02-13T10:00");
    assertThat(calendar.addWorkingDays(friday, 1)).isEqualTo(at("2026-02-14T17:00"));
    assertThat(calendar.addWorkingDays(friday, 2)).isEqualTo(at("2026-02-24T17:00"));
    assertThat(calendar.addWorkingDays(friday, 6)).isEqualTo(at("2026-02-28T17:00"));
    assertThat(calendar.addWorkingDays(friday, 7)).isEqualTo(at("2026-03-02T17:00"));
  }

  @Test
  void addWorkingDays_acrossAPlainWeekend() {
    assertThat(calendar.addWorkingDays(at("2025-03-07T15:00"), 3)).isEqualTo(at("2025-03-12T17:00"));
    assertThat(calendar.addWorkingDays(at("2025-03-08T11:00"), 1)).as("intake on Saturday").isEqualTo(at("2025-03-10T17:00"));
  }

  @Test
  void addWorkingDays_intakeDayDoesNotCount_evenOnAHoliday() {
    assertThat(calendar.addWorkingDays(at("2025-10-03T10:00"), 1)).isEqualTo(at("2025-10-09T17:00"));
    assertThat(calendar.addWorkingDays(at("2025-03-07T23:30"), 1)).isEqualTo(at("2025-03-10T17:00"));
  }

  @Test
  void addZeroWorkingDays_endsTodayOnlyOnAWorkingDayBeforeOfficeEnd() {
    assertThat(calendar.addWorkingDays(at("2025-03-07T10:00"), 0)).isEqualTo(at("2025-03-07T17:00"));
    assertThat(calendar.addWorkingDays(at("2025-03-07T16:59"), 0)).isEqualTo(at("2025-03-07T17:00"));
    assertThat(calendar.addWorkingDays(at("2025-03-07T17:00"), 0)).isEqualTo(at("2025-03-10T17:00"));
    assertThat(calendar.addWorkingDays(at("2025-10-03T10:00"), 0)).isEqualTo(at("2025-10-09T17:00"));
  }

  @Test
  void addWorkingHours_fromFridayIntoASundayMakeUpDay() {
    assertThat(calendar.addWorkingHours(at("2025-09-26T16:00"), 8)).isEqualTo(at("2025-09-28T16:00"));
  }

  @Test
  void addWorkingHours_acrossNationalDayAndTheSaturdayMakeUpDay() {
    assertThat(calendar.addWorkingHours(at("2025-09-30T15:00"), 4)).isEqualTo(at("2025-10-09T11:00"));
    // 4 h on Thu 9 Oct, 8 h on Fri 10 Oct, 4 h on Sat 11 Oct (make-up)
    assertThat(calendar.addWorkingHours(at("2025-10-09T13:00"), 16)).isEqualTo(at("2025-10-11T13:00"));
  }

  @Test
  void addWorkingHours_startingOnAHolidayOrOutsideOfficeHours() {
    assertThat(calendar.addWorkingHours(at("2026-02-16T10:00"), 3)).as("春节").isEqualTo(at("2026-02-24T12:00"));
    assertThat(calendar.addWorkingHours(at("2025-03-10T07:30"), 2)).as("before opening").isEqualTo(at("2025-03-10T11:00"));
    assertThat(calendar.addWorkingHours(at("2025-03-07T20:00"), 1)).as("Fri evening").isEqualTo(at("2025-03-10T10:00"));
    assertThat(calendar.addWorkingHours(at("2025-03-08T10:00"), 0)).as("Sat, 0 h").isEqualTo(at("2025-03-10T09:00"));
    assertThat(calendar.addWorkingHours(at("2025-03-07T10:15"), 0)).as("in office, 0 h").isEqualTo(at("2025-03-07T10:15"));
  }

  @Test
  void addWorkingHours_endingExactlyAtOfficeEndStaysOnThatDay() {
    assertThat(calendar.addWorkingHours(at("2025-03-07T09:00"), 8)).isEqualTo(at("2025-03-07T17:00"));
    assertThat(calendar.addWorkingHours(at("2025-03-07T09:00"), 9)).isEqualTo(at("2025-03-10T10:00"));
  }

  @Test
  void workingDaysBetween_excludesFromAndIncludesTo() {
    // October 2025: 23 weekdays, minus 6 weekdays of 国庆节、中秋节, plus Sat 11 Oct
    assertThat(calendar.workingDaysBetween(day("2025-09-30"), day("2025-10-31"))).isEqualTo(18);
    // February 2026: 20 weekdays, minus 6 weekdays of 春节, plus Sat 14 and Sat 28 Feb
    assertThat(calendar.workingDaysBetween(day("2026-01-31"), day("2026-02-28"))).isEqualTo(16);
    assertThat(calendar.workingDaysBetween(day("2025-03-07"), day("2025-03-10"))).isEqualTo(1);
    assertThat(calendar.workingDaysBetween(day("2025-03-07"), day("2025-03-07"))).isZero();
    assertThat(calendar.workingDaysBetween(day("2025-10-31"), day("2025-09-30"))).isEqualTo(-18);
  }

  @Test
  void yearWithoutScheduleCountsWeekendsOnly_andWarnsOnce() {
    Logger logger = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      assertThat(calendar.hasOfficialSchedule(2025)).isTrue();
      assertThat(calendar.hasOfficialSchedule(2026)).isTrue();
      assertThat(calendar.hasOfficialSchedule(2027)).isFalse();
      assertThat(calendar.isWorkingDay(day("2027-10-01"))).as("Fri, no schedule").isTrue();
      assertThat(calendar.isWorkingDay(day("2027-10-02"))).as("Sat").isFalse();
      assertThat(calendar.holidayName(day("2027-10-01"))).isEmpty();
      assertThat(calendar.addWorkingDays(at("2027-10-01T10:00"), 1)).isEqualTo(at("2027-10-04T17:00"));
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(appender.list)
        .filteredOn(event -> event.getLevel() == Level.WARN)
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .asString()
        .contains("data/calendar/2027.yaml");
  }

  @Test
  void negativeDaysOrHoursAreRejected() {
    assertThatThrownBy(() -> calendar.addWorkingDays(at("2025-03-07T10:00"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("working days must not be negative, got -1");
    assertThatThrownBy(() -> calendar.addWorkingHours(at("2025-03-07T10:00"), -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("working hours must not be negative, got -2");
  }

  @Test
  void dateOverloadsGiveTheSameDeadlines() {
    assertThat(calendar.addWorkingHours(Date.from(at("2025-09-26T16:00")), 8))
        .isEqualTo(Date.from(at("2025-09-28T16:00")));
    assertThat(calendar.addWorkingDays(Date.from(at("2025-09-30T10:00")), 5))
        .isEqualTo(Date.from(at("2025-10-14T17:00")));
    assertThat(calendar.addWorkingDays(new java.sql.Timestamp(at("2025-03-07T10:00").toEpochMilli()), 0))
        .isEqualTo(Date.from(at("2025-03-07T17:00")));
  }

  @Test
  void otherOfficeHoursAndZone() {
    WorkingDayCalendar utcLate = new WorkingDayCalendar(
        HolidayScheduleLoader.loadAll(new PathMatchingResourcePatternResolver()),
        ZoneId.of("UTC"), LocalTime.of(8, 30), LocalTime.of(17, 30));
    assertThat(utcLate.addWorkingDays(Instant.parse("2025-03-07T10:00:00Z"), 1))
        .isEqualTo(Instant.parse("2025-03-10T17:30:00Z"));
    assertThat(utcLate.addWorkingHours(Instant.parse("2025-03-07T17:00:00Z"), 1))
        .isEqualTo(Instant.parse("2025-03-10T09:00:00Z"));
  }
}
