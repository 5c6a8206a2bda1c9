package io.zqt.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The official holiday arrangement of one year (the State Council General Office's yearly notice): holidays and
 * make-up working days. Dates may fall in {@code year} or in December of the year before (元旦 may start there).
 *
 * @param source where the schedule came from (a file name), used in error messages
 * @param makeUpWorkingDays kept sorted
 */
public record HolidaySchedule(int year, String source, List<Holiday> holidays, Set<LocalDate> makeUpWorkingDays) {

  public HolidaySchedule {
    Objects.requireNonNull(source, "source");
    holidays = holidays.stream().sorted(Comparator.comparing(Holiday::from)).toList();
    makeUpWorkingDays = Collections.unmodifiableSortedSet(new TreeSet<>(makeUpWorkingDays));
    if (holidays.isEmpty()) {
      throw new IllegalArgumentException("no holidays for " + year);
    }
    for (int i = 0; i < holidays.size(); i++) {
      Holiday holiday = holidays.get(i);
      requireInYear(year, holiday.from(), "holiday " + holiday);
      requireInYear(year, holiday.to(), "holiday " + holiday);
      if (i > 0 && !holidays.get(i - 1).to().isBefore(holiday.from())) {
        throw new IllegalArgumentException("holidays " + holidays.get(i - 1) + " and " + holiday + " overlap");
      }
    }
    for (LocalDate day : makeUpWorkingDays) {
      requireInYear(year, day, "make-up working day " + day);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        throw new IllegalArgumentException(
            "make-up working day " + day + " is a " + day.getDayOfWeek() + ", not a Saturday or Sunday");
      }
      for (Holiday holiday : holidays) {
        if (holiday.contains(day)) {
          throw new IllegalArgumentException("make-up working day " + day + " lies inside holiday " + holiday);
        }
      }
    }
  }

  private static void requireInYear(int year, LocalDate date, String what) {
    boolean inYear = date.getYear() == year;
    boolean decemberBefore = date.getYear() == year - 1 && date.getMonth() == Month.DECEMBER;
    if (!inYear && !decemberBefore) {
      throw new IllegalArgumentException(what + " is outside " + year);
    }
  }
}
