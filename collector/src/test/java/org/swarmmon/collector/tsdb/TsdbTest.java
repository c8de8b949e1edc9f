package org.swarmmon.collector.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.HOUR;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.count;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.ingest;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.metric;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.open;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.options;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.samples;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.series;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.SampleRejectedException;
import org.swarmmon.collector.storage.SampleRejectedException.Reason;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.collector.storage.TsdbStatus;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

class TsdbTest {

  @TempDir
  Path dir;

  @Test
  void commitMakesSamplesVisibleAndRollbackDiscardsThem() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      Appender app = db.appender();
      long ref = app.append(0, series(1), 1000, 1.0);
      assertThat(ref).isPositive();
      assertThat(samples(db, series(1), 0, 10_000)).isEmpty();
      app.commit();
      assertThat(samples(db, series(1), 0, 10_000)).hasSize(1);
      Appender second = db.appender();
      assertThat(second.append(ref, series(1), 2000, 2.0)).isEqualTo(ref);
      second.rollback();
      assertThat(samples(db, series(1), 0, 10_000)).hasSize(1);
      assertThat(metric(db, "prometheus_tsdb_head_samples_appended_total")).isEqualTo(1);
      assertThat(db.startTime()).isEqualTo(1000);
    }
  }

  @Test
  void aTransactionReleasesEverySeriesItPinnedSoTruncationCanRemoveThem() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      Appender first = db.appender();
      for (int i = 1; i <= 3; i++) {
        first.append(0, series(i), 1000, i);
      }
      first.commit();
      Appender app = db.appender();
      long r1 = app.append(0, series(1), 2000, 1);
      app.append(r1, series(1), 3000, 1); // a second sample of a pinned series
      app.append(0, series(2), 1000, 2); // identical to its newest: dropped, but pinned
      assertThatThrownBy(() -> app.append(0, series(3), 500, 3)) // out of order, pinned
          .isInstanceOf(SampleRejectedException.class);
      app.commit();
      Appender rolledBack = db.appender();
      rolledBack.append(r1, series(1), 4000, 1);
      rolledBack.rollback();
      assertThat(samples(db, series(1), 0, 10_000)).hasSize(3);
      db.head.truncate(10_000); // every series ends before: removed unless a pin was left
      assertThat(db.head.allPostings()).isEmpty();
    }
  }

  @Test
  void anInterruptedCommitLeavesTheWalUsable() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      Appender app = db.appender();
      app.append(0, series(1), 1000, 1.0);
      Thread.currentThread().interrupt(); // a cancelled scrape or rule evaluation
      try {
        app.commit();
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag kept").isTrue();
      } finally {
        Thread.interrupted();
      }
      Appender next = db.appender();
      next.append(0, series(1), 2000, 2.0);
      next.commit();
      db.syncWal();
    }
    try (Tsdb reopened = open(options(dir).build())) {
      assertThat(samples(reopened, series(1), 0, 10_000)).extracting(s -> s[0]).containsExactly(1000L, 2000L);
    }
  }

  @Test
  void outOfOrderAndDuplicatesAreRejectedPerSeriesWithCounters() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      Appender app = db.appender();
      app.append(0, series(1), 10_000, 1.0);
      app.append(0, series(2), 5_000, 1.0);
      app.commit();
      Appender next = db.appender();
      assertThatThrownBy(() -> next.append(0, series(1), 9_000, 1.0))
          .isInstanceOfSatisfying(SampleRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.OUT_OF_ORDER);
            assertThat(e.getMessage()).isEqualTo("out of order sample");
          });
      assertThatThrownBy(() -> next.append(0, series(1), 10_000, 2.0))
          .isInstanceOfSatisfying(SampleRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE));
      next.append(0, series(1), 10_000, 1.0); // same timestamp, same value: accepted silently
      next.append(0, series(2), 9_000, 1.0); // another series is unaffected
      next.append(0, series(2), 12_000, 1.0);
      assertThatThrownBy(() -> next.append(0, series(2), 11_000, 1.0)).isInstanceOf(SampleRejectedException.class);
      next.commit();
      assertThat(samples(db, series(1), 0, 100_000)).hasSize(1);
      assertThat(samples(db, series(2), 0, 100_000)).extracting(s -> s[0]).containsExactly(5_000L, 9_000L, 12_000L);
      assertThat(metric(db, "prometheus_tsdb_out_of_order_samples_total")).isEqualTo(2);
      assertThat(metric(db, "swarmmon_tsdb_duplicate_samples_total")).isEqualTo(1);
    }
  }

  @Test
  void aSampleMadeStaleByAnotherCommitIsRejectedThereAndStaysRejectedAfterReplay() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      Appender first = db.appender();
      Appender second = db.appender();
      Appender third = db.appender();
      // all three pass the append-time check: nothing is committed yet
      first.append(0, series(1), 10_000, 1.0);
      second.append(0, series(1), 10_000, 2.0);
      third.append(0, series(1), 5_000, 3.0);
      second.append(0, series(2), 10_000, 4.0);
      first.commit();
      second.commit(); // series 1 now holds 10_000 = 1.0: 2.0 is a duplicate, series 2 unaffected
      third.commit(); // 5_000 is out of order now
      assertThat(samples(db, series(1), 0, 100_000)).extracting(x -> x[1])
          .containsExactly(Double.doubleToRawLongBits(1.0));
      assertThat(samples(db, series(2), 0, 100_000)).hasSize(1);
      assertThat(metric(db, "swarmmon_tsdb_duplicate_samples_total")).isEqualTo(1);
      assertThat(metric(db, "prometheus_tsdb_out_of_order_samples_total")).isEqualTo(1);
      assertThat(metric(db, "prometheus_tsdb_head_samples_appended_total")).isEqualTo(2);
    }
    try (Tsdb db = open(options(dir).build())) {
      assertThat(samples(db, series(1), 0, 100_000)).extracting(x -> x[1])
          .containsExactly(Double.doubleToRawLongBits(1.0));
      assertThat(samples(db, series(2), 0, 100_000)).hasSize(1);
    }
  }

  @Test
  void samplesFarBehindTheHeadAreOutOfBounds() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 1, 0, 3 * HOUR, 60_000);
      Appender app = db.appender();
      assertThatThrownBy(() -> app.append(0, series(5), 3 * HOUR - 2 * HOUR, 1))
          .isInstanceOfSatisfying(SampleRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OUT_OF_BOUNDS));
      assertThat(metric(db, "prometheus_tsdb_out_of_bound_samples_total")).isEqualTo(1);
    }
  }

  @Test
  void walReplayRestoresEverySampleAndTheStalenessMarker() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 50, 0, 100 * 15_000, 15_000);
      Appender app = db.appender();
      app.append(0, series(1), 100 * 15_000, StaleNaN.VALUE);
      app.commit();
    }
    try (Tsdb db = open(options(dir).build())) {
      for (int i = 0; i < 50; i++) {
        assertThat(samples(db, series(i), 0, Long.MAX_VALUE)).hasSize(i == 1 ? 101 : 100);
      }
      List<long[]> s1 = samples(db, series(1), 0, Long.MAX_VALUE);
      assertThat(s1.get(100)[1]).isEqualTo(StaleNaN.BITS);
      assertThat(s1.get(3)[1]).isEqualTo(Double.doubleToRawLongBits(TsdbTestSupport.value(1, 3 * 15_000)));
      // appending goes on where it stopped, with out-of-order checks intact
      Appender app = db.appender();
      assertThatThrownBy(() -> app.append(0, series(2), 0, 1)).isInstanceOf(SampleRejectedException.class);
      app.append(0, series(2), 101 * 15_000, 1);
      app.commit();
    }
  }

  @Test
  void headIsCompactedIntoBlocksAndQueriesSpanBlocksAndHead() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 20, 0, 5 * HOUR, 60_000);
      db.maintain();
      assertThat(db.blocks()).hasSize(1);
      Block b = db.blocks().get(0);
      assertThat(b.minTime()).isEqualTo(0);
      assertThat(b.maxTime()).isEqualTo(2 * HOUR);
      assertThat(b.meta.stats().numSeries()).isEqualTo(20);
      assertThat(b.meta.stats().numSamples()).isEqualTo(20 * 120);
      assertThat(db.head.minTime()).isGreaterThanOrEqualTo(2 * HOUR);
      assertThat(samples(db, series(7), 0, Long.MAX_VALUE)).hasSize(300);
      assertThat(samples(db, series(7), HOUR, 3 * HOUR - 1)).hasSize(120);
      assertThat(metric(db, "prometheus_tsdb_compactions_total")).isEqualTo(1);
      assertThat(metric(db, "prometheus_tsdb_blocks_loaded")).isEqualTo(1);
      assertThat(metric(db, "prometheus_tsdb_storage_blocks_bytes")).isPositive();
    }
    try (Tsdb db = open(options(dir).build())) {
      assertThat(db.blocks()).hasSize(1);
      for (int i = 0; i < 20; i++) {
        List<long[]> s = samples(db, series(i), 0, Long.MAX_VALUE);
        assertThat(s).hasSize(300);
        for (int k = 0; k < s.size(); k++) {
          assertThat(s.get(k)[0]).isEqualTo(k * 60_000L);
        }
      }
      // a sample into the range of a written block is out of bounds
      Appender app = db.appender();
      assertThatThrownBy(() -> app.append(0, series(1), HOUR, 1)).isInstanceOf(SampleRejectedException.class);
    }
  }

  @Test
  void selectMatchesLabelsAcrossSourcesAndListsNamesAndValues() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 9, 0, 5 * HOUR, 60_000);
      db.maintain();
      try (Querier q = db.querier(0, Long.MAX_VALUE)) {
        List<Series> found = q.select(List.of(Matcher.equal("__name__", "metric_1"), Matcher.regex("instance", "host-[14]")));
        assertThat(found).extracting(s -> s.labels().get("instance")).containsExactly("host-1", "host-4");
        Series one = found.get(0);
        SampleIterator it = one.iterator();
        assertThat(it.seek(2 * HOUR + 30_000)).isTrue();
        assertThat(it.timestamp()).isEqualTo(2 * HOUR + 60_000);
        assertThat(it.seek(HOUR)).isTrue(); // seek never goes back
        assertThat(it.timestamp()).isEqualTo(2 * HOUR + 60_000);
        assertThat(q.labelNames(List.of())).containsExactly("__name__", "instance", "job");
        assertThat(q.labelValues("__name__", List.of())).containsExactly("metric_0", "metric_1", "metric_2");
        assertThat(q.labelValues("instance", List.of(Matcher.equal("__name__", "metric_2"))))
            .containsExactly("host-2", "host-5", "host-8");
        assertThat(q.select(List.of(Matcher.of(MatchType.NOT_REGEX, "instance", "host-[0-7]"), Matcher.regex("job", ".+"))))
            .extracting(s -> s.labels().get("instance")).containsExactly("host-8");
      }
    }
  }

  @Test
  void blocksAreCompactedIntoLargerOnes() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 10, 0, 8 * HOUR, 60_000);
      db.maintain();
      // blocks [0,2h) [2h,4h) [4h,6h) form one 6h window, compacted into one block
      assertThat(db.blocks()).extracting(Block::minTime, Block::maxTime)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 6 * HOUR));
      assertThat(db.blocks().get(0).meta.compaction().level()).isEqualTo(2);
      assertThat(db.blocks().get(0).meta.compaction().sources()).hasSize(3);
      assertThat(metric(db, "prometheus_tsdb_compactions_total")).isEqualTo(4);
      assertThat(count(db, List.of(Matcher.equal("job", "node")), 0, Long.MAX_VALUE)).isEqualTo(10 * 8 * 60);
    }
    assertThat(dir.toFile().list((d, n) -> n.contains(".tmp"))).isEmpty();
  }

  @Test
  void retentionByTimeAndBySizeDeletesOldestBlocks() throws Exception {
    try (Tsdb db = open(options(dir).maxBlockDuration(java.time.Duration.ofHours(2)).build())) {
      ingest(db, 10, 0, 12 * HOUR, 60_000);
      db.maintain();
      assertThat(db.blocks()).hasSize(5);
    }
    try (Tsdb db = open(options(dir).maxBlockDuration(java.time.Duration.ofHours(2)).retentionTime(java.time.Duration.ofHours(5)).build())) {
      db.maintain();
      // newest block ends at 10h: blocks ending before 5h go
      assertThat(db.blocks()).extracting(Block::minTime).containsExactly(4 * HOUR, 6 * HOUR, 8 * HOUR);
      assertThat(metric(db, "prometheus_tsdb_time_retentions_total")).isEqualTo(1);
    }
    long oneBlock = Fs.size(dir) / 6;
    try (Tsdb db = open(options(dir).maxBlockDuration(java.time.Duration.ofHours(2)).retentionSizeBytes(Fs.size(dir.resolve("wal")) + 2 * oneBlock + oneBlock / 2).build())) {
      db.maintain();
      assertThat(db.blocks()).hasSizeLessThanOrEqualTo(2);
      assertThat(db.blocks().get(db.blocks().size() - 1).minTime()).isEqualTo(8 * HOUR);
      assertThat(metric(db, "prometheus_tsdb_size_retentions_total")).isEqualTo(1);
      assertThat(db.startTime()).isGreaterThanOrEqualTo(6 * HOUR);
    }
  }

  @Test
  void deletedSeriesVanishAtOnceAndCleanTombstonesRewritesBlocks() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 4, 0, 5 * HOUR, 60_000);
      db.maintain();
      db.deleteSeries(List.of(Matcher.equal("instance", "host-1")), HOUR, 3 * HOUR);
      List<long[]> s = samples(db, series(1), 0, Long.MAX_VALUE);
      assertThat(s).hasSize(300 - 121);
      assertThat(s).noneMatch(x -> x[0] >= HOUR && x[0] <= 3 * HOUR);
      assertThat(samples(db, series(2), 0, Long.MAX_VALUE)).hasSize(300);
      assertThat(metric(db, "prometheus_tsdb_tombstones")).isEqualTo(1);
    }
    try (Tsdb db = open(options(dir).build())) {
      // tombstones on disk and the head deletion in the WAL survive a restart
      assertThat(samples(db, series(1), 0, Long.MAX_VALUE)).hasSize(300 - 121);
      String before = db.blocks().get(0).meta.ulid();
      db.cleanTombstones();
      assertThat(db.blocks().get(0).meta.ulid()).isNotEqualTo(before);
      assertThat(db.blocks().get(0).hasTombstones()).isFalse();
      assertThat(db.blocks().get(0).meta.stats().numSamples()).isEqualTo(4 * 120 - 60);
      assertThat(samples(db, series(1), 0, Long.MAX_VALUE)).hasSize(300 - 121);
    }
  }

  @Test
  void snapshotHoldsBlocksAndHeadAndOpensAsADatabase() throws Exception {
    Path snap;
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 5, 0, 5 * HOUR, 60_000);
      db.maintain();
      snap = db.snapshot(false);
      assertThat(snap.getParent()).isEqualTo(dir.resolve("snapshots"));
      assertThat(snap.getFileName().toString()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}");
      Path blocksOnly = db.snapshot(true);
      assertThat(java.nio.file.Files.list(blocksOnly).count()).isEqualTo(1);
    }
    try (Tsdb copy = open(options(snap).build())) {
      assertThat(copy.blocks()).hasSize(2);
      for (int i = 0; i < 5; i++) {
        assertThat(samples(copy, series(i), 0, Long.MAX_VALUE)).hasSize(300);
      }
    }
  }

  @Test
  void statusAndMetricsDescribeTheHead() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 6, 1000, 1000 + 10 * 15_000, 15_000);
      TsdbStatus status = db.status(2);
      assertThat(status.headStats().numSeries()).isEqualTo(6);
      assertThat(status.headStats().minTime()).isEqualTo(1000);
      assertThat(status.headStats().maxTime()).isEqualTo(1000 + 9 * 15_000);
      assertThat(status.headStats().chunkCount()).isEqualTo(6);
      assertThat(status.headStats().numLabelPairs()).isEqualTo(3 + 6 + 1);
      assertThat(status.seriesCountByMetricName()).containsExactly(new TsdbStatus.Count("metric_0", 2), new TsdbStatus.Count("metric_1", 2));
      assertThat(status.labelValueCountByLabelName().get(0)).isEqualTo(new TsdbStatus.Count("instance", 6));
      assertThat(status.seriesCountByLabelValuePair().get(0)).isEqualTo(new TsdbStatus.Count("job=node", 6));
      assertThat(metric(db, "prometheus_tsdb_head_series")).isEqualTo(6);
      assertThat(metric(db, "prometheus_tsdb_head_chunks")).isEqualTo(6);
      assertThat(metric(db, "prometheus_tsdb_wal_corruptions_total")).isZero();
    }
  }

  @Test
  void aSecondProcessCannotOpenTheSameDirectory() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      assertThatThrownBy(() -> open(options(dir).build())).hasMessageContaining("lock DB directory");
    }
  }

  @Test
  void emptyLabelsAreRefused() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      assertThatThrownBy(() -> db.appender().append(0, Labels.EMPTY, 1, 1)).hasMessageContaining("empty labelset");
    }
  }
}
