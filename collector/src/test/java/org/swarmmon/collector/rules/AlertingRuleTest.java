package org.swarmmon.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.promql.EngineOptions;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.promql.parser.PromqlParser;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/** Alert state transitions, ALERTS series, resends and for-state restore, on a fixed clock. */
class AlertingRuleTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MemoryStorage storage = new MemoryStorage();
  private final List<List<Alert>> notified = new ArrayList<>();

  private RuleGroup group(Rule rule, Duration interval) {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), clock);
    RuleGroup.Options opts = new RuleGroup.Options(storage, storage, RuleQuery.of(engine, storage),
        (expr, alerts) -> notified.add(alerts), new Rule.EvalContext(Labels.of("monitor", "m"), "http://x:9090"),
        clock, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(10), new RuleMetrics());
    return new RuleGroup("g", "f.yml", interval, 0, List.of(rule), opts);
  }

  private void cpu(Instant t, double v) {
    storage.add(Labels.of("__name__", "cpu", "instance", "a"), t.toEpochMilli(), v);
  }

  private AlertingRule rule(Duration hold, Duration keep) {
    return new AlertingRule("HighCpu", PromqlParser.parse("cpu > 80"), hold, keep,
        Labels.of("severity", "warning", "who", "{{ $labels.instance }}"),
        Labels.of("summary", "CPU {{ humanize $value }}% on {{ $labels.instance }} ({{ $externalLabels.monitor }})"),
        true);
  }

  @Test
  void pendingThenFiringThenResolved() {
    AlertingRule r = rule(Duration.ofMinutes(2), Duration.ZERO);
    RuleGroup g = group(r, Duration.ofMinutes(1));
    for (int i = 0; i <= 10; i++) {
      cpu(T0.plusSeconds(60L * i), i >= 1 && i <= 5 ? 90.5 : 10);
    }
    g.eval(T0);
    assertThat(r.activeAlerts()).isEmpty();
    g.eval(T0.plusSeconds(60));
    assertThat(r.activeAlerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.PENDING);
      assertThat((Object) a.labels()).isEqualTo(Labels.of("alertname", "HighCpu", "instance", "a", "severity", "warning",
          "who", "a"));
      assertThat(a.annotations().get("summary")).isEqualTo("CPU 90.5% on a (m)");
    });
    assertThat(notified).isEmpty();
    g.eval(T0.plusSeconds(120));
    assertThat(r.state()).isEqualTo(AlertState.PENDING);
    g.eval(T0.plusSeconds(180));
    assertThat(r.state()).isEqualTo(AlertState.FIRING);
    assertThat(notified).hasSize(1);
    Alert sent = notified.get(0).get(0);
    assertThat(sent.firedAt()).isEqualTo(T0.plusSeconds(180));
    assertThat(sent.validUntil()).isEqualTo(T0.plusSeconds(180 + 4 * 60));
    // resend only when the last send is older than the resend delay (1m): 240 is not after 180+60
    g.eval(T0.plusSeconds(240));
    assertThat(notified).hasSize(1);
    g.eval(T0.plusSeconds(300));
    assertThat(notified).hasSize(2);
    g.eval(T0.plusSeconds(360));
    assertThat(r.activeAlerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.INACTIVE);
      assertThat(a.resolvedAt()).isEqualTo(T0.plusSeconds(360));
    });
    assertThat(notified).hasSize(3);
    assertThat(notified.get(2).get(0).resolvedAt()).isEqualTo(T0.plusSeconds(360));
    assertThat(r.state()).isEqualTo(AlertState.INACTIVE);

    // ALERTS: pending at 60,120; firing at 180..300; stale marker at 360
    List<double[]> alerts = samples(Labels.of("__name__", "ALERTS", "alertname", "HighCpu", "alertstate", "firing",
        "instance", "a", "severity", "warning", "who", "a"));
    assertThat(alerts).extracting(s -> (long) s[0]).containsExactly(
        T0.plusSeconds(180).toEpochMilli(), T0.plusSeconds(240).toEpochMilli(), T0.plusSeconds(300).toEpochMilli(),
        T0.plusSeconds(360).toEpochMilli());
    assertThat(StaleNaN.is(alerts.get(3)[1])).isTrue();
    List<double[]> forState = samples(Labels.of("__name__", "ALERTS_FOR_STATE", "alertname", "HighCpu",
        "instance", "a", "severity", "warning", "who", "a"));
    assertThat(forState.get(0)[1]).isEqualTo((double) T0.plusSeconds(60).getEpochSecond());
  }

  @Test
  void keepFiringFor() {
    AlertingRule r = rule(Duration.ZERO, Duration.ofMinutes(2));
    RuleGroup g = group(r, Duration.ofMinutes(1));
    cpu(T0, 90);
    cpu(T0.plusSeconds(60), 10);
    cpu(T0.plusSeconds(120), 10);
    cpu(T0.plusSeconds(180), 10);
    g.eval(T0);
    assertThat(r.state()).isEqualTo(AlertState.FIRING);
    g.eval(T0.plusSeconds(60));
    assertThat(r.state()).isEqualTo(AlertState.FIRING);
    assertThat(r.activeAlerts().get(0).keepFiringSince()).isEqualTo(T0.plusSeconds(60));
    g.eval(T0.plusSeconds(120));
    assertThat(r.state()).isEqualTo(AlertState.FIRING);
    g.eval(T0.plusSeconds(180));
    assertThat(r.state()).isEqualTo(AlertState.INACTIVE);
  }

  @Test
  void templateErrorIsReportedInTheAlert() {
    AlertingRule r = new AlertingRule("Bad", PromqlParser.parse("cpu > 0"), Duration.ZERO, Duration.ZERO,
        Labels.EMPTY, Labels.of("summary", "{{ humanize \"x\" }}"), true);
    RuleGroup g = group(r, Duration.ofMinutes(1));
    cpu(T0, 1);
    g.eval(T0);
    assertThat(r.health()).isEqualTo(Rule.Health.OK);
    assertThat(r.activeAlerts().get(0).annotations().get("summary"))
        .startsWith("<error expanding template: error executing template __alert_Bad: template: __alert_Bad:1:")
        .contains("error calling humanize")
        .endsWith(">");
  }

  @Test
  void failingQueryMakesTheRuleUnhealthy() {
    RecordingRule r = new RecordingRule("job:x", PromqlParser.parse("\"text\""), Labels.EMPTY);
    RuleGroup g = group(r, Duration.ofMinutes(1));
    g.eval(T0);
    assertThat(r.health()).isEqualTo(Rule.Health.ERR);
    assertThat(r.lastError()).isEqualTo("rule result is not a vector or scalar");
  }

  @Test
  void restoresForStateAfterRestart() {
    Duration hold = Duration.ofMinutes(30);
    // before the restart: pending since T0, last written at T0+10m
    for (int i = 0; i <= 10; i++) {
      storage.add(Labels.of("__name__", "ALERTS_FOR_STATE", "alertname", "HighCpu", "instance", "a",
          "severity", "warning", "who", "a"), T0.plusSeconds(60L * i).toEpochMilli(), T0.getEpochSecond());
    }
    AlertingRule r = new AlertingRule("HighCpu", PromqlParser.parse("cpu > 80"), hold, Duration.ZERO,
        Labels.of("severity", "warning", "who", "{{ $labels.instance }}"), Labels.EMPTY, false);
    RuleGroup g = group(r, Duration.ofMinutes(1));
    Instant restart = T0.plusSeconds(15 * 60);
    cpu(restart, 90);
    g.eval(restart);
    g.restoreForState(restart);
    // 10m spent pending, 20m remain (more than the 10m grace): activeAt moves by the 5m downtime
    assertThat(r.activeAlerts().get(0).activeAt()).isEqualTo(T0.plusSeconds(5 * 60));
  }

  @Test
  void evalTimestampIsSlottedByGroupHash() {
    RuleGroup g = group(rule(Duration.ZERO, Duration.ZERO), Duration.ofSeconds(15));
    Instant a = g.evalTimestamp(Instant.parse("2026-01-01T00:00:07Z"));
    Instant b = g.evalTimestamp(Instant.parse("2026-01-01T00:00:22Z"));
    assertThat(Duration.between(a, b)).isEqualTo(Duration.ofSeconds(15));
    assertThat(a).isBeforeOrEqualTo(Instant.parse("2026-01-01T00:00:07Z"));
    assertThat(RuleManager.missedIterations(T0, T0.plusSeconds(15), Duration.ofSeconds(15))).isZero();
    assertThat(RuleManager.missedIterations(T0, T0.plusSeconds(46), Duration.ofSeconds(15))).isEqualTo(2);
  }

  @Test
  void xxhashMatchesReferenceVectors() {
    assertThat(Long.toHexString(XxHash64.hash(new byte[0]))).isEqualTo("ef46db3751d8e999");
    assertThat(Long.toHexString(XxHash64.hash("abc".getBytes()))).isEqualTo("44bc2cf5ad770999");
  }

  private List<double[]> samples(Labels series) {
    List<double[]> out = new ArrayList<>();
    List<Matcher> m = new ArrayList<>();
    series.forEach((k, v) -> m.add(Matcher.equal(k, v)));
    try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      for (Series s : q.select(m)) {
        if (!s.labels().equals(series)) {
          continue;
        }
        SampleIterator it = s.iterator();
        while (it.next()) {
          out.add(new double[] {it.timestamp(), it.value()});
        }
      }
    }
    return out;
  }
}
