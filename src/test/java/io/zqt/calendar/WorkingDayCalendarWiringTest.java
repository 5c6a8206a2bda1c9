package io.zqt.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Spring wiring, in a minimal context (no @SpringBootTest, no engine). */
class WorkingDayCalendarWiringTest {

  @Configuration
  @EnableConfigurationProperties(CalendarProperties.class)
  @Import(WorkingDayCalendar.class)
  static class CalendarOnly {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(CalendarOnly.class);

  @Test
  void defaults() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(WorkingDayCalendar.class).hasBean("workingDayCalendar");
      WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);
      assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
      assertThat(calendar.officeStart()).isEqualTo(LocalTime.of(9, 0));
      assertThat(calendar.officeEnd()).isEqualTo(LocalTime.of(17, 0));
      assertThat(calendar.hasOfficialSchedule(2025)).isTrue();
      assertThat(calendar.hasOfficialSchedule(2026)).isTrue();
    });
  }

  @Test
  void zoneAndOfficeHoursFromProperties() {
    runner
        .withPropertyValues("zqt.zone=Asia/Urumqi", "zqt.calendar.office-start=08:30", "zqt.calendar.office-end=17:30")
        .run(context -> {
          WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);
          assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
          assertThat(calendar.officeStart()).isEqualTo(LocalTime.of(8, 30));
          assertThat(calendar.officeEnd()).isEqualTo(LocalTime.of(17, 30));
        });
  }

  @Test
  void officeStartAfterOfficeEndFailsTheStart() {
    runner
        .withPropertyValues("zqt.calendar.office-start=18:00")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("zqt.calendar.office-start (18:00) must be before"));
  }

  @Test
  void aBadDataFileFailsTheStart_namingTheFile(@TempDir Path classpathRoot) throws IOException {
    Path folder = Files.createDirectories(classpathRoot.resolve("data/calendar"));
    Files.writeString(folder.resolve("2030.yaml"), """
        year: 2030
        holidays:
          - { name: 国庆节, from: 2030-10-01, to: 2030-10-07 }
        makeUpWorkingDays: [2030-10-05]
        """);
    try (URLClassLoader classLoader =
        new URLClassLoader(new URL[] {classpathRoot.toUri().toURL()}, getClass().getClassLoader())) {
      // what the start-up log shows: the "Caused by" lines of the failure
      runner.withClassLoader(classLoader).run(context -> assertThat(context).hasFailed().getFailure()
          .hasStackTraceContaining("IllegalStateException: Invalid working-day calendar file data/calendar/2030.yaml: "
              + "make-up working day 2030-10-05 lies inside holiday 国庆节 (2030-10-01..2030-10-07)"));
    }
  }
}
