package io.zqt.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A case-number prefix bounds the intake time to the days it names, in the line's time zone, with a margin. */
class CaseSearchBoundsTest {

  static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

  static CaseSearch.Received bounds(String prefix) {
    return CaseSearch.receivedBounds(prefix, CITY).orElseThrow();
  }

  static OffsetDateTime utc(String text) {
    return OffsetDateTime.parse(text);
  }

  @Test
  void aWholeDayIsThatDayInTheCityWithAnHourEitherSide() {
    // 2026-11-26 00:00 in Beijing is 2026-11-25 16:00 UTC
    assertThat(bounds("ZQT-20261126")).isEqualTo(new CaseSearch.Received(utc("2026-11-25T15:00Z"),
        utc("2026-11-26T17:00Z")));
    assertThat(bounds("ZQT-20261126-0001")).isEqualTo(bounds("ZQT-20261126"));
    assertThat(bounds("ZQT-20261126-")).isEqualTo(bounds("ZQT-20261126"));
  }

  @Test
  void shorterPrefixesNameEveryDayTheyCanStartWith() {
    assertThat(bounds("ZQT-202611")).isEqualTo(new CaseSearch.Received(utc("2026-10-31T15:00Z"),
        utc("2026-11-30T17:00Z")));
    assertThat(bounds("ZQT-2026112").from()).isEqualTo(utc("2026-11-19T15:00Z"));
    assertThat(bounds("ZQT-2026112").before()).isEqualTo(utc("2026-11-29T17:00Z"));
    assertThat(bounds("ZQT-2026113").before()).as("the 30th is the last day of November")
        .isEqualTo(utc("2026-11-30T17:00Z"));
    assertThat(bounds("ZQT-202602").before()).isEqualTo(utc("2026-02-28T17:00Z"));
    assertThat(bounds("ZQT-20261")).isEqualTo(new CaseSearch.Received(utc("2026-09-30T15:00Z"),
        utc("2026-12-31T17:00Z")));
    assertThat(bounds("ZQT-2026")).isEqualTo(new CaseSearch.Received(utc("2025-12-31T15:00Z"),
        utc("2026-12-31T17:00Z")));
  }

  @Test
  void prefixesWithoutAYearOrNotShapedLikeANumberAreNotBounded() {
    assertThat(CaseSearch.receivedBounds("ZQT-", CITY)).isEmpty();
    assertThat(CaseSearch.receivedBounds("ZQT-202", CITY)).isEmpty();
    assertThat(CaseSearch.receivedBounds("ZQT-2026x", CITY)).isEmpty();
    assertThat(CaseSearch.receivedBounds("ZQT-202611261", CITY)).isEmpty();
    assertThat(CaseSearch.receivedBounds("20261126", CITY)).isEmpty();
  }
}
