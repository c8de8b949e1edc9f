package org.swarmmon.exportertoolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesUpToTheMaximumAndStartsOverAfterSuccess() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(5));
    b.succeeded();
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusesAZeroStartOrAMaximumBelowIt() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
