package org.swarmmon.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.tsdb.Tsdb;
import org.swarmmon.collector.tsdb.TsdbOptions;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

class FanoutQueryableTest {

  private static Storage open(Path dir, Labels only, long[] ts, double[] vs, Labels both) throws Exception {
    Storage s = Tsdb.open(TsdbOptions.builder(dir).build(), Clock.systemUTC());
    Appender app = s.appender();
    for (int i = 0; i < ts.length; i++) {
      app.append(0, both, ts[i], vs[i]);
      app.append(0, only, ts[i], vs[i]);
    }
    app.commit();
    return s;
  }

  @Test
  void mergesSeriesWithTheSameLabelsPrimaryFirst(@TempDir Path a, @TempDir Path b) throws Exception {
    Labels both = Labels.of("__name__", "m", "x", "both");
    try (Storage primary = open(a, Labels.of("__name__", "m", "x", "p"), new long[] {1000, 2000},
            new double[] {1, 2}, both);
        Storage secondary = open(b, Labels.of("__name__", "m", "x", "s"), new long[] {2000, 3000},
            new double[] {20, 30}, both)) {
      try (Querier q = new FanoutQueryable(primary, secondary).querier(0, 10_000)) {
        List<Series> series = q.select(List.of(Matcher.equal("__name__", "m")));
        assertThat(series).extracting(s -> s.labels().get("x")).containsExactly("both", "p", "s");
        List<String> samples = new ArrayList<>();
        SampleIterator it = series.get(0).iterator();
        while (it.next()) {
          samples.add(it.timestamp() + "=" + it.value());
        }
        assertThat(samples).containsExactly("1000=1.0", "2000=2.0", "3000=30.0");
        SampleIterator seeking = series.get(0).iterator();
        assertThat(seeking.seek(2500)).isTrue();
        assertThat(seeking.timestamp()).isEqualTo(3000);
        assertThat(seeking.seek(2000)).isTrue();
        assertThat(seeking.timestamp()).isEqualTo(3000);
        assertThat(seeking.next()).isFalse();
        assertThat(q.labelValues("x", List.of())).containsExactly("both", "p", "s");
      }
    }
  }
}
