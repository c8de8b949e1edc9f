package org.swarmmon.collector.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.swarmmon.labels.Labels;

class SeriesByLabelsTest {

  private static Labels labels(int i) {
    return Labels.of("__name__", "m", "instance", "i" + (i % 97), "id", Integer.toString(i));
  }

  @Test
  void behavesLikeAMapUnderAddsAndRemovals() {
    SeriesByLabels table = new SeriesByLabels();
    Map<Labels, HeadSeries> expected = new HashMap<>();
    Random random = new Random(11);
    for (int step = 0; step < 200_000; step++) {
      int i = random.nextInt(step < 100_000 ? 50_000 : 2_000);
      Labels l = labels(i);
      if (random.nextInt(3) == 0) {
        HeadSeries held = expected.get(l);
        if (held != null) {
          table.remove(new HeadSeries(1, l)); // another series with the same labels: not removed
          assertThat(table.get(l)).isSameAs(held);
          table.remove(held);
          expected.remove(l);
        }
      } else {
        HeadSeries s = new HeadSeries(step + 1, l);
        HeadSeries before = table.putIfAbsent(s);
        assertThat(before).isSameAs(expected.get(l));
        expected.putIfAbsent(l, s);
      }
    }
    assertThat(table.size()).isEqualTo(expected.size());
    for (int i = 0; i < 50_000; i++) {
      assertThat(table.get(labels(i))).isSameAs(expected.get(labels(i)));
    }
  }

  @Test
  void concurrentCreatorsAgreeOnOneSeriesPerLabelSet() throws Exception {
    SeriesByLabels table = new SeriesByLabels();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HeadSeries[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          HeadSeries[] won = new HeadSeries[20_000];
          for (int i = 0; i < won.length; i++) {
            HeadSeries mine = new HeadSeries(thread * 100_000L + i + 1, labels(i));
            HeadSeries other = table.putIfAbsent(mine);
            won[i] = other == null ? mine : other;
          }
          return won;
        }));
      }
      List<HeadSeries[]> all = new ArrayList<>();
      for (Future<HeadSeries[]> f : results) {
        all.add(f.get(60, TimeUnit.SECONDS));
      }
      for (int i = 0; i < 20_000; i++) {
        HeadSeries held = table.get(labels(i));
        for (HeadSeries[] won : all) {
          assertThat(won[i]).isSameAs(held);
        }
      }
      assertThat(table.size()).isEqualTo(20_000);
    } finally {
      pool.shutdownNow();
    }
  }
}
