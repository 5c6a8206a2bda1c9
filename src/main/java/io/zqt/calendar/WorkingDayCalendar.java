package io.zqt.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

/**
 * Working days and deadlines after the official holiday schedules ({@code data/calendar/<year>.yaml}).
 *
 * <p>A day is a working day when it is a make-up working day (a Saturday or Sunday worked in exchange for a
 * holiday), or a Monday to Friday that is not a holiday. A year without a schedule file counts weekends only, and a
 * warning is logged once for it.
 *
 * <p>For Camunda expressions the deadline methods also take and return {@link Date}, e.g. {@code
 * ${workingDayCalendar.addWorkingHours(now(), signForWorkingHours)}}.
 */
@Component("workingDayCalendar")
public class WorkingDayCalendar {

  private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

  /** What the schedules say about one date. */
  private record DayRule(boolean working, String holidayName, String source) {}

  private final ZoneId zone;
  private final LocalTime officeStart;
  private final LocalTime officeEnd;
  private final Set<Integer> officialYears = new TreeSet<>();
  private final Map<LocalDate, DayRule> rules = new HashMap<>();
  private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

  /** The Spring bean: schedules from the classpath, zone and office hours from the configuration. */
  @Autowired
  public WorkingDayCalendar(
      CalendarProperties properties,
      @Value("${zqt.zone:Asia/Shanghai}") String zone,
      ResourceLoader resourceLoader) {
    this(
        HolidayScheduleLoader.loadAll(ResourcePatternUtils.getResourcePatternResolver(resourceLoader)),
        ZoneId.of(zone),
        properties.officeStart(),
        properties.officeEnd());
    log.info("Working-day calendar: official schedules for {}, zone {}, office hours {}-{}",
        officialYears, this.zone, officeStart, officeEnd);
  }

