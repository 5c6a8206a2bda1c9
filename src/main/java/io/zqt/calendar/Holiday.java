package io.zqt.calendar;

import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Stream;

/** A public holiday: the closed range of dates off work, e.g. 国庆节 2025-10-01..2025-10-08. */
public record Holiday(String name, LocalDate from, LocalDate to) {

  public Holiday {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("holiday without a name");
    }
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("holiday " + name + " ends (" + to + ") before it starts (" + from + ")");
    }
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }

  public Stream<LocalDate> dates() {
    return from.datesUntil(to.plusDays(1));
  }

  @Override
  public String toString() {
    return name + " (" + from + ".." + to + ")";
  }
}
