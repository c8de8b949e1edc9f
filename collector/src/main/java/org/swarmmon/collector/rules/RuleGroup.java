package org.swarmmon.collector.rules;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.collector.promql.Sample;
import org.swarmmon.collector.storage.Appendable;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.SampleRejectedException;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * A rule group as Prometheus's rules.Group: its rules evaluated in order at one timestamp, results
 * appended to storage (stale markers for series a rule stopped returning), alerts handed to the
 * notifier, and the {@code for} state restored from {@code ALERTS_FOR_STATE} after a restart.
 */
public final class RuleGroup {

  private static final Logger LOG = Logger.getLogger(RuleGroup.class.getName());

  /** Receives the alerts that need sending after each alerting rule's evaluation. */
  @FunctionalInterface
  public interface NotifyFunc {
    void send(String expr, List<Alert> alerts);

    NotifyFunc NONE = (expr, alerts) -> { };
  }

  /** The options every group of a manager shares. */
  public record Options(Appendable appendable, Queryable queryable, RuleQuery query, NotifyFunc notifyFunc,
      Rule.EvalContext context, Clock clock, Duration resendDelay, Duration outageTolerance,
      Duration forGracePeriod, RuleMetrics metrics) {
    public Options withContext(Rule.EvalContext c) {
      return new Options(appendable, queryable, query, notifyFunc, c, clock, resendDelay, outageTolerance,
          forGracePeriod, metrics);
    }
  }

  private final String name;
  private final String file;
  private final Duration interval;
  private final int limit;
  private final List<Rule> rules;
  private final Options opts;
  private final List<Map<Labels, Labels>> seriesInPreviousEval;
  private volatile Instant lastEvaluation;
  private volatile Duration evaluationTime = Duration.ZERO;

