package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.HOUR;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.open;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.options;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

class ConcurrencyTest {

  @TempDir
  Path dir;

  private static Labels target(int t, int i) {
    return Labels.of("__name__", "m" + (i % 5), "instance", "t" + t, "i", String.valueOf(i));
  }

  @Test
  void parallelScrapesQueriesAndCompactionsLoseNothingAndSeeOnlyCommittedOrderedData() throws Exception {
    int targets = 4;
    int perTarget = 50;
    int scrapes = 600; // 10 h at 60 s: several head compactions and block merges while ingesting
    AtomicBoolean done = new AtomicBoolean();
    List<Throwable> problems = new ArrayList<>();
    try (Tsdb db = open(options(dir).build())) {
      ExecutorService pool = Executors.newFixedThreadPool(targets + 2);
      List<Future<?>> writers = new ArrayList<>();
      // targets share one clock in real life: keep the writers within ten scrapes of each other
      java.util.concurrent.Phaser lockstep = new java.util.concurrent.Phaser(targets);
      for (int t = 0; t < targets; t++) {
        int target = t;
        writers.add(pool.submit(() -> {
          long[] refs = new long[perTarget];
          for (int s = 0; s < scrapes; s++) {
            if (s % 10 == 0) {
              lockstep.awaitAdvanceInterruptibly(lockstep.arrive(), 60, TimeUnit.SECONDS);
            }
            Appender app = db.appender();
            for (int i = 0; i < perTarget; i++) {
              refs[i] = app.append(refs[i], target(target, i), s * 60_000L, s);
            }
            if (s % 7 == 3) {
              app.rollback(); // a failed scrape leaves nothing behind...
              app = db.appender();
              for (int i = 0; i < perTarget; i++) { // ...and is retried
                refs[i] = app.append(refs[i], target(target, i), s * 60_000L, s);
              }
            }
            app.commit();
          }
          return null;
        }));
      }
      Future<?> maintenance = pool.submit(() -> {
        while (!done.get()) {
          db.maintain();
          Thread.sleep(5);
        }
        return null;
      });
      Future<?> reader = pool.submit(() -> {
        while (!done.get()) {
          try (Querier q = db.querier(0, Long.MAX_VALUE)) {
            for (Series s : q.select(List.of(Matcher.regex("__name__", "m[0-4]")))) {
              SampleIterator it = s.iterator();
              long prev = -1;
              while (it.next()) {
                if (it.timestamp() <= prev || it.value() != it.timestamp() / 60_000L) {
                  synchronized (problems) {
                    problems.add(new AssertionError(s.labels() + " bad sample at " + it.timestamp()));
                  }
                }
                prev = it.timestamp();
              }
            }
          }
        }
        return null;
      });
      for (Future<?> w : writers) {
        w.get(120, TimeUnit.SECONDS);
      }
      done.set(true);
      maintenance.get(60, TimeUnit.SECONDS);
      reader.get(60, TimeUnit.SECONDS);
      pool.shutdown();
      assertThat(problems).isEmpty();
      assertThat(db.blocks()).isNotEmpty();
      for (int t = 0; t < targets; t++) {
        for (int i = 0; i < perTarget; i += 7) {
          assertThat(samples(db, target(t, i), 0, Long.MAX_VALUE)).as("target %d series %d", t, i).hasSize(scrapes);
        }
      }
      // the writers' last commits may land after the maintenance thread's last pass
      db.maintain();
      assertThat(db.head.maxTime() - db.head.minTime()).isLessThanOrEqualTo(3 * HOUR);
    }
    try (Tsdb db = open(options(dir).build())) {
      for (int t = 0; t < targets; t++) {
        assertThat(samples(db, target(t, 3), 0, Long.MAX_VALUE)).hasSize(scrapes);
      }
    }
  }

  @Test
  void mergedIteratorInterleavesSourcesAndDropsRepeatedTimestamps() {
    XorChunk.Appender a = new XorChunk.Appender();
    XorChunk.Appender b = new XorChunk.Appender();
    for (long t : new long[] {1, 3, 5, 7}) {
      a.append(t, t);
    }
    for (long t : new long[] {2, 3, 6, 9}) {
      b.append(t, 100 + t);
    }
    SampleIterator it = new MergedIterator(List.of(XorChunk.iterator(a.bytes()), XorChunk.iterator(b.bytes())));
    List<Long> ts = new ArrayList<>();
    while (it.next()) {
      ts.add(it.timestamp());
    }
    assertThat(ts).containsExactly(1L, 2L, 3L, 5L, 6L, 7L, 9L);
    SampleIterator seek = new MergedIterator(List.of(XorChunk.iterator(a.bytes()), XorChunk.iterator(b.bytes())));
    assertThat(seek.seek(4)).isTrue();
    assertThat(seek.timestamp()).isEqualTo(5);
    assertThat(seek.next()).isTrue();
    assertThat(seek.timestamp()).isEqualTo(6);
    assertThat(seek.seek(10)).isFalse();
  }
}
