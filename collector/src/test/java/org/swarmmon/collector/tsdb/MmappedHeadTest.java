package org.swarmmon.collector.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.HOUR;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.ingest;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.metric;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.open;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.options;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.samples;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.series;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.value;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.labels.Matcher;

/** The head's full chunks in {@code chunks_head/}: restarts, crashes, truncation, deletions. */
class MmappedHeadTest {

  private static final int SERIES = 6;

  @TempDir
  Path dir;

  private List<Path> chunkFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("chunks_head"))) {
      return s.sorted().toList();
    }
  }

  private static void assertAll(Tsdb db, long from, long to, long step) {
    for (int i = 0; i < SERIES; i++) {
      List<long[]> got = samples(db, series(i), Long.MIN_VALUE, Long.MAX_VALUE);
      assertThat(got).as("series %d", i).hasSize((int) ((to - from) / step));
      for (int k = 0; k < got.size(); k++) {
        long t = from + k * step;
        assertThat(got.get(k)[0]).isEqualTo(t);
        assertThat(got.get(k)[1]).isEqualTo(Double.doubleToRawLongBits(value(i, t)));
      }
    }
  }

  @Test
  void fullChunksLiveInChunksHeadAndComeBackAfterARestart() throws Exception {
    long to = 1000 * 15_000L; // 1000 samples a series: 8 full chunks and an open one
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, SERIES, 0, to, 15_000);
      assertThat(metric(db, "prometheus_tsdb_head_chunks")).isEqualTo(SERIES * 9);
      assertThat(metric(db, "prometheus_tsdb_head_chunks_storage_size_bytes")).isGreaterThan(SERIES * 8 * 100);
      assertAll(db, 0, to, 15_000);
      // a query spanning full chunks on disk and the open one, starting and ending inside chunks
      List<long[]> part = samples(db, series(2), 100 * 15_000L, 990 * 15_000L);
      assertThat(part).hasSize(891);
      assertThat(part.get(0)[0]).isEqualTo(100 * 15_000L);
    }
    assertThat(chunkFiles()).extracting(p -> p.getFileName().toString()).containsExactly("000001");
    try (Tsdb db = open(options(dir).build())) {
      assertThat(metric(db, "prometheus_tsdb_head_chunks")).isEqualTo(SERIES * 9);
      assertThat(metric(db, "prometheus_tsdb_mmap_chunk_corruptions_total")).isZero();
      assertAll(db, 0, to, 15_000);
      ingest(db, SERIES, to, to + 200 * 15_000L, 15_000);
      assertAll(db, 0, to + 200 * 15_000L, 15_000);
    }
    try (Tsdb db = open(options(dir).build())) {
      assertAll(db, 0, to + 200 * 15_000L, 15_000);
    }
  }

  @Test
  void aTornChunkFileIsRepairedAndTheWalFillsIn() throws Exception {
    Path file = dir.resolve("chunks_head").resolve("000001");
    long synced;
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, SERIES, 0, 5 * HOUR, 15_000);
      db.maintain(); // a block, a truncated head, chunks synced and a checkpoint
      synced = Files.size(file);
      ingest(db, SERIES, 5 * HOUR, 6 * HOUR, 15_000);
    }
    long size = Files.size(file);
    assertThat(size - synced).isGreaterThan(1000);
    // what a crash can lose: chunks written after the last checkpoint, whose samples the WAL has
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(synced + (size - synced) / 2 + 5);
    }
    try (Tsdb db = open(options(dir).build())) {
      assertThat(metric(db, "prometheus_tsdb_mmap_chunk_corruptions_total")).isEqualTo(1);
      assertAll(db, 0, 6 * HOUR, 15_000);
    }
  }

  @Test
  void compactionDeletesTheChunkFilesTheHeadNoLongerNeeds() throws Exception {
    try (Tsdb db = open(options(dir).headChunkFileSize(1024).build())) {
      ingest(db, SERIES, 0, 5 * HOUR, 15_000);
      int before = chunkFiles().size();
      assertThat(before).isGreaterThan(8);
      db.maintain();
      assertThat(db.blocks()).hasSize(1);
      assertThat(db.head.minTime()).isEqualTo(2 * HOUR);
      int after = chunkFiles().size();
      assertThat(after).isLessThan(before);
      assertAll(db, 0, 5 * HOUR, 15_000);
    }
    // every file left has a chunk the head still needs (one ending at or after its min time)
    List<HeadChunks.Loaded> loaded = new ArrayList<>();
    HeadChunks.open(dir.resolve("chunks_head"), 1024, new TsdbMetrics(), loaded::add).close();
    java.util.Map<Long, Long> newestByFile = new java.util.HashMap<>();
    loaded.forEach(c -> newestByFile.merge(c.chunkRef() >>> 32, c.maxt(), Math::max));
    assertThat(newestByFile.values()).isNotEmpty().allMatch(maxt -> maxt >= 2 * HOUR);
    try (Tsdb db = open(options(dir).headChunkFileSize(1024).build())) {
      assertAll(db, 0, 5 * HOUR, 15_000);
    }
  }

  @Test
  void headDeletionsAreTombstonesThatSurviveCheckpointAndRestart() throws Exception {
    List<Matcher> host1 = List.of(Matcher.equal("instance", "host-1"));
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, SERIES, 0, 4 * HOUR, 15_000);
      db.deleteSeries(host1, 3 * HOUR, Long.MAX_VALUE);
      assertThat(samples(db, series(1), 0, Long.MAX_VALUE)).hasSize(3 * 240);
      // clamped to the head's max time, as Prometheus: later samples are not deleted
      ingest(db, SERIES, 4 * HOUR, 5 * HOUR, 15_000);
      assertThat(samples(db, series(1), 0, Long.MAX_VALUE)).hasSize(4 * 240);
      db.maintain(); // [0, 2h) to a block; the checkpoint carries the head's deletion
      assertThat(db.blocks()).hasSize(1);
    }
    try (Tsdb db = open(options(dir).build())) {
      List<long[]> s = samples(db, series(1), 0, Long.MAX_VALUE);
      assertThat(s).hasSize(4 * 240);
      assertThat(s).noneMatch(x -> x[0] >= 3 * HOUR && x[0] < 4 * HOUR);
      assertThat(samples(db, series(2), 0, Long.MAX_VALUE)).hasSize(5 * 240);
      ingest(db, SERIES, 5 * HOUR, 6 * HOUR, 15_000);
      db.maintain(); // [2h, 4h) to a block, with the deletion applied
      assertThat(db.blocks()).hasSize(2);
      assertThat(db.blocks().get(1).meta.stats().numSamples()).isEqualTo(SERIES * 480 - 240);
      assertThat(samples(db, series(1), 0, Long.MAX_VALUE)).hasSize(5 * 240);
    }
  }

  @Test
  void aSnapshotHoldsTheMappedChunksOfTheHead() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, SERIES, 0, HOUR, 15_000);
      Path snap = db.snapshot(false);
      try (Tsdb copy = open(options(snap).build())) {
        assertAll(copy, 0, HOUR, 15_000);
        assertThat(copy.blocks()).hasSize(1);
      }
    }
  }
}
