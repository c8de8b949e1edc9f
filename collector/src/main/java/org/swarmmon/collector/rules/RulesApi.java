package org.swarmmon.collector.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.swarmmon.gotemplate.GoStrconv;
import org.swarmmon.labels.Labels;

/** Rule groups and alerts in the JSON shape of Prometheus 2.42's /api/v1/rules and /api/v1/alerts. */
public final class RulesApi {

  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final Supplier<List<RuleGroup>> groups;

  public RulesApi(Supplier<List<RuleGroup>> groups) {
    this.groups = groups;
  }

  /** {@code type}: "alert", "record" or null for both. */
  public List<Map<String, Object>> groups(String type) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RuleGroup g : groups.get()) {
      List<Map<String, Object>> rules = new ArrayList<>();
      for (Rule r : g.rules()) {
        if (r instanceof AlertingRule ar && !"record".equals(type)) {
          rules.add(alertingRule(ar));
        } else if (r instanceof RecordingRule rr && !"alert".equals(type)) {
          rules.add(recordingRule(rr));
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("file", g.file());
      m.put("rules", rules);
      m.put("interval", seconds(g.interval()));
      m.put("limit", g.limit());
      m.put("evaluationTime", seconds(g.evaluationTime()));
      m.put("lastEvaluation", time(g.lastEvaluation()));
      out.add(m);
    }
    return out;
  }

  /** Pending and firing alerts of every rule. */
  public List<Map<String, Object>> alerts() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RuleGroup g : groups.get()) {
      for (Rule r : g.rules()) {
        if (r instanceof AlertingRule ar) {
          out.addAll(alerts(ar));
        }
      }
    }
    return out;
  }

  private static List<Map<String, Object>> alerts(AlertingRule ar) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : ar.activeAlerts()) {
      if (a.state() == AlertState.INACTIVE) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("labels", map(a.labels()));
      m.put("annotations", map(a.annotations()));
      m.put("state", a.state().toString());
      m.put("activeAt", time(a.activeAt()));
      m.put("value", goExponent(a.value()));
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> alertingRule(AlertingRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", r.state().toString());
    m.put("name", r.name());
    m.put("query", r.query());
    m.put("duration", seconds(r.holdDuration()));
    m.put("keepFiringFor", seconds(r.keepFiringFor()));
    m.put("labels", map(r.labels()));
    m.put("annotations", map(r.annotations()));
    m.put("alerts", alerts(r));
    common(r, m);
    m.put("type", "alerting");
    return m;
  }

  private static Map<String, Object> recordingRule(RecordingRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("query", r.query());
    m.put("labels", map(r.labels()));
    common(r, m);
    m.put("type", "recording");
    return m;
  }

  private static void common(Rule r, Map<String, Object> m) {
    m.put("health", r.health().toString());
    if (!r.lastError().isEmpty()) {
      m.put("lastError", r.lastError());
    }
    m.put("evaluationTime", seconds(r.evaluationTime()));
    m.put("lastEvaluation", time(r.lastEvaluation()));
  }

  private static Map<String, String> map(Labels l) {
    return new LinkedHashMap<>(l.toMap());
  }

  private static double seconds(Duration d) {
    return d == null ? 0 : d.toNanos() / 1e9;
  }

  private static String time(Instant t) {
    return t == null ? ZERO_TIME : DateTimeFormatter.ISO_INSTANT.format(t);
  }

  /** strconv.FormatFloat(v, 'e', -1, 64), e.g. {@code 8.5e+01}. */
  static String goExponent(double v) {
    return GoStrconv.formatFloat(v, 'e', -1);
  }
}
