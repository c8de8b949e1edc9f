package org.swarmmon.collector.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * A small in-memory storage: series sorted by labels, samples in time order. The storage of
 * {@code test rules} (promtool's test storage) and of the engine tests.
 */
public final class MemoryStorage implements Storage {

  /** What a sample older than its series' newest does. */
  public enum OutOfOrder {
    /** Throws {@link IllegalArgumentException}, as loading a PromQL test script fails. */
    REJECT,
    /** Dropped, as a rule unit test's rule output behind its own input series is. */
    DROP
  }

  private static final class Data {
    long[] t = new long[16];
    double[] v = new double[16];
    int n;
  }

  private final OutOfOrder outOfOrder;
  private final TreeMap<Labels, Data> series = new TreeMap<>();

  /** A storage that rejects out-of-order samples. */
  public MemoryStorage() {
    this(OutOfOrder.REJECT);
  }

  public MemoryStorage(OutOfOrder outOfOrder) {
    this.outOfOrder = outOfOrder;
  }

  /** Adds a sample; one at its series' newest timestamp replaces that sample's value. */
  public synchronized void add(Labels labels, long timestampMillis, double value) {
    Data d = series.computeIfAbsent(labels, l -> new Data());
    if (d.n > 0 && d.t[d.n - 1] == timestampMillis) {
      d.v[d.n - 1] = value;
      return;
    }
    if (d.n > 0 && d.t[d.n - 1] > timestampMillis) {
      if (outOfOrder == OutOfOrder.DROP) {
        return;
      }
      throw new IllegalArgumentException("out of order sample");
    }
    if (d.n == d.t.length) {
      d.t = Arrays.copyOf(d.t, d.n * 2);
      d.v = Arrays.copyOf(d.v, d.n * 2);
    }
    d.t[d.n] = timestampMillis;
    d.v[d.n] = value;
    d.n++;
  }

  public synchronized void clear() {
    series.clear();
  }

  @Override
  public synchronized long startTime() {
    long min = Long.MAX_VALUE;
    for (Data d : series.values()) {
      if (d.n > 0) {
        min = Math.min(min, d.t[0]);
      }
    }
    return min;
  }

  @Override
  public Appender appender() {
    List<Object[]> pending = new ArrayList<>();
    return new Appender() {
      @Override
      public long append(long ref, Labels labels, long timestampMillis, double value) {
        pending.add(new Object[] {labels, timestampMillis, value});
        return 0;
      }

      @Override
      public void commit() {
        for (Object[] p : pending) {
          add((Labels) p[0], (Long) p[1], (Double) p[2]);
        }
        pending.clear();
      }

      @Override
      public void rollback() {
        pending.clear();
      }
    };
  }

  @Override
  public Querier querier(long mint, long maxt) {
    return new Querier() {
      @Override
      public List<Series> select(List<Matcher> matchers) {
        List<Series> out = new ArrayList<>();
        synchronized (MemoryStorage.this) {
          for (Map.Entry<Labels, Data> e : series.entrySet()) {
            if (matches(e.getKey(), matchers)) {
              Data d = e.getValue();
              int lo = lowerBound(d, mint);
              int hi = lowerBound(d, maxt == Long.MAX_VALUE ? maxt : maxt + 1);
              if (hi > lo) {
                // newer samples go past hi or into new arrays: the series stays as selected
                long[] t = d.t;
                double[] v = d.v;
                out.add(Series.of(e.getKey(), () -> new Iter(t, v, lo, hi)));
              }
            }
          }
        }
        return out;
      }

      @Override
      public List<String> labelNames(List<Matcher> matchers) {
        TreeSet<String> names = new TreeSet<>();
        synchronized (MemoryStorage.this) {
          series.keySet().stream().filter(l -> matches(l, matchers))
              .forEach(l -> l.forEach((n, v) -> names.add(n)));
        }
        return new ArrayList<>(names);
      }

      @Override
      public List<String> labelValues(String name, List<Matcher> matchers) {
        TreeSet<String> values = new TreeSet<>();
        synchronized (MemoryStorage.this) {
          series.keySet().stream().filter(l -> matches(l, matchers) && l.has(name))
              .forEach(l -> values.add(l.get(name)));
        }
        return new ArrayList<>(values);
      }

      @Override
      public void close() {}
    };
  }

  private static boolean matches(Labels l, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(l)) {
        return false;
      }
    }
    return true;
  }

  private static int lowerBound(Data d, long t) {
    int lo = 0;
    int hi = d.n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (d.t[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static final class Iter implements SampleIterator {
    private final long[] t;
    private final double[] v;
    private final int lo;
    private final int hi;
    private int i;

    Iter(long[] t, double[] v, int lo, int hi) {
      this.t = t;
      this.v = v;
      this.lo = lo;
      this.hi = hi;
      this.i = lo - 1;
    }

    @Override
    public boolean next() {
      if (i < hi) {
        i++;
      }
      return i < hi;
    }

    @Override
    public boolean seek(long ts) {
      if (i < lo) {
        i = lo;
      }
      while (i < hi && t[i] < ts) {
        i++;
      }
      return i < hi;
    }

    @Override
    public long timestamp() {
      return t[i];
    }

    @Override
    public double value() {
      return v[i];
    }
  }

  @Override
  public void close() {}
}
