package org.swarmmon.collector.remote;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/**
 * Every {@code remote_read} endpoint as one queryable, with Prometheus 2.42's rules: without
 * {@code read_recent} only the time before local storage's oldest sample is read remotely; a
 * select goes to an endpoint only when its matchers include every {@code required_matchers} pair
 * as an equality; external labels are added as equality matchers (unless the query matches that
 * label itself or {@code filter_external_labels} is false) and dropped from the series returned.
 * A failing endpoint becomes a warning of the querier, never an error of the query.
 */
public final class RemoteReadManager implements Queryable {

  private record Endpoint(RemoteReadClient client, Labels externalLabels) {}

  private final LongSupplier localStartTime;
  private final Clock clock;
  private volatile List<Endpoint> endpoints = List.of();

  /** {@code localStartTime} is local storage's oldest timestamp, Long.MAX_VALUE when empty. */
  public RemoteReadManager(LongSupplier localStartTime, Clock clock) {
    this.localStartTime = localStartTime;
    this.clock = clock;
  }

  public synchronized void applyConfig(Config config) {
    List<Endpoint> next = new ArrayList<>();
    for (Config.RemoteRead rr : config.remoteRead()) {
      Labels external = rr.filterExternalLabels() ? config.global().externalLabels() : Labels.EMPTY;
      Endpoint keep = null;
      for (Endpoint e : endpoints) {
        if (e.client().config().equals(rr) && e.externalLabels().equals(external)) {
          keep = e;
        }
      }
      next.add(keep != null ? keep : new Endpoint(new RemoteReadClient(rr), external));
    }
    endpoints = List.copyOf(next);
  }

  public boolean isEmpty() {
    return endpoints.isEmpty();
  }

  @Override
  public Querier querier(long mint, long maxt) {
    return new RemoteQuerier(endpoints, mint, maxt);
  }

  private long localStart() {
    long start = localStartTime.getAsLong();
    // an empty Prometheus TSDB reports "now" as its start time
    return start == Long.MAX_VALUE ? clock.millis() : start;
  }

  private final class RemoteQuerier implements Querier {
    private final List<Endpoint> endpoints;
    private final long mint;
    private final long maxt;
    private final List<String> warnings = new ArrayList<>();

    RemoteQuerier(List<Endpoint> endpoints, long mint, long maxt) {
      this.endpoints = endpoints;
      this.mint = mint;
      this.maxt = maxt;
    }

    @Override
    public List<Series> select(List<Matcher> matchers) {
      List<Series> out = new ArrayList<>();
      for (Endpoint e : endpoints) {
        Config.RemoteRead cfg = e.client().config();
        long cmaxt = maxt;
        if (!cfg.readRecent()) {
          long local = localStart();
          if (mint > local) {
            continue;
          }
          cmaxt = Math.min(maxt, local);
        }
        if (!hasRequired(matchers, cfg.requiredMatchers())) {
          continue;
        }
        List<Matcher> query = new ArrayList<>(matchers);
        Set<String> added = new HashSet<>();
        e.externalLabels().forEach((name, value) -> {
          if (matchers.stream().noneMatch(m -> m.name().equals(name))) {
            query.add(Matcher.equal(name, value));
            added.add(name);
          }
        });
        try {
          for (TimeSeries ts : e.client().read(mint, cmaxt, query)) {
            out.add(new ListSeries(ts.labels().without(added), ts.samples(), mint, cmaxt));
          }
        } catch (IOException ex) {
          warnings.add("remote_read: " + ex.getMessage());
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          warnings.add("remote_read: interrupted");
        }
      }
      out.sort((a, b) -> a.labels().compareTo(b.labels()));
      return out;
    }

    // remote read has no label names or values call; Prometheus 2.42 leaves them unimplemented too
    @Override
    public List<String> labelNames(List<Matcher> matchers) {
      return List.of();
    }

    @Override
    public List<String> labelValues(String name, List<Matcher> matchers) {
      return List.of();
    }

    @Override
    public List<String> warnings() {
      return List.copyOf(warnings);
    }

    @Override
    public void close() {}
  }

  private static boolean hasRequired(List<Matcher> matchers, Map<String, String> required) {
    for (Map.Entry<String, String> r : required.entrySet()) {
      boolean found = matchers.stream().anyMatch(m -> m.type() == MatchType.EQUAL
          && m.name().equals(r.getKey()) && m.value().equals(r.getValue()));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private record ListSeries(Labels labels, List<TimeSeries.Sample> samples, long mint, long maxt)
      implements Series {
    @Override
    public SampleIterator iterator() {
      List<TimeSeries.Sample> in = samples.stream()
          .filter(s -> s.timestamp() >= mint && s.timestamp() <= maxt).toList();
      return new SampleIterator() {
        private int i = -1;

        @Override
        public boolean next() {
          return ++i < in.size();
        }

        @Override
        public boolean seek(long t) {
          if (i < 0) {
            i = 0;
          }
          while (i < in.size() && in.get(i).timestamp() < t) {
            i++;
          }
          return i < in.size();
        }

        @Override
        public long timestamp() {
          return in.get(i).timestamp();
        }

        @Override
        public double value() {
          return in.get(i).value();
        }
      };
    }
  }
}