  public WorkingDayCalendar(
      Collection<HolidaySchedule> schedules, ZoneId zone, LocalTime officeStart, LocalTime officeEnd) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.officeStart = Objects.requireNonNull(officeStart, "officeStart");
    this.officeEnd = Objects.requireNonNull(officeEnd, "officeEnd");
    if (!officeStart.isBefore(officeEnd)) {
      throw new IllegalArgumentException("office start " + officeStart + " must be before office end " + officeEnd);
    }
    Map<Integer, String> sourceByYear = new HashMap<>();
    for (HolidaySchedule schedule : schedules) {
      String other = sourceByYear.putIfAbsent(schedule.year(), schedule.source());
      if (other != null) {
        throw new IllegalArgumentException(
            "two holiday schedules for " + schedule.year() + ": " + other + " and " + schedule.source());
      }
      officialYears.add(schedule.year());
      for (Holiday holiday : schedule.holidays()) {
        holiday.dates().forEach(day -> addRule(day, new DayRule(false, holiday.name(), schedule.source())));
      }
      for (LocalDate day : schedule.makeUpWorkingDays()) {
        addRule(day, new DayRule(true, null, schedule.source()));
      }
    }
  }

  private void addRule(LocalDate day, DayRule rule) {
    DayRule other = rules.putIfAbsent(day, rule);
    if (other != null) {
      throw new IllegalArgumentException(
          "holiday schedules " + other.source() + " and " + rule.source() + " both define " + day);
    }
  }

  public ZoneId zone() {
    return zone;
  }

  public LocalTime officeStart() {
    return officeStart;
  }

  public LocalTime officeEnd() {
    return officeEnd;
  }

  /** Whether a schedule file for this year was loaded (else the year counts weekends only). */
  public boolean hasOfficialSchedule(int year) {
    return officialYears.contains(year);
  }

  public boolean isWorkingDay(LocalDate date) {
    DayRule rule = rules.get(Objects.requireNonNull(date, "date"));
    if (rule != null) {
      return rule.working();
    }
    if (!officialYears.contains(date.getYear()) && warnedYears.add(date.getYear())) {
      log.warn("No holiday schedule {}{}.yaml: counting only weekends as days off in {}",
          HolidayScheduleLoader.FOLDER, date.getYear(), date.getYear());
    }
    return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The first working day strictly after {@code date}. */
  public LocalDate nextWorkingDay(LocalDate date) {
    LocalDate day = Objects.requireNonNull(date, "date").plusDays(1);
    while (!isWorkingDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /** The last working day strictly before {@code date}. */
  public LocalDate previousWorkingDay(LocalDate date) {
    LocalDate day = Objects.requireNonNull(date, "date").minusDays(1);
    while (!isWorkingDay(day)) {
      day = day.minusDays(1);
    }
    return day;
  }

  /**
   * The same local time {@code days} working days before {@code end}: e.g. the moment from which a task due at
   * {@code end} is due "within one working day". Friday 2025-10-10 17:00 minus 1 working day = Thursday 2025-10-09
   * 17:00; Thursday 2025-10-09 17:00 minus 1 = Tuesday 2025-09-30 17:00 (1–8 October are holidays).
   *
   * @throws IllegalArgumentException if days &lt; 0
   */
  public Instant subtractWorkingDays(Instant end, int days) {
    Objects.requireNonNull(end, "end");
    if (days < 0) {
      throw new IllegalArgumentException("working days must not be negative, got " + days);
    }
    LocalDateTime local = LocalDateTime.ofInstant(end, zone);
    LocalDate day = local.toLocalDate();
    for (int i = 0; i < days; i++) {
      day = previousWorkingDay(day);
    }
    return ZonedDateTime.of(day, local.toLocalTime(), zone).toInstant();
  }

  /** The name of the holiday on this date, e.g. 春节; empty on other days, make-up working days included. */
  public Optional<String> holidayName(LocalDate date) {
    return Optional.ofNullable(rules.get(Objects.requireNonNull(date, "date"))).map(DayRule::holidayName);
  }

  /**
   * The deadline "within {@code days} working days": office end of the {@code days}-th working day after
   * the start's local date; the day of intake does not count. With 0 days: office end of the start day if it is a
   * working day and the start is before office end, else office end of the next working day.
   *
   * <p>Example: Tuesday 2025-09-30 10:00 + 5 working days = Tuesday 2025-10-14 17:00 (1–8 October are 国庆节、中秋节,
   * Saturday 11 October is a make-up working day).
   *
   * @throws IllegalArgumentException if days &lt; 0
   */
  public Instant addWorkingDays(Instant start, int days) {
    Objects.requireNonNull(start, "start");
    if (days < 0) {
      throw new IllegalArgumentException("working days must not be negative, got " + days);
    }
    LocalDateTime local = LocalDateTime.ofInstant(start, zone);
    LocalDate day = local.toLocalDate();
    if (days == 0) {
      if (!isWorkingDay(day) || !local.toLocalTime().isBefore(officeEnd)) {
        day = nextWorkingDay(day);
      }
    } else {
      for (int i = 0; i < days; i++) {
        day = nextWorkingDay(day);
      }
    }
    return ZonedDateTime.of(day, officeEnd, zone).toInstant();
  }

  /**
   * Adds {@code hours} office hours: only the time between office start and office end on working days counts. A
   * start outside office hours or on a day off starts counting at the next office opening; a deadline that falls
   * exactly on office end stays on that day.
   *
   * <p>Example: Friday 2025-09-26 16:00 + 8 hours = Sunday 2025-09-28 16:00 (a make-up working day).
   *
   * @throws IllegalArgumentException if hours &lt; 0
   */
  public Instant addWorkingHours(Instant start, int hours) {
    Objects.requireNonNull(start, "start");
    if (hours < 0) {
      throw new IllegalArgumentException("working hours must not be negative, got " + hours);
    }
    LocalDateTime local = LocalDateTime.ofInstant(start, zone);
    LocalDate day = local.toLocalDate();
    LocalTime time = local.toLocalTime();
    if (!isWorkingDay(day) || !time.isBefore(officeEnd)) {
      day = nextWorkingDay(day);
      time = officeStart;
    } else if (time.isBefore(officeStart)) {
      time = officeStart;
    }
    Duration remaining = Duration.ofHours(hours);
    while (true) {
      Duration leftToday = Duration.between(time, officeEnd);
      if (remaining.compareTo(leftToday) <= 0) {
        return ZonedDateTime.of(day, time.plus(remaining), zone).toInstant();
      }
      remaining = remaining.minus(leftToday);
      day = nextWorkingDay(day);
      time = officeStart;
    }
  }

  /**
   * Working days in {@code (from, to]}: after {@code from}, up to and including {@code to}. Negative when {@code to}
   * is before {@code from} (then minus the working days in {@code (to, from]}), so that counts add up: between(a, b) +
   * between(b, c) = between(a, c).
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      return -workingDaysBetween(to, from);
    }
    int count = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }

  /** {@link #addWorkingDays(Instant, int)} for Camunda expressions and {@code Date} process variables. */
  public Date addWorkingDays(Date start, int days) {
    return Date.from(addWorkingDays(toInstant(start), days));
  }

  /** {@link #addWorkingHours(Instant, int)} for Camunda expressions and {@code Date} process variables. */
  public Date addWorkingHours(Date start, int hours) {
    return Date.from(addWorkingHours(toInstant(start), hours));
  }

  /** Also right for java.sql.Date, whose toInstant() throws. */
  private static Instant toInstant(Date date) {
    return Instant.ofEpochMilli(Objects.requireNonNull(date, "start").getTime());
  }
}
