package org.swarmmon.collector.promql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.swarmmon.collector.promql.parser.Expr;
import org.swarmmon.collector.promql.parser.Expr.AggregateExpr;
import org.swarmmon.collector.promql.parser.Expr.At;
import org.swarmmon.collector.promql.parser.Expr.BinaryExpr;
import org.swarmmon.collector.promql.parser.Expr.Call;
import org.swarmmon.collector.promql.parser.Expr.MatrixSelector;
import org.swarmmon.collector.promql.parser.Expr.NumberLiteral;
import org.swarmmon.collector.promql.parser.Expr.ParenExpr;
import org.swarmmon.collector.promql.parser.Expr.StringLiteral;
import org.swarmmon.collector.promql.parser.Expr.SubqueryExpr;
import org.swarmmon.collector.promql.parser.Expr.UnaryExpr;
import org.swarmmon.collector.promql.parser.Expr.VectorSelector;
import org.swarmmon.collector.promql.parser.ValueType;
import org.swarmmon.labels.Labels;

/**
 * Evaluates an expression over the steps {@code start, start+interval, ..., end}, as Prometheus's
 * evaluator: every vector or scalar expression yields series with one point per step it has a value.
 */
final class Evaluator {

  /** A step function over the input vectors of one step. */
  interface StepFunction {
    List<Sample> apply(List<Sample>[] vectors, List<String>[] keys, long ts);
  }

  /** Computes a per-series key (signature, grouping key) once per input series. */
  interface KeyFunction {
    String key(Labels metric);
  }

  final QueryContext ctx;
  final long start;
  final long end;
  final long interval;

  Evaluator(QueryContext ctx, long start, long end, long interval) {
    this.ctx = ctx;
    this.start = start;
    this.end = end;
    this.interval = interval;
  }

  int steps() {
    return (int) Math.min(Integer.MAX_VALUE, (end - start) / interval + 1);
  }

  long resolveAt(At at) {
    return switch (at.kind()) {
      case START -> ctx.queryStart;
      case END -> ctx.queryEnd;
      case TIMESTAMP -> at.timestampMillis();
    };
  }

  @SuppressWarnings("unchecked")
  List<SeriesBuf> evalMatrix(Expr e) {
    return (List<SeriesBuf>) eval(e);
  }

  Object eval(Expr e) {
    ctx.check("expression evaluation");
    if (e instanceof NumberLiteral n) {
      if ((end - start) / interval + 1 > ctx.maxSamples - ctx.currentSamples) {
        throw PromqlException.tooManySamples();
      }
      SeriesBuf s = new SeriesBuf(Labels.EMPTY, steps());
      for (long ts = start; ts <= end; ts += interval) {
        s.add(ts, n.value());
      }
      ctx.addSamples(s.n);
      List<SeriesBuf> out = new ArrayList<>(1);
      out.add(s);
      return out;
    }
    if (e instanceof StringLiteral s) {
      return s.value();
    }
    if (e instanceof ParenExpr p) {
      return eval(p.expr());
    }
    if (e instanceof VectorSelector vs) {
      return vectorSelector(vs);
    }
    if (e instanceof MatrixSelector ms) {
      return matrixSelector(ms);
    }
    if (e instanceof SubqueryExpr sq) {
      return subquery(sq);
    }
    if (e instanceof UnaryExpr u) {
      List<SeriesBuf> mat = evalMatrix(u.expr());
      if (u.negate()) {
        for (SeriesBuf s : mat) {
          s.metric = s.metric.withoutMetricName();
          for (int i = 0; i < s.n; i++) {
            s.v[i] = -s.v[i];
          }
        }
        checkDistinct(mat);
      }
      return mat;
    }
    if (e instanceof BinaryExpr b) {
      return VectorOps.eval(this, b);
    }
    if (e instanceof AggregateExpr a) {
      return Aggregation.eval(this, a);
    }
    if (e instanceof Call c) {
      return call(c);
    }
    throw new IllegalStateException("unhandled expression " + e);
  }

  static void checkDistinct(List<SeriesBuf> mat) {
    if (mat.size() < 2) {
      return;
    }
    Set<Labels> seen = new HashSet<>();
    for (SeriesBuf s : mat) {
      if (!seen.add(s.metric)) {
        throw PromqlException.execution("vector cannot contain metrics with the same labelset");
      }
    }
  }

  static void checkDistinctSamples(List<Sample> vec) {
    if (vec.size() < 2) {
      return;
    }
    Set<Labels> seen = new HashSet<>(vec.size() * 2);
    for (Sample s : vec) {
      if (!seen.add(s.metric())) {
        throw PromqlException.execution("vector cannot contain metrics with the same labelset");
      }
    }
  }

