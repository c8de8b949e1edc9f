package org.swarmmon.dockerdexporter.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.swarmmon.dockerdexporter.events.EngineEvent;

class CrashRulesTest {

  private static final long SECOND = 1_000_000_000L;
  private final CrashRules rules = new CrashRules(3, Duration.ofMinutes(1));

  private Optional<CrashRules.Crash> event(long seconds, String action, String id, String exitCode) {
    Map<String, String> attributes = new HashMap<>(Map.of("name", "web-" + id, "image", "busybox:1"));
    if (exitCode != null) {
      attributes.put("exitCode", exitCode);
    }
    return rules.onEvent(new EngineEvent("container", action, id, attributes, seconds * SECOND));
  }

  @Test
  void aNonZeroExitNobodyAskedForIsACrash() {
    Optional<CrashRules.Crash> crash = event(1, "die", "a", "3");
    assertThat(crash).get().satisfies(c -> {
      assertThat(c.reason()).isEqualTo(CrashReason.EXIT_CODE);
      assertThat(c.exitCode()).isEqualTo(3);
      assertThat(c.stableName()).isEqualTo("web-a");
    });
    assertThat(event(2, "die", "b", "0")).isEmpty();
  }

  @Test
  void aStopIsNotACrashButAnOomKillIs() {
    event(1, "kill", "a", null);
    assertThat(event(11, "die", "a", "137")).isEmpty();
    event(20, "oom", "b", null);
    assertThat(event(20, "die", "b", "137")).get()
        .extracting(CrashRules.Crash::reason).isEqualTo(CrashReason.OOM_KILLED);
  }

  @Test
  void anOomEventJustAfterTheDeathStillMarksThatDeath() {
    // the engine's order now and then: die, then oom 22 ms later
    assertThat(event(20, "die", "b", "137")).get()
        .extracting(CrashRules.Crash::reason).isEqualTo(CrashReason.EXIT_CODE);
    event(21, "oom", "b", null);
    assertThat(rules.oomKilledAfter("b", 20 * SECOND)).isTrue();
    assertThat(rules.oomKilledAfter("b", 20 * SECOND)).as("answered once").isFalse();
  }

  @Test
  void anOomAfterTheContainerStartedAgainBelongsToItsNextDeath() {
    event(20, "die", "b", "137");
    event(21, "start", "b", null);
    event(22, "oom", "b", null);
    assertThat(rules.oomKilledAfter("b", 20 * SECOND)).isFalse();
    assertThat(event(22, "die", "b", "137")).get()
        .extracting(CrashRules.Crash::reason).isEqualTo(CrashReason.OOM_KILLED);
  }

  @Test
  void anOomLongAfterTheDeathIsNotItsCause() {
    event(20, "die", "b", "137");
    event(40, "oom", "b", null);
    assertThat(rules.oomKilledAfter("b", 20 * SECOND)).isFalse();
  }

  @Test
  void moreThanMaxRestartsInTheWindowIsARestartLoop() {
    for (int i = 0; i < 3; i++) {
      assertThat(event(i, "die", "a", "0")).isEmpty();
    }
    assertThat(event(4, "die", "a", "0")).get()
        .extracting(CrashRules.Crash::reason).isEqualTo(CrashReason.RESTART_LOOP);
    // after the window the count starts over
    assertThat(event(200, "die", "a", "0")).isEmpty();
  }

  @Test
  void aSwarmTaskIsNamedByServiceAndSlot() {
    assertThat(ContainerIdentity.stableName(Map.of("name", "web.1.abc",
        ContainerIdentity.SWARM_TASK_NAME, "web.1.abc"))).isEqualTo("web.1");
  }

  @Test
  void secretsInLogLinesAreMasked() {
    LogRedactor redactor = LogRedactor.of(LogRedactor.DEFAULT_PATTERNS);
    assertThat(redactor.redact("login password=hunter2 ok")).isEqualTo("login password=[REDACTED] ok");
    assertThat(redactor.redact("GET https://bob:s3cret@example.org/")).isEqualTo("GET https://bob:[REDACTED]@example.org/");
    assertThat(redactor.redact("Authorization: Bearer abc.def")).isEqualTo("Authorization: Bearer [REDACTED]");
    assertThat(LogRedactor.of(java.util.List.of("tok-[0-9]+")).redact("a tok-123 b")).isEqualTo("a [REDACTED] b");
  }

  @Test
  void aBadPatternIsNamedByItsPosition() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogRedactor.of(java.util.List.of("ok", "(")))
        .hasMessageStartingWith("redact pattern 2 ((): Unclosed group");
  }

  @Test
  void theLogTailIsCutFromTheFrontAtALineStart() {
    String text = "first line\n" + "x".repeat(50) + "\nlast line";
    String cut = CrashAlerts.truncateTail(text, 40);
    assertThat(cut).startsWith("[... earlier lines cut]\n").endsWith("last line").hasSizeLessThanOrEqualTo(40);
  }
}
