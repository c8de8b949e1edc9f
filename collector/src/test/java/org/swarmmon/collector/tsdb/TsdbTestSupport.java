package org.swarmmon.collector.tsdb;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.storage.StorageMetric;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/** Helpers shared by the TSDB tests. */
final class TsdbTestSupport {

  static final long HOUR = 3_600_000L;

  private TsdbTestSupport() {}

  static TsdbOptions.Builder options(Path dir) {
    return TsdbOptions.builder(dir).backgroundMaintenance(false).walFsyncInterval(Duration.ofSeconds(1))
        .retentionTime(Duration.ZERO);
  }

  static Tsdb open(TsdbOptions options) throws IOException {
    return Tsdb.open(options, Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
  }

  static Labels series(int i) {
    return Labels.of("__name__", "metric_" + (i % 3), "instance", "host-" + i, "job", "node");
  }

  /** Appends one sample per series at each step from {@code from} to {@code to} (exclusive). */
  static void ingest(Tsdb db, int seriesCount, long from, long to, long step) {
    for (long t = from; t < to; t += step) {
      Appender app = db.appender();
      for (int i = 0; i < seriesCount; i++) {
        app.append(0, series(i), t, value(i, t));
      }
      app.commit();
    }
  }

  static double value(int series, long t) {
    return series * 1000.0 + t / 1000.0;
  }

  static List<long[]> samples(Tsdb db, Labels labels, long mint, long maxt) {
    List<Matcher> ms = new ArrayList<>();
    labels.forEach((n, v) -> ms.add(Matcher.equal(n, v)));
    try (Querier q = db.querier(mint, maxt)) {
      List<Series> found = q.select(ms);
      List<long[]> out = new ArrayList<>();
      for (Series s : found) {
        SampleIterator it = s.iterator();
        while (it.next()) {
          out.add(new long[] {it.timestamp(), Double.doubleToRawLongBits(it.value())});
        }
      }
      return out;
    }
  }

  static int count(Tsdb db, List<Matcher> matchers, long mint, long maxt) {
    try (Querier q = db.querier(mint, maxt)) {
      int n = 0;
      for (Series s : q.select(matchers)) {
        SampleIterator it = s.iterator();
        while (it.next()) {
          n++;
        }
      }
      return n;
    }
  }

  static double metric(Tsdb db, String name) {
    return db.metrics().stream().filter(m -> m.name().equals(name)).mapToDouble(StorageMetric::value)
        .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
  }
}
