package org.swarmmon.collector.rules;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleConsumer;

/**
 * The rule manager's self-metrics under Prometheus's names, kept as plain numbers per group key
 * ({@code file;name}) for the app layer to publish; the durations of rule and group evaluations go
 * to the observers the app layer gives (its summaries).
 */
public final class RuleMetrics {

  /** Per-group numbers. */
  public static final class Group {
    public final LongAdder evaluations = new LongAdder();
    public final LongAdder failures = new LongAdder();
    public final LongAdder iterationsScheduled = new LongAdder();
    public final LongAdder iterationsMissed = new LongAdder();
    public volatile double lastDurationSeconds;
    public volatile double intervalSeconds;
    public volatile int rules;
  }

  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  private final DoubleConsumer ruleSeconds;
  private final DoubleConsumer groupSeconds;

  /** Durations observed nowhere (the rule unit-test runner, tests). */
  public RuleMetrics() {
    this(seconds -> {}, seconds -> {});
  }

  /**
   * @param ruleSeconds each rule evaluation's duration (prometheus_rule_evaluation_duration_seconds)
   * @param groupSeconds each group evaluation's duration (prometheus_rule_group_duration_seconds)
   */
  public RuleMetrics(DoubleConsumer ruleSeconds, DoubleConsumer groupSeconds) {
    this.ruleSeconds = ruleSeconds;
    this.groupSeconds = groupSeconds;
  }

  public Group group(String key) {
    return groups.computeIfAbsent(key, k -> new Group());
  }

  void forget(String key) {
    groups.remove(key);
  }

  void ruleEvaluated(String key) {
    group(key).evaluations.increment();
  }

  void ruleFailed(String key) {
    group(key).failures.increment();
  }

  void ruleDuration(Duration d) {
    ruleSeconds.accept(d.toNanos() / 1e9);
  }

  void groupEvaluated(String key, Duration took, Duration interval, int rules) {
    Group g = group(key);
    g.lastDurationSeconds = took.toNanos() / 1e9;
    groupSeconds.accept(g.lastDurationSeconds);
    g.intervalSeconds = interval.toMillis() / 1000.0;
    g.rules = rules;
  }

  void iterations(String key, long scheduled, long missed) {
    Group g = group(key);
    g.iterationsScheduled.add(scheduled);
    g.iterationsMissed.add(missed);
  }
}
