package io.zqt.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The app's notion of "now": the engine's clock, so that tests that move the engine clock move the app too. */
public final class EngineClock {

  private EngineClock() {}

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public static OffsetDateTime nowUtc() {
    return OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
  }
}
