package io.zqt.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.camunda.bpm.impl.juel.SimpleResolver;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Date overloads called from Camunda's expression language (its JUEL, which the engine uses for {@code ${...}}):
 * the overload is chosen by the argument's runtime type, and an integer literal or Integer variable fits {@code int}.
 */
class CamundaExpressionTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private final WorkingDayCalendar calendar = new WorkingDayCalendar(
      HolidayScheduleLoader.loadAll(new PathMatchingResourcePatternResolver()),
      SHANGHAI, LocalTime.of(9, 0), LocalTime.of(17, 0));

  private static Date at(String isoLocalDateTime) {
    return Date.from(LocalDateTime.parse(isoLocalDateTime).atZone(SHANGHAI).toInstant());
  }

  private Object evaluate(String expression, Date start, Integer amount) {
    ExpressionFactoryImpl factory = new ExpressionFactoryImpl();
    SimpleContext context = new SimpleContext(new SimpleResolver());
    context.setVariable("workingDayCalendar", factory.createValueExpression(calendar, WorkingDayCalendar.class));
    context.setVariable("start", factory.createValueExpression(start, Date.class));
    context.setVariable("amount", factory.createValueExpression(amount, Integer.class));
    return factory.createValueExpression(context, expression, Object.class).getValue(context);
  }

  @Test
  void addWorkingHoursWithADate() {
    assertThat(evaluate("${workingDayCalendar.addWorkingHours(start, 8)}", at("2025-09-26T16:00"), null))
        .isEqualTo(at("2025-09-28T16:00"));
  }

  @Test
  void addWorkingDaysWithADateAndAnIntegerVariable() {
    assertThat(evaluate("${workingDayCalendar.addWorkingDays(start, amount)}", at("2025-09-30T10:00"), 5))
        .isEqualTo(at("2025-10-14T17:00"));
  }
}
