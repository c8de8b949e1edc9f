package org.swarmmon.dockerdexporter.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCursorTest {

  private static EngineEvent event(long nanos, String action, String id) {
    return new EngineEvent("container", action, id, Map.of(), nanos);
  }

  @Test
  void aResumedStreamRepeatsNothingAndLosesNothingAtTheBoundary() {
    EventCursor cursor = new EventCursor(1_000);
    assertThat(cursor.admit(event(1_500, "create", "a"))).isTrue();
    assertThat(cursor.admit(event(2_000, "start", "a"))).isTrue();
    assertThat(cursor.admit(event(2_000, "start", "b"))).isTrue();
    assertThat(cursor.since()).isEqualTo("0.000002000");

    // the engine's since is inclusive: the resumed stream repeats the last instant
    assertThat(cursor.admit(event(2_000, "start", "a"))).isFalse();
    assertThat(cursor.admit(event(2_000, "start", "b"))).isFalse();
    // an event of the same instant not seen before still counts
    assertThat(cursor.admit(event(2_000, "die", "a"))).isTrue();
    assertThat(cursor.admit(event(1_500, "create", "a"))).isFalse();
    assertThat(cursor.admit(event(2_001, "die", "b"))).isTrue();
  }

  @Test
  void eventsBeforeTheStartAreNotCounted() {
    EventCursor cursor = new EventCursor(5_000_000_123L);
    assertThat(cursor.since()).isEqualTo("5.000000123");
    assertThat(cursor.admit(event(4_000_000_000L, "start", "a"))).isFalse();
  }

  @Test
  void countersCutTheActionDetailAndCountHealthChecks() {
    EventCounters counters = new EventCounters();
    counters.onEvent(event(1, "health_status: healthy", "a"));
    counters.onEvent(event(2, "health_status: unhealthy", "a"));
    counters.onEvent(event(3, "exec_start: sh -c true", "a"));
    assertThat(counters.count("container", "health_status")).isEqualTo(2);
    assertThat(counters.count("container", "exec_start")).isEqualTo(1);
    var names = counters.snapshots().stream().map(s -> s.getMetadata().getName()).toList();
    assertThat(names).contains("engine_daemon_health_checks", "engine_daemon_health_checks_failed");
  }
}
