package io.zqt.dispatch;

import io.zqt.calendar.WorkingDayCalendar;
import io.zqt.cases.EngineClock;
import io.zqt.cases.Vars;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Turns the limits of the {@code handling-deadline} decision (variables {@code signForWorkingHours},
 * {@code handlingWorkingDays} and {@code extensionMaxWorkingDays}, set by the business rule task) into due dates on the
 * working-day calendar, counted from the engine's clock.
 */
@Component
public class Deadlines {

  private final WorkingDayCalendar calendar;

  public Deadlines(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  public Date signForDue(VariableScope scope) {
    return Date.from(calendar.addWorkingHours(EngineClock.now(), limit(scope, "signForWorkingHours")));
  }

  public Date handlingDue(VariableScope scope) {
    return Date.from(calendar.addWorkingDays(EngineClock.now(), limit(scope, "handlingWorkingDays")));
  }

  public Date extend(Date currentDue, int workingDays) {
    Instant from = currentDue == null ? EngineClock.now() : currentDue.toInstant();
    return Date.from(calendar.addWorkingDays(from, workingDays));
  }

  public int extensionMax(VariableScope scope) {
    return limit(scope, "extensionMaxWorkingDays");
  }

  static int limit(VariableScope scope, String name) {
    Integer limit = Vars.decisionOutput(scope, name, "deadlineRule", name);
    if (limit == null) {
      throw new IllegalStateException("Decision handling-deadline gave no " + name);
    }
    return limit;
  }
}
