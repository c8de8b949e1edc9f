package org.swarmmon.collector.promql.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.swarmmon.collector.promql.EngineOptions;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.promql.QueryResult;
import org.swarmmon.collector.promql.Sample;
import org.swarmmon.collector.promql.Series;
import org.swarmmon.collector.promql.Value;
import org.swarmmon.collector.promql.parser.GoFloats;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;

/**
 * Prometheus's PromQL test script format: {@code load}, {@code clear}, {@code eval instant at},
 * {@code eval_ordered}, {@code eval_fail}. Each command runs in order against one storage.
 */
public final class PromqlScript {

  private static final Pattern EVAL = Pattern.compile("^eval(?:_(fail|ordered))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
  private static final Pattern LOAD = Pattern.compile("^load\\s+(.+)$");

  /** One command: a load, clear or eval, at a 1-based line. */
  public record Command(int line, String text, Runnable action, boolean isEval) {}

  private final MemoryStorage storage = new MemoryStorage();
  private final PromqlEngine engine = new PromqlEngine(EngineOptions.defaults()
      .withTimeout(Duration.ofSeconds(100)).withMaxSamples(Integer.MAX_VALUE), Clock.system(ZoneOffset.UTC));

  public static List<Command> parse(String content) {
    PromqlScript script = new PromqlScript();
    String[] raw = content.split("\n", -1);
    String[] lines = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      String l = raw[i].trim();
      lines[i] = l.startsWith("#") ? "" : l;
    }
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isEmpty()) {
        continue;
      }
      int lineNo = i + 1;
      if (l.equals("clear")) {
        commands.add(new Command(lineNo, l, script.storage::clear, false));
        continue;
      }
      Matcher load = LOAD.matcher(l);
      if (load.matches()) {
        long gap = PromDuration.parseMillis(load.group(1).trim());
        List<SeriesDescription> defs = new ArrayList<>();
        while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
          defs.add(SeriesDescription.parse(lines[++i]));
        }
        commands.add(new Command(lineNo, l, () -> script.load(gap, defs), false));
        continue;
      }
      Matcher eval = EVAL.matcher(l);
      if (eval.matches()) {
        String mod = eval.group(1);
        long at = PromDuration.parseMillis(eval.group(2).trim());
        String expr = eval.group(3);
        List<Expected> expected = new ArrayList<>();
        Double scalar = null;
        while (i + 1 < lines.length && !lines[i + 1].isEmpty()) {
          String def = lines[++i];
          try {
            scalar = GoFloats.parse(def);
            continue;
          } catch (NumberFormatException notScalar) {
            // a series line
          }
          SeriesDescription d = SeriesDescription.parse(def);
          expected.add(new Expected(d.labels(), d.values().get(0), expected.size() + 1));
        }
        Double expectedScalar = scalar;
        boolean fail = "fail".equals(mod);
        boolean ordered = "ordered".equals(mod);
        commands.add(new Command(lineNo, l,
            () -> script.eval(expr, at, fail, ordered, expected, expectedScalar), true));
        continue;
      }
      throw new IllegalArgumentException("line " + lineNo + ": invalid command " + l);
    }
    return commands;
  }

  record Expected(Labels labels, double value, int pos) {}

  private void load(long gap, List<SeriesDescription> defs) {
    for (SeriesDescription d : defs) {
      for (int k = 0; k < d.values().size(); k++) {
        Double v = d.values().get(k);
        if (v != null) {
          storage.add(d.labels(), gap * k, v);
        }
      }
    }
  }

  private void eval(String expr, long at, boolean fail, boolean ordered, List<Expected> expected, Double scalar) {
    evalOne(expr, at, fail, ordered, expected, scalar);
    List<AtModifierCases.Case> cases;
    try {
      cases = AtModifierCases.of(expr, at);
    } catch (RuntimeException e) {
      if (fail) {
        return;
      }
      throw e;
    }
    for (AtModifierCases.Case c : cases) {
      try {
        evalOne(c.expr(), c.evalTime(), fail, ordered, expected, scalar);
      } catch (AssertionError e) {
        throw new AssertionError("with @ modifier: " + c.expr() + " at " + c.evalTime() + ": " + e.getMessage(), e);
      }
    }
  }

  private void evalOne(String expr, long at, boolean fail, boolean ordered, List<Expected> expected,
      Double scalar) {
    QueryResult res;
    try {
      res = engine.instantQuery(storage, expr, Instant.ofEpochMilli(at));
    } catch (RuntimeException e) {
      if (fail) {
        return;
      }
      throw new AssertionError("error evaluating query " + expr + ": " + e.getMessage(), e);
    }
    if (fail) {
      throw new AssertionError("expected error evaluating query " + expr + " but got none");
    }
    compare(res.value(), ordered, expected, scalar, "");
    QueryResult range;
    try {
      range = engine.rangeQuery(storage, expr, Instant.ofEpochMilli(at - 60000), Instant.ofEpochMilli(at + 60000),
          Duration.ofMinutes(1));
    } catch (RuntimeException e) {
      throw new AssertionError("error from range query " + expr + ": " + e.getMessage(), e);
    }
    if (ordered) {
      return;
    }
    List<Sample> vec = new ArrayList<>();
    for (Series s : ((Value.Matrix) range.value()).series()) {
      for (int i = 0; i < s.size(); i++) {
        if (s.timestamps()[i] == at) {
          vec.add(new Sample(s.metric(), at, s.values()[i]));
          break;
        }
      }
    }
    if (res.value() instanceof Value.Scalar) {
      compare(new Value.Scalar(at, vec.get(0).value()), false, expected, scalar, " (range mode)");
    } else {
      compare(new Value.Vector(vec), false, expected, scalar, " (range mode)");
    }
  }

  private static void compare(Value value, boolean ordered, List<Expected> expected, Double scalar, String mode) {
    if (value instanceof Value.Scalar s) {
      if (scalar == null) {
        throw new AssertionError("unexpected scalar result " + s.value() + mode);
      }
      if (!almostEqual(scalar, s.value())) {
        throw new AssertionError("expected scalar " + scalar + " but got " + s.value() + mode);
      }
      return;
    }
    if (!(value instanceof Value.Vector v)) {
      throw new AssertionError("unexpected result type " + value.type() + mode);
    }
    Map<Labels, Expected> byLabels = new HashMap<>();
    for (Expected e : expected) {
      byLabels.put(e.labels(), e);
    }
    int pos = 0;
    java.util.Set<Labels> seen = new java.util.HashSet<>();
    for (Sample s : v.samples()) {
      pos++;
      Expected e = byLabels.get(s.metric());
      if (e == null) {
        throw new AssertionError("unexpected metric " + s.metric() + " in result" + mode + "; got " + v.samples());
      }
      if (ordered && e.pos() != pos) {
        throw new AssertionError("expected metric " + s.metric() + " at position " + e.pos() + " but was at " + pos);
      }
      if (!almostEqual(e.value(), s.value())) {
        throw new AssertionError("expected " + e.value() + " for " + s.metric() + " but got " + s.value() + mode);
      }
      seen.add(s.metric());
    }
    for (Expected e : expected) {
      if (!seen.contains(e.labels())) {
        throw new AssertionError("expected metric " + e.labels() + " with " + e.value() + " not found" + mode
            + "; got " + v.samples());
      }
    }
  }

  static boolean almostEqual(double a, double b) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double minNormal = Double.MIN_NORMAL;
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || diff < minNormal) {
      return diff < 1e-6 * minNormal;
    }
    return diff / (Math.abs(a) + Math.abs(b)) < 1e-6;
  }
}