  private List<org.swarmmon.collector.storage.Series> select(VectorSelector vs, long mint, long maxt) {
    return ctx.querier(mint, maxt).select(vs.matchers());
  }

  private List<SeriesBuf> vectorSelector(VectorSelector vs) {
    boolean fixed = vs.at() != null;
    long atT = fixed ? resolveAt(vs.at()) : 0;
    long off = vs.offsetMillis();
    long lo = (fixed ? atT : start) - off - ctx.lookbackMillis;
    long hi = (fixed ? atT : end) - off;
    List<SeriesBuf> out = new ArrayList<>();
    int steps = steps();
    for (org.swarmmon.collector.storage.Series s : select(vs, lo, hi)) {
      ctx.check("expression evaluation");
      LookbackCursor cursor = new LookbackCursor(s.iterator(), ctx.lookbackMillis);
      SeriesBuf buf = null;
      if (fixed) {
        if (cursor.find(atT - off)) {
          buf = new SeriesBuf(s.labels(), steps);
          for (long ts = start; ts <= end; ts += interval) {
            buf.add(ts, cursor.foundV);
          }
        }
      } else {
        for (long ts = start; ts <= end; ts += interval) {
          ctx.check("expression evaluation");
          if (cursor.find(ts - off)) {
            if (buf == null) {
              buf = new SeriesBuf(s.labels(), steps);
            }
            buf.add(ts, cursor.foundV);
          }
        }
      }
      if (buf != null) {
        ctx.addSamples(buf.n);
        out.add(buf);
      }
    }
    return out;
  }

  /** The sample (time and value) a selector sees at one step, for timestamp(). */
  List<Sample> vectorSelectorAt(VectorSelector vs, long ts, List<org.swarmmon.collector.storage.Series> series) {
    long ref = (vs.at() != null ? resolveAt(vs.at()) : ts) - vs.offsetMillis();
    List<Sample> out = new ArrayList<>();
    for (org.swarmmon.collector.storage.Series s : series) {
      LookbackCursor cursor = new LookbackCursor(s.iterator(), ctx.lookbackMillis);
      if (cursor.find(ref)) {
        out.add(new Sample(s.labels(), cursor.foundT, cursor.foundV));
      }
    }
    return out;
  }

  private List<SeriesBuf> timestampCall(Call c, VectorSelector vs) {
    boolean fixed = vs.at() != null;
    long atT = fixed ? resolveAt(vs.at()) : 0;
    long off = vs.offsetMillis();
    List<org.swarmmon.collector.storage.Series> series =
        select(vs, (fixed ? atT : start) - off - ctx.lookbackMillis, (fixed ? atT : end) - off);
    Map<Labels, SeriesBuf> out = new LinkedHashMap<>();
    List<SeriesBuf> ordered = new ArrayList<>();
    for (long ts = start; ts <= end; ts += interval) {
      ctx.check("expression evaluation");
      List<Sample> vec = new ArrayList<>();
      for (Sample s : vectorSelectorAt(vs, ts, series)) {
        vec.add(new Sample(s.metric().withoutMetricName(), ts, s.timestampMillis() / 1000.0));
      }
      checkDistinctSamples(vec);
      for (Sample s : vec) {
        SeriesBuf b = out.get(s.metric());
        if (b == null) {
          b = new SeriesBuf(s.metric(), steps());
          out.put(s.metric(), b);
          ordered.add(b);
        }
        b.add(ts, s.value());
      }
    }
    return ordered;
  }

  private List<SeriesBuf> matrixSelector(MatrixSelector ms) {
    VectorSelector vs = ms.selector();
    long ref = vs.at() != null ? resolveAt(vs.at()) : start;
    long maxt = ref - vs.offsetMillis();
    long mint = maxt - ms.rangeMillis();
    List<SeriesBuf> out = new ArrayList<>();
    for (org.swarmmon.collector.storage.Series s : select(vs, mint, maxt)) {
      SeriesBuf buf = new SeriesBuf(s.labels(), 16).addSamples(s.iterator(), mint, maxt);
      if (buf.n > 0) {
        ctx.addSamples(buf.n);
        out.add(buf);
      }
    }
    return out;
  }

