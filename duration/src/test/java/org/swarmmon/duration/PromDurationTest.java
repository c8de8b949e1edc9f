package org.swarmmon.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PromDurationTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0", "0s, 0", "150ms, 150", "1m30s, 90000", "1h30m, 5400000", "1d, 86400000",
    "2w, 1209600000", "1y, 31536000000", "1y2w3d4h5m6s7ms, 33019506007", "90m, 5400000"
  })
  void parsesEveryUnitInOrder(String text, long millis) {
    assertThat(PromDuration.parseMillis(text)).isEqualTo(millis);
    assertThat(PromDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void refusesWithPrometheusTexts() {
    assertThatThrownBy(() -> PromDuration.parse("")).hasMessage("empty duration string");
    assertThatThrownBy(() -> PromDuration.parse("5")).hasMessage("not a valid duration string: \"5\"");
    assertThatThrownBy(() -> PromDuration.parse("1m1h")).hasMessage("not a valid duration string: \"1m1h\"");
    assertThatThrownBy(() -> PromDuration.parse("1.5h")).hasMessage("not a valid duration string: \"1.5h\"");
    assertThatThrownBy(() -> PromDuration.parse("-5m")).hasMessage("not a valid duration string: \"-5m\"");
    assertThatThrownBy(() -> PromDuration.parse("5x\n\"")).hasMessage("not a valid duration string: \"5x\\n\\\"\"");
    assertThatThrownBy(() -> PromDuration.parse("300y")).hasMessage("duration out of range");
    assertThatThrownBy(() -> PromDuration.parse("99999999999999999999s")).hasMessage("duration out of range");
    assertThat(PromDuration.parse("292y")).isEqualTo(Duration.ofDays(292 * 365));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s", "90000, 1m30s", "60000, 1m", "150, 150ms", "691200000, 8d", "1209600000, 2w",
    "34560000000, 400d", "31536000000, 1y", "32140800000, 372d", "90061001, 1d1h1m1s1ms"
  })
  void printsAsModelDurationString(long millis, String text) {
    assertThat(PromDuration.format(millis)).isEqualTo(text);
    assertThat(PromDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
  }
}