  public RuleGroup(String name, String file, Duration interval, int limit, List<Rule> rules, Options opts) {
    this.name = name;
    this.file = file;
    this.interval = interval;
    this.limit = limit;
    this.rules = List.copyOf(rules);
    this.opts = opts;
    this.seriesInPreviousEval = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      seriesInPreviousEval.add(new HashMap<>());
    }
  }

  public String name() {
    return name;
  }

  public String file() {
    return file;
  }

  /** {@code file;name}, Prometheus's GroupKey (the rule_group label of its metrics). */
  public String key() {
    return file + ";" + name;
  }

  public Duration interval() {
    return interval;
  }

  public int limit() {
    return limit;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Instant lastEvaluation() {
    return lastEvaluation;
  }

  public Duration evaluationTime() {
    return evaluationTime;
  }

  /** labels.Hash of {file, name}: the group's slot within its interval. */
  long hash() {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (String part : new String[] {"file", file, "name", name}) {
      b.writeBytes(part.getBytes(StandardCharsets.UTF_8));
      b.write(0xff);
    }
    return XxHash64.hash(b.toByteArray());
  }

  /** Prometheus's EvalTimestamp: the latest consistently slotted time at or before {@code now}. */
  public Instant evalTimestamp(Instant now) {
    long intervalNs = interval.toNanos();
    long offset = Long.remainderUnsigned(hash(), intervalNs);
    long nowNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    long adj = nowNs - offset;
    long base = adj - (adj % intervalNs);
    long t = base + offset;
    return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
  }

  /** Evaluates every rule at {@code ts} (Prometheus's Group.Eval). */
  public void eval(Instant ts) {
    long started = System.nanoTime();
    for (int i = 0; i < rules.size(); i++) {
      evalRule(i, rules.get(i), ts);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    evaluationTime = took;
    lastEvaluation = opts.clock().instant();
    opts.metrics().groupEvaluated(key(), took, interval, rules.size());
  }

  private void evalRule(int i, Rule rule, Instant ts) {
    long t0 = System.nanoTime();
    Instant evaluatedAt = opts.clock().instant();
    opts.metrics().ruleEvaluated(key());
    List<Sample> vector;
    try {
      vector = rule.eval(ts, opts.query(), opts.context(), limit);
    } catch (RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      rule.setHealth(Rule.Health.ERR, msg);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      rule.setEvaluated(evaluatedAt, took);
      opts.metrics().ruleDuration(took); // a failed evaluation's duration counts too, as in Prometheus
      opts.metrics().ruleFailed(key());
      LOG.log(Level.WARNING, "Evaluating rule failed: group={0} rule={1} err={2}",
          new Object[] {name, rule.name(), msg});
      return;
    }
    rule.setHealth(Rule.Health.OK, null);
    if (rule instanceof AlertingRule ar) {
      List<Alert> toSend = ar.alertsToSend(ts, opts.resendDelay(), interval);
      if (!toSend.isEmpty()) {
        opts.notifyFunc().send(rule.query(), toSend);
      }
    }
    Map<Labels, Labels> returned = new HashMap<>();
    Appender app = opts.appendable().appender();
    try {
      for (Sample s : vector) {
        try {
          app.append(0, s.metric(), s.timestampMillis(), s.value());
          returned.put(s.metric(), s.metric());
        } catch (SampleRejectedException e) {
          rule.setHealth(Rule.Health.ERR, e.getMessage());
        }
      }
      for (Labels l : seriesInPreviousEval.get(i).keySet()) {
        if (!returned.containsKey(l)) {
          try {
            app.append(0, l, ts.toEpochMilli(), StaleNaN.VALUE);
          } catch (SampleRejectedException e) {
            // out of order or duplicate stale markers are expected after a restart
          }
        }
      }
      app.commit();
    } catch (RuntimeException e) {
      app.rollback();
      rule.setHealth(Rule.Health.ERR, e.getMessage());
    }
    seriesInPreviousEval.set(i, returned);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    rule.setEvaluated(evaluatedAt, took);
    opts.metrics().ruleDuration(took);
  }

  /** Writes stale markers for every series the group last wrote (the group is going away). */
  public void markStale(Instant now) {
    Appender app = opts.appendable().appender();
    for (Map<Labels, Labels> series : seriesInPreviousEval) {
      for (Labels l : series.keySet()) {
        try {
          app.append(0, l, now.toEpochMilli(), StaleNaN.VALUE);
        } catch (SampleRejectedException e) {
          // already newer data; nothing to mark
        }
      }
    }
    app.commit();
  }

  /** Takes over alert state and written series of the group with the same key being replaced. */
  public void copyStateFrom(RuleGroup old) {
    evaluationTime = old.evaluationTime;
    lastEvaluation = old.lastEvaluation;
    Map<String, List<Integer>> byName = new HashMap<>();
    for (int i = 0; i < old.rules.size(); i++) {
      byName.computeIfAbsent(old.rules.get(i).name(), k -> new ArrayList<>()).add(i);
    }
    for (int i = 0; i < rules.size(); i++) {
      List<Integer> idx = byName.get(rules.get(i).name());
      if (idx == null || idx.isEmpty()) {
        continue;
      }
      int oi = idx.remove(0);
      seriesInPreviousEval.set(i, old.seriesInPreviousEval.get(oi));
      if (rules.get(i) instanceof AlertingRule ar && old.rules.get(oi) instanceof AlertingRule oar) {
        ar.copyStateFrom(oar);
      }
    }
  }

  /** Prometheus's RestoreForState: shifts activeAt of alerts that were pending before a restart. */
  public void restoreForState(Instant ts) {
    long maxt = ts.toEpochMilli();
    long mint = ts.minus(opts.outageTolerance()).toEpochMilli();
    try (Querier q = opts.queryable().querier(mint, maxt)) {
      for (Rule rule : rules) {
        if (!(rule instanceof AlertingRule ar)) {
          continue;
        }
        Duration hold = ar.holdDuration();
        if (hold.compareTo(opts.forGracePeriod()) < 0) {
          ar.setRestored(true);
          continue;
        }
        ar.forEachActive(a -> restore(q, ar, a, ts, hold));
        ar.setRestored(true);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Failed to get Querier for restoring for-state: " + e.getMessage());
      rules.forEach(r -> {
        if (r instanceof AlertingRule ar) {
          ar.setRestored(true);
        }
      });
    }
  }

  private void restore(Querier q, AlertingRule ar, Alert a, Instant ts, Duration hold) {
    Labels series = ar.forStateSeries(a);
    List<Matcher> matchers = new ArrayList<>();
    series.forEach((k, v) -> matchers.add(Matcher.equal(k, v)));
    List<Series> found = q.select(matchers);
    if (found.isEmpty()) {
      return;
    }
    if (found.size() > 1) {
      LOG.warning("Failed to restore 'for' state: more than one series for " + series);
      return;
    }
    SampleIterator it = found.get(0).iterator();
    long t = 0;
    double v = Double.NaN;
    boolean any = false;
    while (it.next()) {
      t = it.timestamp();
      v = it.value();
      any = true;
    }
    if (!any || StaleNaN.is(v)) {
      return;
    }
    Instant downAt = Instant.ofEpochSecond(t / 1000);
    Instant restoredActiveAt = Instant.ofEpochSecond((long) v);
    Duration timeSpentPending = Duration.between(restoredActiveAt, downAt);
    Duration remaining = hold.minus(timeSpentPending);
    if (remaining.isNegative() || remaining.isZero()) {
      // it was firing when the collector went down; the next evaluation decides
    } else if (remaining.compareTo(opts.forGracePeriod()) < 0) {
      restoredActiveAt = ts.plus(opts.forGracePeriod()).minus(hold);
    } else {
      restoredActiveAt = restoredActiveAt.plus(Duration.between(downAt, ts));
    }
    a.activeAt = restoredActiveAt;
  }
}
