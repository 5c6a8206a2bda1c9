package io.zqt.calendar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class HolidayScheduleLoaderTest {

  private static HolidaySchedule parse(String file, String yaml) {
    return HolidayScheduleLoader.parse(file, new ByteArrayInputStream(yaml.getBytes(UTF_8)));
  }

  @Test
  void everyShippedFileParses_andItsHolidaysAndMakeUpDaysNeverOverlap() {
    List<HolidaySchedule> schedules = HolidayScheduleLoader.loadAll(new PathMatchingResourcePatternResolver());

    Map<Integer, HolidaySchedule> byYear =
        schedules.stream().collect(Collectors.toMap(HolidaySchedule::year, s -> s));
    assertThat(byYear).containsOnlyKeys(2025, 2026);
    assertThat(byYear.get(2025).source()).isEqualTo("data/calendar/2025.yaml");
    for (HolidaySchedule schedule : schedules) {
      List<LocalDate> holidayDates = schedule.holidays().stream().flatMap(Holiday::dates).toList();
      assertThat(holidayDates).as(schedule.source()).doesNotHaveDuplicates();
      assertThat(holidayDates).as(schedule.source()).doesNotContainAnyElementsOf(schedule.makeUpWorkingDays());
      assertThat(schedule.makeUpWorkingDays()).as(schedule.source())
          .allMatch(d -> d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY);
    }
    // the notices: 2025 has 1+8+3+5+3+8 days off, 2026 has 3+9+3+5+3+3+7
    assertThat(byYear.get(2025).holidays().stream().flatMap(Holiday::dates).count()).isEqualTo(28);
    assertThat(byYear.get(2026).holidays().stream().flatMap(Holiday::dates).count()).isEqualTo(33);
    assertThat(byYear.get(2025).makeUpWorkingDays()).containsExactly(
        LocalDate.parse("2025-01-26"), LocalDate.parse("2025-02-08"), LocalDate.parse("2025-04-27"),
        LocalDate.parse("2025-09-28"), LocalDate.parse("2025-10-11"));
    assertThat(byYear.get(2026).makeUpWorkingDays()).containsExactly(
        LocalDate.parse("2026-01-04"), LocalDate.parse("2026-02-14"), LocalDate.parse("2026-02-28"),
        LocalDate.parse("2026-05-09"), LocalDate.parse("2026-09-20"), LocalDate.parse("2026-10-10"));
  }

  @Test
  void parsesAMinimalFile_withASingleDayHoliday_andADecemberDateOfTheYearBefore() {
    HolidaySchedule schedule = parse("data/calendar/2030.yaml", """
        year: 2030
        holidays:
          - { name: 元旦, from: 2029-12-30, to: 2030-01-01 }
          - { name: 清明节, from: 2030-04-05 }
        makeUpWorkingDays: [2029-12-29]
        """);
    assertThat(schedule.holidays()).containsExactly(
        new Holiday("元旦", LocalDate.parse("2029-12-30"), LocalDate.parse("2030-01-01")),
        new Holiday("清明节", LocalDate.parse("2030-04-05"), LocalDate.parse("2030-04-05")));
    assertThat(schedule.makeUpWorkingDays()).containsExactly(LocalDate.parse("2029-12-29"));
  }

  static Stream<Arguments> badFiles() {
    String holidays = "holidays:\n  - { name: 国庆节, from: 2030-10-01, to: 2030-10-07 }\n";
    return Stream.of(
        Arguments.of("year: 2030\n" + holidays + "makeUpWorkingDays: [2030-10-05]\n",
            "make-up working day 2030-10-05 lies inside holiday 国庆节 (2030-10-01..2030-10-07)"),
        Arguments.of("year: 2030\nholidays: [ { name: 元旦, from: 2030-01-01 }\n", "not valid YAML"),
        Arguments.of("year: 2030\n" + holidays + "makeupWorkingDays: [2030-09-29]\n", "unknown key 'makeupWorkingDays'"),
        Arguments.of("year: 2031\n" + holidays, "year: 2031 does not match the file name"),
        Arguments.of("year: 2030\n" + holidays + "makeUpWorkingDays: [2030-02-30]\n", "'2030-02-30' is not a date"),
        Arguments.of("year: 2030\n" + holidays + "makeUpWorkingDays: [2030-10-08]\n",
            "make-up working day 2030-10-08 is a TUESDAY, not a Saturday or Sunday"),
        Arguments.of("year: 2030\n" + holidays + "makeUpWorkingDays: [2029-09-29]\n", "is outside 2030"),
        Arguments.of("year: 2030\n" + holidays + "  - { name: 中秋节, from: 2030-10-07 }\n", "overlap"),
        Arguments.of("year: 2030\n" + holidays + "year: 2030\n", "duplicate key year"),
        Arguments.of("year: 2030\nholidays: []\n", "no holidays for 2030"),
        Arguments.of("", "the file is empty"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void aBadFileIsRejectedWithAMessageNamingIt(String yaml, String expectedProblem) {
    assertThatThrownBy(() -> parse("data/calendar/2030.yaml", yaml))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Invalid working-day calendar file data/calendar/2030.yaml: ")
        .hasMessageContaining(expectedProblem);
  }

  @Test
  void theFileNameMustBeTheYear() {
    assertThatThrownBy(() -> parse("data/calendar/holidays.yaml", "year: 2030\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("data/calendar/holidays.yaml")
        .hasMessageContaining("<year>.yaml");
  }
}
