package org.swarmmon.collector.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.swarmmon.collector.promql.EngineOptions;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.promql.Sample;
import org.swarmmon.collector.promql.parser.Expr;
import org.swarmmon.collector.promql.parser.PromqlParser;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * Runs rule unit tests in {@code promtool test rules} format: input series in expanding notation,
 * rules evaluated every {@code evaluation_interval} from time 0, firing alerts and PromQL results
 * compared at their {@code eval_time}. Prints as promtool does and returns its exit code (0 when
 * every file passes, 1 otherwise).
 */
public final class RuleTestRunner {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleTestRunner() {}

  public static int run(List<String> files, PrintStream out) {
    boolean failed = false;
    for (String f : files) {
      out.println("Unit Testing:  " + f);
      List<String> errors;
      try {
        errors = runFile(Path.of(f));
      } catch (Exception e) {
        errors = List.of("  " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
      if (errors.isEmpty()) {
        out.println("  SUCCESS");
      } else {
        failed = true;
        out.println("  FAILED:");
        errors.forEach(out::println);
      }
      out.println();
    }
    return failed ? 1 : 0;
  }

  static List<String> runFile(Path file) throws Exception {
    JsonNode root = YAML.readTree(Files.readString(file));
    Path dir = file.toAbsolutePath().getParent();
    List<String> ruleFiles = new ArrayList<>();
    for (JsonNode n : root.path("rule_files")) {
      Path p = Path.of(n.asText());
      ruleFiles.add(p.isAbsolute() ? p.toString() : dir.resolve(p).toString());
    }
    Duration evalInterval = duration(root.path("evaluation_interval"), Duration.ofMinutes(1));
    List<String> errors = new ArrayList<>();
    for (JsonNode test : root.path("tests")) {
      errors.addAll(runTest(test, ruleFiles, evalInterval));
    }
    return errors;
  }

  private static Duration duration(JsonNode n, Duration dflt) {
    return n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? dflt : PromDuration.parse(n.asText());
  }

  private static List<String> runTest(JsonNode test, List<String> ruleFiles, Duration evalInterval)
      throws RuleFileException {
    Duration interval = duration(test.path("interval"), Duration.ofMinutes(1));
    MemoryStorage storage = new MemoryStorage(MemoryStorage.OutOfOrder.DROP);
    for (JsonNode s : test.path("input_series")) {
      Labels labels = seriesLabels(s.path("series").asText());
      List<Double> values = expand(s.path("values").asText());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) != null) {
          storage.add(labels, interval.toMillis() * i, values.get(i));
        }
      }
    }
    Labels external = Labels.EMPTY;
    if (test.has("external_labels")) {
      Map<String, String> m = new TreeMap<>();
      test.get("external_labels").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
      external = Labels.of(m);
    }
    String externalUrl = test.path("external_url").asText("");
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), Clock.systemUTC());
    RuleGroup.Options opts = new RuleGroup.Options(storage, storage, RuleQuery.of(engine, storage),
        RuleGroup.NotifyFunc.NONE, new Rule.EvalContext(external, externalUrl), clock, Duration.ofMinutes(1),
        Duration.ofHours(1), Duration.ofMinutes(10), new RuleMetrics());
    List<RuleGroup> groups = RuleManager.loadGroups(ruleFiles, evalInterval, opts, false);

    Map<Long, List<JsonNode>> alertTests = new TreeMap<>();
    long maxt = 0;
    for (JsonNode a : test.path("alert_rule_test")) {
      long t = PromDuration.parse(a.path("eval_time").asText("0")).toMillis();
      alertTests.computeIfAbsent(t, k -> new ArrayList<>()).add(a);
      maxt = Math.max(maxt, t);
    }
    List<String> errors = new ArrayList<>();
    for (long ts = 0; ts <= maxt; ts += evalInterval.toMillis()) {
      for (RuleGroup g : groups) {
        g.eval(Instant.ofEpochMilli(ts));
      }
      for (JsonNode a : alertTests.getOrDefault(ts, List.of())) {
        checkAlerts(a, groups, errors);
      }
    }
    for (JsonNode q : test.path("promql_expr_test")) {
      checkExpr(q, engine, storage, errors);
    }
    return errors;
  }

  private static void checkAlerts(JsonNode a, List<RuleGroup> groups, List<String> errors) {
    String name = a.path("alertname").asText();
    List<String> got = new ArrayList<>();
    for (RuleGroup g : groups) {
      for (Rule r : g.rules()) {
        if (r instanceof AlertingRule ar && ar.name().equals(name)) {
          for (Alert al : ar.activeAlerts()) {
            if (al.state() == AlertState.FIRING) {
              got.add(describe(al.labels(), al.annotations()));
            }
          }
        }
      }
    }
    List<String> exp = new ArrayList<>();
    for (JsonNode e : a.path("exp_alerts")) {
      Map<String, String> l = new TreeMap<>();
      e.path("exp_labels").fields().forEachRemaining(x -> l.put(x.getKey(), x.getValue().asText()));
      l.put("alertname", name);
      Map<String, String> an = new TreeMap<>();
      e.path("exp_annotations").fields().forEachRemaining(x -> an.put(x.getKey(), x.getValue().asText()));
      exp.add(describe(Labels.of(l), Labels.of(an)));
    }
    got.sort(null);
    exp.sort(null);
    if (!got.equals(exp)) {
      errors.add("    alertname: " + name + ", time: " + a.path("eval_time").asText() + ", \n        exp:"
          + list(exp) + ", \n        got:" + list(got));
    }
  }

  private static String describe(Labels labels, Labels annotations) {
    return "Labels:" + labels + "\n              Annotations:" + annotations;
  }

  private static String list(List<String> items) {
    if (items.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < items.size(); i++) {
      sb.append("            ").append(i).append(":\n              ").append(items.get(i)).append('\n');
    }
    return sb.append("            ]").toString();
  }

  private static void checkExpr(JsonNode q, PromqlEngine engine, MemoryStorage storage, List<String> errors) {
    String expr = q.path("expr").asText();
    String evalTime = q.path("eval_time").asText("0");
    Instant t = Instant.ofEpochMilli(PromDuration.parse(evalTime).toMillis());
    List<String> got = new ArrayList<>();
    try {
      for (Sample s : RuleQuery.of(engine, storage).query(expr, t)) {
        got.add(s.metric() + " " + s.value());
      }
    } catch (RuntimeException e) {
      errors.add("    expr: \"" + expr + "\", time: " + evalTime + ", err: " + e.getMessage());
      return;
    }
    List<String> exp = new ArrayList<>();
    for (JsonNode s : q.path("exp_samples")) {
      Labels l = s.path("labels").asText("").isEmpty() ? Labels.EMPTY : seriesLabels(s.path("labels").asText());
      exp.add(l + " " + Double.parseDouble(s.path("value").asText()));
    }
    got.sort(null);
    exp.sort(null);
    if (!got.equals(exp)) {
      errors.add("    expr: \"" + expr + "\", time: " + evalTime + ",\n        exp: " + exp + "\n        got: " + got);
    }
  }

  /** The labels of {@code metric{a="b"}}, as promtool's ParseSeriesDesc reads them. */
  static Labels seriesLabels(String text) {
    Expr e = PromqlParser.parse(text);
    if (!(e instanceof Expr.VectorSelector vs)) {
      throw new IllegalArgumentException("invalid series: " + text);
    }
    Labels.Builder b = Labels.builder();
    for (Matcher m : vs.matchers()) {
      b.set(m.name(), m.value());
    }
    return b.build();
  }

  /** Expanding notation: {@code 1+2x3}, {@code 5-1x2}, {@code _x3}, {@code stale}, {@code 1 _ 3}. */
  static List<Double> expand(String text) {
    List<Double> out = new ArrayList<>();
    for (String tok : text.trim().split("\\s+")) {
      if (tok.isEmpty()) {
        continue;
      }
      if (tok.equals("_")) {
        out.add(null);
      } else if (tok.equals("stale")) {
        out.add(StaleNaN.VALUE);
      } else if (tok.startsWith("_x")) {
        int n = Integer.parseInt(tok.substring(2));
        for (int i = 0; i < n; i++) {
          out.add(null);
        }
      } else if (tok.contains("x")) {
        int x = tok.lastIndexOf('x');
        int n = Integer.parseInt(tok.substring(x + 1));
        String ab = tok.substring(0, x);
        int op = Math.max(ab.lastIndexOf('+'), ab.lastIndexOf('-'));
        while (op > 0 && (ab.charAt(op - 1) == 'e' || ab.charAt(op - 1) == 'E')) {
          op = Math.max(ab.lastIndexOf('+', op - 1), ab.lastIndexOf('-', op - 1));
        }
        double a;
        double d;
        if (op <= 0) {
          a = number(ab);
          d = 0;
        } else {
          a = number(ab.substring(0, op));
          d = number(ab.substring(op + 1)) * (ab.charAt(op) == '-' ? -1 : 1);
        }
        for (int i = 0; i <= n; i++) {
          out.add(a + d * i);
        }
      } else {
        out.add(number(tok));
      }
    }
    return out;
  }

  private static double number(String s) {
    return switch (s) {
      case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
