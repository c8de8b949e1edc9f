package org.swarmmon.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Times and durations Go's strconv.ParseFloat takes and BigDecimal does not, read as Prometheus 2.42 on amd64 reads them. */
class ApiParamsGoFloatTest {

  @Test
  void floatTimesBeyondRangeOrNotANumber() {
    // Prometheus answers time() with these (0 and -9223372036.854 seconds)
    assertThat(ApiParams.parseTime("1e100").toEpochMilli()).isZero();
    assertThat(ApiParams.parseTime("-9.3e18").toEpochMilli()).isZero();
    assertThat(ApiParams.parseTime("NaN").toEpochMilli()).isEqualTo(-9223372036854L);
    assertThat(ApiParams.parseTime("inf").toEpochMilli()).isEqualTo(-9223372036854L);
    assertThat(ApiParams.parseTime("0x10p0").toEpochMilli()).isEqualTo(16_000L);
    assertThat(ApiParams.parseTime("1.5").toEpochMilli()).isEqualTo(1500L);
    // beyond float64: strconv.ErrRange, refused
    assertThatThrownBy(() -> ApiParams.parseTime("1e400")).hasMessage("cannot parse \"1e400\" to a valid timestamp");
  }

  @Test
  void zoneOffsetsBeyondJavasRange() {
    assertThat(ApiParams.parseTime("2020-01-01T00:00:00+25:00")).isEqualTo(java.time.Instant.parse("2019-12-30T23:00:00Z"));
    assertThat(ApiParams.parseTime("2020-01-01T00:00:00.5-19:30")).isEqualTo(java.time.Instant.parse("2020-01-01T19:30:00.5Z"));
  }

  @Test
  void floatDurationsAsPrometheusParseDuration() {
    assertThat(ApiParams.parseDuration("NaN")).isNegative();
    assertThat(ApiParams.parseDuration("1e-9")).isEqualTo(Duration.ofNanos(1));
    assertThatThrownBy(() -> ApiParams.parseDuration("Inf"))
        .hasMessage("cannot parse \"Inf\" to a valid duration. It overflows int64");
    assertThatThrownBy(() -> ApiParams.parseDuration("1e400")).hasMessage("cannot parse \"1e400\" to a valid duration");
  }
}