  private List<SeriesBuf> subquery(SubqueryExpr sq) {
    long off = sq.offsetMillis();
    long range = sq.rangeMillis();
    long step = sq.stepMillis() != 0 ? sq.stepMillis() : ctx.defaultStepMillis;
    long refStart = sq.at() != null ? resolveAt(sq.at()) : start;
    long refEnd = sq.at() != null ? resolveAt(sq.at()) : end;
    long innerStart = step * ((refStart - off - range) / step);
    if (innerStart < refStart - off - range) {
      innerStart += step;
    }
    Evaluator inner = new Evaluator(ctx, innerStart, refEnd - off, step);
    if (innerStart > refEnd - off) {
      return new ArrayList<>();
    }
    return inner.evalMatrix(sq.expr());
  }

  private static Expr unwrapParens(Expr e) {
    while (e instanceof ParenExpr p) {
      e = p.expr();
    }
    return e;
  }

  private Object call(Call c) {
    String name = c.function().name();
    if (name.equals("timestamp") && unwrapParens(c.args().get(0)) instanceof VectorSelector vs) {
      return timestampCall(c, vs);
    }
    for (int i = 0; i < c.args().size(); i++) {
      Expr a = unwrapParens(c.args().get(i));
      if (a instanceof MatrixSelector || a instanceof SubqueryExpr) {
        return RangeEvaluation.call(this, c, i, a);
      }
    }
    InstantFunctions.State state = new InstantFunctions.State();
    Expr[] args = c.args().toArray(new Expr[0]);
    return rangeEval(null, (vectors, keys, ts) -> InstantFunctions.call(c, vectors, ts, state), args);
  }

  /**
   * Evaluates the expressions over all steps, then calls {@code fn} step by step with the input
   * vectors of that step, collecting its outputs into series.
   */
  @SuppressWarnings("unchecked")
  List<SeriesBuf> rangeEval(KeyFunction keyFn, StepFunction fn, Expr... exprs) {
    int n = exprs.length;
    List<SeriesBuf>[] mats = new List[n];
    long inputSamples = 0;
    int biggest = 1;
    for (int i = 0; i < n; i++) {
      if (exprs[i] != null && exprs[i].type() != ValueType.STRING) {
        mats[i] = evalMatrix(exprs[i]);
        for (SeriesBuf s : mats[i]) {
          s.cursor = 0;
          inputSamples += s.n;
          if (keyFn != null) {
            s.key = keyFn.key(s.metric);
          }
        }
        biggest = Math.max(biggest, mats[i].size());
      }
    }
    List<Sample>[] vectors = new List[n];
    List<String>[] keys = new List[n];
    for (int i = 0; i < n; i++) {
      vectors[i] = new ArrayList<>(mats[i] == null ? 0 : mats[i].size());
      keys[i] = new ArrayList<>(mats[i] == null ? 0 : mats[i].size());
    }
    int steps = steps();
    Map<Labels, SeriesBuf> out = new LinkedHashMap<>();
    java.util.IdentityHashMap<Labels, SeriesBuf> byInstance = new java.util.IdentityHashMap<>();
    List<SeriesBuf> ordered = new ArrayList<>();
    long outputSamples = 0;
    for (long ts = start; ts <= end; ts += interval) {
      ctx.check("expression evaluation");
      for (int i = 0; i < n; i++) {
        vectors[i].clear();
        keys[i].clear();
        if (mats[i] == null) {
          continue;
        }
        for (SeriesBuf s : mats[i]) {
          if (s.cursor < s.n && s.t[s.cursor] == ts) {
            vectors[i].add(new Sample(s.metric, ts, s.v[s.cursor]));
            if (keyFn != null) {
              keys[i].add(s.key);
            }
            s.cursor++;
          }
        }
      }
      List<Sample> result = fn.apply(vectors, keys, ts);
      checkDistinctSamples(result);
      outputSamples += result.size();
      if (outputSamples > ctx.maxSamples) {
        throw PromqlException.tooManySamples();
      }
      if (start == end) {
        List<SeriesBuf> mat = new ArrayList<>(result.size());
        for (Sample s : result) {
          SeriesBuf b = new SeriesBuf(s.metric(), 1);
          b.add(ts, s.value());
          mat.add(b);
        }
        ctx.currentSamples -= inputSamples;
        ctx.addSamples(mat.size());
        return mat;
      }
      for (Sample s : result) {
        SeriesBuf b = byInstance.get(s.metric());
        if (b == null) {
          b = out.get(s.metric());
          if (b == null) {
            b = new SeriesBuf(s.metric(), Math.min(steps, 64));
            out.put(s.metric(), b);
            ordered.add(b);
          }
          byInstance.put(s.metric(), b);
        }
        b.add(ts, s.value());
      }
    }
    ctx.currentSamples -= inputSamples;
    ctx.addSamples(outputSamples);
    return ordered;
  }
}
