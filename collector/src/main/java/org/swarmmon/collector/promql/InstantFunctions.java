package org.swarmmon.collector.promql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.swarmmon.collector.promql.parser.Expr;
import org.swarmmon.collector.promql.parser.Expr.Call;
import org.swarmmon.collector.promql.parser.Expr.MatrixSelector;
import org.swarmmon.collector.promql.parser.Expr.ParenExpr;
import org.swarmmon.collector.promql.parser.Expr.StringLiteral;
import org.swarmmon.collector.promql.parser.Expr.VectorSelector;
import org.swarmmon.labels.GoRegexp;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/** Functions over instant vectors and scalars, evaluated step by step. */
final class InstantFunctions {

  private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

  /** Per-call state kept across steps (compiled regular expression, label cache). */
  static final class State {
    com.google.re2j.Pattern regex;
    Map<Labels, Labels> cache;
    final java.util.IdentityHashMap<Labels, Labels> withoutName = new java.util.IdentityHashMap<>();

    /** The labels without the metric name, cached per series across steps. */
    Labels dropName(Labels l) {
      Labels d = withoutName.get(l);
      if (d == null) {
        d = l.withoutMetricName();
        withoutName.put(l, d);
      }
      return d;
    }
  }

  private InstantFunctions() {}

  static List<Sample> call(Call c, List<Sample>[] v, long ts, State state) {
    String name = c.function().name();
    List<Expr> args = c.args();
    return switch (name) {
      case "abs" -> simple(v[0], state, Math::abs);
      case "ceil" -> simple(v[0], state, Math::ceil);
      case "floor" -> simple(v[0], state, Math::floor);
      case "exp" -> simple(v[0], state, Math::exp);
      case "sqrt" -> simple(v[0], state, Math::sqrt);
      case "ln" -> simple(v[0], state, Math::log);
      case "log2" -> simple(v[0], state, GoMath::log2);
      case "log10" -> simple(v[0], state, Math::log10);
      case "sin" -> simple(v[0], state, Math::sin);
      case "cos" -> simple(v[0], state, Math::cos);
      case "tan" -> simple(v[0], state, Math::tan);
      case "asin" -> simple(v[0], state, Math::asin);
      case "acos" -> simple(v[0], state, Math::acos);
      case "atan" -> simple(v[0], state, Math::atan);
      case "sinh" -> simple(v[0], state, Math::sinh);
      case "cosh" -> simple(v[0], state, Math::cosh);
      case "tanh" -> simple(v[0], state, Math::tanh);
      case "asinh" -> simple(v[0], state, GoMath::asinh);
      case "acosh" -> simple(v[0], state, GoMath::acosh);
      case "atanh" -> simple(v[0], state, GoMath::atanh);
      case "deg" -> simple(v[0], state, x -> x * 180 / Math.PI);
      case "rad" -> simple(v[0], state, x -> x * Math.PI / 180);
      case "sgn" -> simple(v[0], state, x -> x < 0 ? -1 : x > 0 ? 1 : x);
      case "round" -> {
        double toNearest = args.size() >= 2 ? v[1].get(0).value() : 1;
        double inverse = 1.0 / toNearest;
        yield simple(v[0], state, x -> Math.floor(x * inverse + 0.5) / inverse);
      }
      case "clamp" -> clamp(v[0], state, v[1].get(0).value(), v[2].get(0).value());
      case "clamp_max" -> clamp(v[0], state, Double.NEGATIVE_INFINITY, v[1].get(0).value());
      case "clamp_min" -> clamp(v[0], state, v[1].get(0).value(), Double.POSITIVE_INFINITY);
      case "pi" -> scalar(Math.PI);
      case "time" -> scalar(ts / 1000.0);
      case "scalar" -> scalar(v[0].size() != 1 ? Double.NaN : v[0].get(0).value());
      case "vector" -> List.of(new Sample(Labels.EMPTY, ts, v[0].get(0).value()));
      case "timestamp" -> {
        List<Sample> out = new ArrayList<>(v[0].size());
        for (Sample s : v[0]) {
          out.add(new Sample(state.dropName(s.metric()), ts, s.timestampMillis() / 1000.0));
        }
        yield out;
      }
      case "absent" -> v[0].isEmpty() ? List.of(new Sample(absentLabels(args.get(0)), ts, 1)) : List.of();
      case "sort" -> sorted(v[0], false);
      case "sort_desc" -> sorted(v[0], true);
      case "histogram_quantile" -> BucketQuantile.histogramQuantile(v[0].get(0).value(), v[1]);
      case "histogram_count", "histogram_sum", "histogram_fraction" -> List.of();
      case "label_replace" -> labelReplace(v[0], args, state);
      case "label_join" -> labelJoin(v[0], args);
      case "days_in_month" -> date(v, state, ts, t -> t.toLocalDate().lengthOfMonth());
      case "day_of_month" -> date(v, state, ts, ZonedDateTime::getDayOfMonth);
      case "day_of_week" -> date(v, state, ts, t -> t.getDayOfWeek().getValue() % 7);
      case "day_of_year" -> date(v, state, ts, ZonedDateTime::getDayOfYear);
      case "hour" -> date(v, state, ts, ZonedDateTime::getHour);
      case "minute" -> date(v, state, ts, ZonedDateTime::getMinute);
      case "month" -> date(v, state, ts, ZonedDateTime::getMonthValue);
      case "year" -> date(v, state, ts, ZonedDateTime::getYear);
      default -> throw new IllegalStateException("no instant function " + name);
    };
  }

