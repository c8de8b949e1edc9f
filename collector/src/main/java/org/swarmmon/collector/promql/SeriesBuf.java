package org.swarmmon.collector.promql;

import java.util.Arrays;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.labels.Labels;

/** A growable series of points used while evaluating; {@code cursor} walks it step by step. */
final class SeriesBuf {
  Labels metric;
  long[] t;
  double[] v;
  int n;
  int cursor;
  String key;

  /** {@code capacity} is a hint, capped so that a huge step count cannot allocate up front. */
  SeriesBuf(Labels metric, int capacity) {
    this.metric = metric;
    int cap = Math.min(Math.max(capacity, 1), 4096);
    this.t = new long[cap];
    this.v = new double[cap];
  }

  void add(long ts, double value) {
    if (n == t.length) {
      int cap = n * 2;
      t = Arrays.copyOf(t, cap);
      v = Arrays.copyOf(v, cap);
    }
    t[n] = ts;
    v[n] = value;
    n++;
  }

  /** Adds the non-stale samples of {@code it} in [mint, maxt]. */
  SeriesBuf addSamples(SampleIterator it, long mint, long maxt) {
    if (!it.seek(mint)) {
      return this;
    }
    do {
      long ts = it.timestamp();
      if (ts > maxt) {
        break;
      }
      double value = it.value();
      if (!StaleNaN.is(value)) {
        add(ts, value);
      }
    } while (it.next());
    return this;
  }

  Series toSeries() {
    return new Series(metric, Arrays.copyOf(t, n), Arrays.copyOf(v, n));
  }
}
