package org.swarmmon.collector.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * Local storage and a secondary queryable (remote read) read as one, as Prometheus's fanout
 * storage: series with the same labels are merged, a sample at a timestamp both hold comes from
 * the primary, and the secondary's warnings are the querier's.
 */
public final class FanoutQueryable implements Queryable {

  private final Queryable primary;
  private final Queryable secondary;

  public FanoutQueryable(Queryable primary, Queryable secondary) {
    this.primary = primary;
    this.secondary = secondary;
  }

  @Override
  public Querier querier(long mint, long maxt) {
    Querier p = primary.querier(mint, maxt);
    Querier s;
    try {
      s = secondary.querier(mint, maxt);
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    return new Querier() {
      @Override
      public List<Series> select(List<Matcher> matchers) {
        return merge(p.select(matchers), s.select(matchers));
      }

      @Override
      public List<String> labelNames(List<Matcher> matchers) {
        TreeSet<String> all = new TreeSet<>(p.labelNames(matchers));
        all.addAll(s.labelNames(matchers));
        return List.copyOf(all);
      }

      @Override
      public List<String> labelValues(String name, List<Matcher> matchers) {
        TreeSet<String> all = new TreeSet<>(p.labelValues(name, matchers));
        all.addAll(s.labelValues(name, matchers));
        return List.copyOf(all);
      }

      @Override
      public List<String> warnings() {
        List<String> all = new ArrayList<>(p.warnings());
        all.addAll(s.warnings());
        return all;
      }

      @Override
      public void close() {
        try {
          p.close();
        } finally {
          s.close();
        }
      }
    };
  }

  private static List<Series> merge(List<Series> a, List<Series> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<Series> out = new ArrayList<>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int c = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).labels().compareTo(b.get(j).labels());
      if (c < 0) {
        out.add(a.get(i++));
      } else if (c > 0) {
        out.add(b.get(j++));
      } else {
        out.add(new MergedSeries(a.get(i++), b.get(j++)));
      }
    }
    return out;
  }

  private record MergedSeries(Series first, Series second) implements Series {
    @Override
    public Labels labels() {
      return first.labels();
    }

    @Override
    public SampleIterator iterator() {
      return new MergedIterator(first.iterator(), second.iterator());
    }
  }

  /** Walks two iterators in time order; at a timestamp both have, the first one's sample wins. */
  private static final class MergedIterator implements SampleIterator {
    private final SampleIterator a;
    private final SampleIterator b;
    private boolean hasA;
    private boolean hasB;
    private boolean started;
    private SampleIterator current;

    MergedIterator(SampleIterator a, SampleIterator b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public boolean next() {
      if (!started) {
        started = true;
        hasA = a.next();
        hasB = b.next();
      } else if (current != null) {
        long t = current.timestamp();
        if (hasA && a.timestamp() == t) {
          hasA = a.next();
        }
        if (hasB && b.timestamp() == t) {
          hasB = b.next();
        }
      }
      return pick();
    }

    @Override
    public boolean seek(long t) {
      if (!started) {
        started = true;
        hasA = a.seek(t);
        hasB = b.seek(t);
      } else {
        hasA = hasA && a.seek(t);
        hasB = hasB && b.seek(t);
      }
      return pick();
    }

    private boolean pick() {
      if (hasA && (!hasB || a.timestamp() <= b.timestamp())) {
        current = a;
      } else if (hasB) {
        current = b;
      } else {
        current = null;
      }
      return current != null;
    }

    @Override
    public long timestamp() {
      return current.timestamp();
    }

    @Override
    public double value() {
      return current.value();
    }
  }
}
