package org.swarmmon.collector.promql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.swarmmon.collector.promql.parser.Expr;
import org.swarmmon.collector.promql.parser.Expr.Call;
import org.swarmmon.collector.promql.parser.Expr.MatrixSelector;
import org.swarmmon.collector.promql.parser.Expr.SubqueryExpr;
import org.swarmmon.collector.promql.parser.Expr.VectorSelector;
import org.swarmmon.labels.Labels;

/** Calls of functions over a range vector (a matrix selector or a subquery), one series at a time. */
final class RangeEvaluation {

  private RangeEvaluation() {}

  static List<SeriesBuf> call(Evaluator ev, Call c, int matrixIndex, Expr arg) {
    String name = c.function().name();
    int nargs = c.args().size();
    List<SeriesBuf>[] others = otherArgs(ev, c, matrixIndex);
    long range;
    long offset;
    Expr.At at;
    List<SeriesBuf> source = null;
    List<org.swarmmon.collector.storage.Series> stored = null;
    boolean fixed;
    long atT;
    if (arg instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      range = ms.rangeMillis();
      offset = vs.offsetMillis();
      at = vs.at();
      fixed = at != null;
      atT = fixed ? ev.resolveAt(at) : 0;
      long lo = (fixed ? atT : ev.start) - offset - range;
      long hi = (fixed ? atT : ev.end) - offset;
      stored = ev.ctx.querier(lo, hi).select(vs.matchers());
    } else {
      SubqueryExpr sq = (SubqueryExpr) arg;
      range = sq.rangeMillis();
      offset = sq.offsetMillis();
      at = sq.at();
      fixed = at != null;
      atT = fixed ? ev.resolveAt(at) : 0;
      source = (List<SeriesBuf>) ev.eval(sq);
    }
    RangeFunctions.Fn fn = RangeFunctions.of(name);
    int count = stored != null ? stored.size() : source.size();
    int steps = ev.steps();
    double[] scalars = new double[nargs];
    List<SeriesBuf> out = new ArrayList<>(count);
    long maxSamples = ev.ctx.maxSamples;
    SeriesBuf buffer = new SeriesBuf(Labels.EMPTY, 256);
    RangeFunctions.Window window = new RangeFunctions.Window();
    for (int si = 0; si < count; si++) {
      ev.ctx.check("expression evaluation");
      SeriesBuf data;
      if (stored != null) {
        org.swarmmon.collector.storage.Series s = stored.get(si);
        long lo = (fixed ? atT : ev.start) - offset - range;
        long hi = (fixed ? atT : ev.end) - offset;
        // one buffer reused across series
        buffer.metric = s.labels();
        buffer.n = 0;
        data = buffer.addSamples(s.iterator(), lo, hi);
      } else {
        data = source.get(si);
      }
      Labels metric = name.equals("last_over_time") ? data.metric : data.metric.withoutMetricName();
      SeriesBuf result = new SeriesBuf(metric, fixed ? steps : Math.min(steps, 64));
      int a = 0;
      int b = 0;
      int step = -1;
      for (long ts = ev.start; ts <= ev.end; ts += ev.interval) {
        step++;
        ev.ctx.check("expression evaluation");
        long maxt = (fixed ? atT : ts) - offset;
        long mint = maxt - range;
        if (!fixed || step == 0) {
          while (a < data.n && data.t[a] < mint) {
            a++;
          }
          if (b < a) {
            b = a;
          }
          while (b < data.n && data.t[b] <= maxt) {
            b++;
          }
        }
        int size = b - a;
        if (size == 0) {
          continue;
        }
        if (ev.ctx.currentSamples + size > maxSamples) {
          throw PromqlException.tooManySamples();
        }
        for (int j = 0; j < nargs; j++) {
          if (others[j] != null) {
            SeriesBuf sc = others[j].get(0);
            scalars[j] = sc.v[step];
          }
        }
        double v = fn.apply(window.set(data.t, data.v, a, b, mint, maxt, range, ts), scalars);
        if (!RangeFunctions.isAbsent(v)) {
          result.add(ts, v);
        }
      }
      if (result.n > 0) {
        ev.ctx.addSamples(result.n);
        out.add(result);
      }
    }
    if (name.equals("absent_over_time")) {
      return absentOverTime(ev, out, c.args().get(0));
    }
    Evaluator.checkDistinct(out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<SeriesBuf>[] otherArgs(Evaluator ev, Call c, int matrixIndex) {
    List<SeriesBuf>[] others = new List[c.args().size()];
    for (int j = 0; j < c.args().size(); j++) {
      if (j != matrixIndex) {
        others[j] = ev.evalMatrix(c.args().get(j));
      }
    }
    return others;
  }

  private static List<SeriesBuf> absentOverTime(Evaluator ev, List<SeriesBuf> mat, Expr arg) {
    int steps = ev.steps();
    for (SeriesBuf s : mat) {
      if (s.n == steps) {
        return new ArrayList<>();
      }
    }
    Set<Long> found = new HashSet<>();
    for (SeriesBuf s : mat) {
      for (int i = 0; i < s.n; i++) {
        found.add(s.t[i]);
      }
    }
    if (found.size() == steps) {
      return new ArrayList<>();
    }
    SeriesBuf b = new SeriesBuf(InstantFunctions.absentLabels(arg), steps - found.size());
    for (long ts = ev.start; ts <= ev.end; ts += ev.interval) {
      if (!found.contains(ts)) {
        b.add(ts, 1);
      }
    }
    List<SeriesBuf> out = new ArrayList<>(1);
    out.add(b);
    return out;
  }
}
