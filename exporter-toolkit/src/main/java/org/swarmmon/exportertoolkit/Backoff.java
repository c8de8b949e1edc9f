package org.swarmmon.exportertoolkit;

import java.time.Duration;

/** Exponential backoff between retries of a dead dependency: doubles from {@code initial} up to {@code max}. */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private Duration next;

  public Backoff(Duration initial, Duration max) {
    if (initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
    }
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The wait before the next attempt after a failure; each failure doubles the following one. */
  public synchronized Duration failed() {
    Duration wait = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return wait;
  }

  /** After a success the next failure waits {@code initial} again. */
  public synchronized void succeeded() {
    next = initial;
  }
}
