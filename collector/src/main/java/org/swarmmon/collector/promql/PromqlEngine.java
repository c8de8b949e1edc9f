package org.swarmmon.collector.promql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.swarmmon.collector.promql.parser.Expr;
import org.swarmmon.collector.promql.parser.ParseException;
import org.swarmmon.collector.promql.parser.PromqlParser;
import org.swarmmon.collector.promql.parser.ValueType;
import org.swarmmon.collector.storage.Queryable;

/**
 * Runs PromQL queries against storage with Prometheus's semantics and limits: a timeout, a maximum
 * number of samples in memory and a maximum number of queries running at once (the others wait in
 * line until their timeout).
 */
public final class PromqlEngine {

  private final EngineOptions options;
  private final Clock clock;
  private final Semaphore gate;

  public PromqlEngine(EngineOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.gate = new Semaphore(Math.max(1, options.maxConcurrent()), true);
  }

  public EngineOptions options() {
    return options;
  }

  /** Evaluates {@code query} at one instant. */
  public QueryResult instantQuery(Queryable storage, String query, Instant time) {
    return instantQuery(storage, query, time, null);
  }

  /**
   * Evaluates {@code query} at one instant with a timeout of its own (the API's {@code timeout}
   * parameter); the engine's timeout still caps it. Null means the engine's.
   */
  public QueryResult instantQuery(Queryable storage, String query, Instant time, Duration timeout) {
    Expr expr = parse(query);
    long t = time.toEpochMilli();
    return run(storage, expr, t, t, 1, false, timeout);
  }

  /** Evaluates {@code query} at every step from {@code start} to {@code end}. */
  public QueryResult rangeQuery(Queryable storage, String query, Instant start, Instant end, Duration step) {
    return rangeQuery(storage, query, start, end, step, null);
  }

  /** As {@link #rangeQuery(Queryable, String, Instant, Instant, Duration)} with a timeout of its own. */
  public QueryResult rangeQuery(Queryable storage, String query, Instant start, Instant end, Duration step,
      Duration timeout) {
    Expr expr = parse(query);
    if (expr.type() != ValueType.VECTOR && expr.type() != ValueType.SCALAR) {
      throw new PromqlException(ErrorType.BAD_DATA, "invalid expression type \"" + expr.type().documented()
          + "\" for range query, must be Scalar or instant Vector");
    }
    if (step.toMillis() <= 0) {
      throw new PromqlException(ErrorType.BAD_DATA,
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if (end.isBefore(start)) {
      throw new PromqlException(ErrorType.BAD_DATA, "end timestamp must not be before start time");
    }
    return run(storage, expr, start.toEpochMilli(), end.toEpochMilli(), step.toMillis(), true, timeout);
  }

  private static Expr parse(String query) {
    try {
      return PromqlParser.parse(query);
    } catch (ParseException e) {
      throw new PromqlException(ErrorType.BAD_DATA, e.getMessage(), e);
    }
  }

  private QueryResult run(Queryable storage, Expr expr, long start, long end, long interval, boolean range,
      Duration timeout) {
    long limit = options.timeout().toMillis();
    if (timeout != null && timeout.toMillis() < limit) {
      limit = Math.max(0, timeout.toMillis());
    }
    long deadline = clock.millis() + limit;
    acquire(deadline);
    try (QueryContext ctx = new QueryContext(storage, clock, deadline, options.maxSamples(),
        options.lookbackDelta().toMillis(), options.defaultSubqueryStep().toMillis(), start, end)) {
      ctx.checkNow("query queue");
      Evaluator ev = new Evaluator(ctx, start, end, interval);
      Object result;
      try {
        result = ev.eval(expr);
      } catch (StackOverflowError e) {
        throw new PromqlException(ErrorType.EXECUTION, "query is too deeply nested");
      }
      return new QueryResult(toValue(expr, result, start, range), ctx.allWarnings());
    } finally {
      gate.release();
    }
  }

  private void acquire(long deadline) {
    try {
      long remaining = Math.max(0, deadline - clock.millis());
      if (!gate.tryAcquire(remaining, TimeUnit.MILLISECONDS)) {
        throw new PromqlException(ErrorType.TIMEOUT, "query timed out in query queue");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PromqlException(ErrorType.CANCELED, "query was canceled in query queue");
    }
  }

  @SuppressWarnings("unchecked")
  private static Value toValue(Expr expr, Object result, long start, boolean range) {
    if (result instanceof String s) {
      return new Value.Str(start, s);
    }
    List<SeriesBuf> mat = (List<SeriesBuf>) result;
    if (range) {
      List<Series> out = new ArrayList<>(mat.size());
      for (SeriesBuf s : mat) {
        if (s.n > 0) {
          out.add(s.toSeries());
        }
      }
      out.sort((a, b) -> a.metric().compareTo(b.metric()));
      return new Value.Matrix(out);
    }
    switch (expr.type()) {
      case SCALAR:
        return new Value.Scalar(start, mat.isEmpty() || mat.get(0).n == 0 ? Double.NaN : mat.get(0).v[0]);
      case VECTOR: {
        List<Sample> out = new ArrayList<>(mat.size());
        for (SeriesBuf s : mat) {
          if (s.n > 0) {
            out.add(new Sample(s.metric, start, s.v[0]));
          }
        }
        return new Value.Vector(out);
      }
      default: {
        List<Series> out = new ArrayList<>(mat.size());
        for (SeriesBuf s : mat) {
          out.add(s.toSeries());
        }
        return new Value.Matrix(out);
      }
    }
  }
}
