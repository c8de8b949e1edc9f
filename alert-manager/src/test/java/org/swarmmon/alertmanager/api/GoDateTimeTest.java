package org.swarmmon.alertmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 3339 shortcut of {@link GoDateTime#parse} gives what strfmt's layouts give, instant or error. */
class GoDateTimeTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-11-22T11:00:00Z", "2026-11-22T11:00:00.1Z", "2026-11-22T11:00:00.123Z", "2026-11-22T11:00:00.123456Z",
      "2026-11-22T11:00:00.123456789Z", "2026-11-22T11:00:00.123456789123Z", "2026-11-22T11:00:00.000000Z",
      "2026-11-22T11:00:00+05:30", "2026-11-22T11:00:00.5-08:00", "2026-11-22T11:00:00-00:00",
      "2026-11-22T11:00:00+25:00", "2026-11-22T11:00:00.123+99:99", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
      "2026-04-31T00:00:00Z", "2026-00-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-00T00:00:00Z",
      "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00,5Z", "2026-01-01T00:00:00z",
      "2026-01-01t00:00:00Z", "2026-01-01T00:00:00Z ", "2026-01-01T00:00:00+0530", "2026-01-01T00:00:00+05:3",
      "2026-01-01T00:00:00", "2026-01-01T0:00:00Z", "2026-01-01 00:00:00Z", "+026-01-01T00:00:00Z",
      "2026-01-01T00:00:00.1a2Z", "2026-01-01T00:00:00.123456Z07:00"})
  void shortcutAgreesWithTheLayouts(String value) {
    assertEquals(outcome(() -> GoDateTime.parseLayouts(value)), outcome(() -> GoDateTime.parse(value)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-22T11:00:00.123456789Z", "2026-11-22T11:00:00+05:30", "2024-02-29T23:59:59.5-08:00"})
  void rfc3339IsReadAsJavaReadsIt(String value) {
    assertEquals(java.time.OffsetDateTime.parse(value).toInstant(), GoDateTime.parse(value));
  }

  private static String outcome(java.util.function.Supplier<Instant> parse) {
    try {
      return "instant " + parse.get();
    } catch (IllegalArgumentException e) {
      return "error " + e.getMessage();
    }
  }
}
