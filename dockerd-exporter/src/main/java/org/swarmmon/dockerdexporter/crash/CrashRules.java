package org.swarmmon.dockerdexporter.crash;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.swarmmon.dockerdexporter.events.EngineEvent;

/**
 * Decides from the events stream which deaths are crashes: a non-zero exit that nobody asked for
 * (no {@code kill} event shortly before, as {@code docker stop}, {@code rm -f} and service updates
 * send), an OOM kill, or more than {@code maxRestarts} deaths of one container within {@code
 * restartWindow}. Time is the events' own, so the rules need no clock.
 *
 * <p>The engine's {@code oom} event usually comes just before the {@code die}, but now and then just
 * after it (containerd delivers the two independently, and Docker 20.10 then leaves {@code
 * State.OOMKilled} false for good). An {@code oom} that follows a death of the same container, before
 * it starts again, is kept for that death; {@link #oomKilledAfter} tells the reporter, which decides
 * only after its evidence delay.
 */
public final class CrashRules {

  /** How long after a {@code kill} event a death counts as asked for (docker stop waits 10s by default). */
  static final long KILL_GRACE_NANOS = Duration.ofMinutes(2).toNanos();
  static final long OOM_GRACE_NANOS = Duration.ofSeconds(30).toNanos();
  /** How long after a {@code die} an {@code oom} event still belongs to that death. */
  static final long LATE_OOM_NANOS = Duration.ofSeconds(5).toNanos();
  /** How long a late {@code oom} waits to be asked about before it is forgotten. */
  private static final long LATE_OOM_KEPT_NANOS = Duration.ofMinutes(2).toNanos();

  private final int maxRestarts;
  private final long windowNanos;
  private final Map<String, Long> killRequested = new HashMap<>();
  private final Map<String, Long> oomAt = new HashMap<>();
  private final Map<String, Long> lastDeath = new HashMap<>();
  private final Map<Death, Long> lateOom = new HashMap<>();
  private final Map<String, Deque<Long>> deathsByKey = new HashMap<>();

  public CrashRules(int maxRestarts, Duration restartWindow) {
    this.maxRestarts = maxRestarts;
    this.windowNanos = restartWindow.toNanos();
  }

  public synchronized Optional<Crash> onEvent(EngineEvent event) {
    if (!"container".equals(event.type())) {
      return Optional.empty();
    }
    String id = event.actorId();
    switch (event.actionVerb()) {
      case "kill" -> killRequested.put(id, event.timeNano());
      case "oom" -> onOom(id, event.timeNano());
      case "start" -> lastDeath.remove(id);
      case "destroy" -> {
        killRequested.remove(id);
        oomAt.remove(id);
        lastDeath.remove(id);
      }
      case "die" -> {
        return onDie(event);
      }
      default -> { }
    }
    return Optional.empty();
  }

  /**
   * Whether an {@code oom} event for this container came within {@link #LATE_OOM_NANOS} after its
   * death at {@code dieNano}. Answers once per death.
   */
  public synchronized boolean oomKilledAfter(String containerId, long dieNano) {
    return lateOom.remove(new Death(containerId, dieNano)) != null;
  }

  private void onOom(String id, long at) {
    Long died = lastDeath.get(id);
    if (died != null && at >= died && at - died <= LATE_OOM_NANOS) {
      lateOom.put(new Death(id, died), at);
    } else {
      oomAt.put(id, at);
    }
  }

  private Optional<Crash> onDie(EngineEvent event) {
    String id = event.actorId();
    long now = event.timeNano();
    lastDeath.put(id, now);
    lateOom.values().removeIf(at -> now - at > LATE_OOM_KEPT_NANOS);
    int exitCode = parseExitCode(event.attribute("exitCode"));
    Long oom = oomAt.remove(id);
    boolean oomKilled = oom != null && now - oom <= OOM_GRACE_NANOS;
    Long kill = killRequested.remove(id);
    boolean askedFor = kill != null && now - kill <= KILL_GRACE_NANOS;

    String key = ContainerIdentity.stableName(event.attributes());
    Deque<Long> deaths = deathsByKey.computeIfAbsent(key, k -> new ArrayDeque<>());
    deaths.addLast(now);
    pruneOlderThan(now - windowNanos);
    int deathsInWindow = deaths.size();

    CrashReason reason;
    if (oomKilled) {
      reason = CrashReason.OOM_KILLED;
    } else if (exitCode != 0 && !askedFor) {
      reason = CrashReason.EXIT_CODE;
    } else if (deathsInWindow > maxRestarts && !askedFor) {
      reason = CrashReason.RESTART_LOOP;
    } else {
      return Optional.empty();
    }
    return Optional.of(new Crash(id, key, reason, exitCode, deathsInWindow, now, event.attributes()));
  }

  private void pruneOlderThan(long limit) {
    Iterator<Map.Entry<String, Deque<Long>>> entries = deathsByKey.entrySet().iterator();
    while (entries.hasNext()) {
      Deque<Long> deaths = entries.next().getValue();
      while (!deaths.isEmpty() && deaths.peekFirst() < limit) {
        deaths.removeFirst();
      }
      if (deaths.isEmpty()) {
        entries.remove();
      }
    }
  }

  static int parseExitCode(String raw) {
    try {
      return raw == null || raw.isBlank() ? 0 : Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private record Death(String containerId, long dieNano) {}

  /** A death the rules call a crash, with what the event itself told. */
  public record Crash(String containerId, String stableName, CrashReason reason, int exitCode,
      int deathsInWindow, long timeNano, Map<String, String> eventAttributes) {}
}