  private static List<Sample> scalar(double v) {
    return List.of(new Sample(Labels.EMPTY, 0, v));
  }

  private static List<Sample> simple(List<Sample> in, State state, DoubleUnaryOperator f) {
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      out.add(new Sample(state.dropName(s.metric()), s.timestampMillis(), f.applyAsDouble(s.value())));
    }
    return out;
  }

  private static List<Sample> clamp(List<Sample> in, State state, double min, double max) {
    if (max < min) {
      return List.of();
    }
    return simple(in, state, x -> Math.max(min, Math.min(max, x)));
  }

  private static List<Sample> sorted(List<Sample> in, boolean descending) {
    List<Sample> out = new ArrayList<>(in);
    Comparator<Sample> cmp = (a, b) -> {
      double x = a.value();
      double y = b.value();
      if (Double.isNaN(x)) {
        return Double.isNaN(y) ? 0 : 1;
      }
      if (Double.isNaN(y)) {
        return -1;
      }
      return descending ? Double.compare(y, x) : Double.compare(x, y);
    };
    out.sort(cmp);
    return out;
  }

  private static List<Sample> date(List<Sample>[] v, State state, long ts, ToDoubleFunction<ZonedDateTime> f) {
    if (v.length == 0) {
      ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(ts, 1000)).atZone(ZoneOffset.UTC);
      return List.of(new Sample(Labels.EMPTY, ts, f.applyAsDouble(t)));
    }
    List<Sample> out = new ArrayList<>(v[0].size());
    for (Sample s : v[0]) {
      ZonedDateTime t = Instant.ofEpochSecond(GoMath.toInt64(s.value())).atZone(ZoneOffset.UTC);
      out.add(new Sample(state.dropName(s.metric()), ts, f.applyAsDouble(t)));
    }
    return out;
  }

  static String stringArg(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return ((StringLiteral) e).value();
  }

  private static List<Sample> labelReplace(List<Sample> in, List<Expr> args, State state) {
    String dst = stringArg(args.get(1));
    String repl = stringArg(args.get(2));
    String src = stringArg(args.get(3));
    String regexStr = stringArg(args.get(4));
    if (state.regex == null) {
      try {
        state.regex = GoRegexp.compileAnchored(regexStr);
      } catch (IllegalArgumentException e) {
        throw PromqlException.execution("invalid regular expression in label_replace(): " + regexStr);
      }
      if (!LABEL_NAME.matcher(dst).matches()) {
        throw PromqlException.execution("invalid destination label name in label_replace(): " + dst);
      }
      state.cache = new HashMap<>();
    }
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      Labels m = state.cache.get(s.metric());
      if (m == null) {
        com.google.re2j.Matcher matcher = state.regex.matcher(s.metric().get(src));
        if (!matcher.matches()) {
          m = s.metric();
        } else {
          String res = GoRegexp.expand(repl, matcher);
          m = s.metric().toBuilder().remove(dst).set(dst, res).build();
        }
        state.cache.put(s.metric(), m);
      }
      out.add(new Sample(m, s.timestampMillis(), s.value()));
    }
    return out;
  }

  private static List<Sample> labelJoin(List<Sample> in, List<Expr> args) {
    String dst = stringArg(args.get(1));
    String sep = stringArg(args.get(2));
    List<String> srcs = new ArrayList<>();
    for (int i = 3; i < args.size(); i++) {
      String src = stringArg(args.get(i));
      if (!LABEL_NAME.matcher(src).matches()) {
        throw PromqlException.execution("invalid source label name in label_join(): " + src);
      }
      srcs.add(src);
    }
    if (!LABEL_NAME.matcher(dst).matches()) {
      throw PromqlException.execution("invalid destination label name in label_join(): " + dst);
    }
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < srcs.size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        sb.append(s.metric().get(srcs.get(i)));
      }
      Labels m = s.metric().toBuilder().set(dst, sb.toString()).build();
      out.add(new Sample(m, s.timestampMillis(), s.value()));
    }
    return out;
  }

  /** The labels absent() reports: the equality matchers' labels of a selector argument. */
  static Labels absentLabels(Expr e) {
    List<Matcher> matchers;
    if (e instanceof VectorSelector vs) {
      matchers = vs.matchers();
    } else if (e instanceof MatrixSelector ms) {
      matchers = ms.selector().matchers();
    } else {
      return Labels.EMPTY;
    }
    Labels.Builder b = Labels.builder();
    List<String> empty = new ArrayList<>();
    java.util.Set<String> has = new java.util.HashSet<>();
    for (Matcher m : matchers) {
      if (m.name().equals(Labels.METRIC_NAME)) {
        continue;
      }
      if (m.type() == MatchType.EQUAL && !has.contains(m.name())) {
        b.set(m.name(), m.value());
        if (!m.value().isEmpty()) {
          has.add(m.name());
        }
      } else {
        empty.add(m.name());
      }
    }
    for (String n : empty) {
      b.remove(n);
    }
    return b.build();
  }
}
