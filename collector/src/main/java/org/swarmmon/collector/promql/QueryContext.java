package org.swarmmon.collector.promql;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;

/** What one query shares across its evaluators: storage, limits, deadline and open queriers. */
final class QueryContext implements AutoCloseable {
  final Queryable queryable;
  final Clock clock;
  final long deadlineMillis;
  final int maxSamples;
  final long lookbackMillis;
  final long defaultStepMillis;
  final long queryStart;
  final long queryEnd;
  final List<String> warnings = new ArrayList<>();
  private final List<Querier> queriers = new ArrayList<>();
  long currentSamples;
  private int checks;

  QueryContext(Queryable queryable, Clock clock, long deadlineMillis, int maxSamples, long lookbackMillis,
      long defaultStepMillis, long queryStart, long queryEnd) {
    this.queryable = queryable;
    this.clock = clock;
    this.deadlineMillis = deadlineMillis;
    this.maxSamples = maxSamples;
    this.lookbackMillis = lookbackMillis;
    this.defaultStepMillis = defaultStepMillis;
    this.queryStart = queryStart;
    this.queryEnd = queryEnd;
  }

  Querier querier(long mint, long maxt) {
    Querier q = queryable.querier(mint, maxt);
    queriers.add(q);
    return q;
  }

  /** The query's warnings with those of every querier it opened. */
  List<String> allWarnings() {
    List<String> all = new ArrayList<>(warnings);
    for (Querier q : queriers) {
      for (String w : q.warnings()) {
        if (!all.contains(w)) {
          all.add(w);
        }
      }
    }
    return List.copyOf(all);
  }

  /** Fails with Prometheus's errors when the query ran out of time or was interrupted. */
  void check(String where) {
    if ((++checks & 63) != 0) {
      return;
    }
    checkNow(where);
  }

  void checkNow(String where) {
    if (Thread.currentThread().isInterrupted()) {
      throw new PromqlException(ErrorType.CANCELED, "query was canceled in " + where);
    }
    if (clock.millis() > deadlineMillis) {
      throw new PromqlException(ErrorType.TIMEOUT, "query timed out in " + where);
    }
  }

  void addSamples(long n) {
    currentSamples += n;
    if (currentSamples > maxSamples) {
      throw PromqlException.tooManySamples();
    }
  }

  @Override
  public void close() {
    for (Querier q : queriers) {
      try {
        q.close();
      } catch (RuntimeException ignored) {
        // closing is best effort; the query's result stands
      }
    }
    queriers.clear();
  }
}
