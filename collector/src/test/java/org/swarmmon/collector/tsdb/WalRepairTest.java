package org.swarmmon.collector.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.ingest;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.metric;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.open;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.options;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.samples;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.series;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.WalReplayStatus;

class WalRepairTest {

  private static final long STEP = 15_000;

  @TempDir
  Path dir;

  private Path segment(int i) {
    return dir.resolve("wal").resolve(Wal.segmentName(i));
  }

  private void writeCommits(int commits) throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      ingest(db, 10, 0, commits * STEP, STEP);
    }
  }

  private void assertCommitsPresent(Tsdb db, int commits) {
    for (int i = 0; i < 10; i++) {
      List<long[]> s = samples(db, series(i), 0, Long.MAX_VALUE);
      assertThat(s).as("series %d", i).hasSize(commits);
    }
  }

  private void assertRepairedAndUsable(int commitsKept) throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      assertCommitsPresent(db, commitsKept);
      assertThat(metric(db, "prometheus_tsdb_wal_corruptions_total")).isEqualTo(1);
      ingest(db, 10, commitsKept * STEP, (commitsKept + 5) * STEP, STEP);
    }
    try (Tsdb db = open(options(dir).build())) {
      assertCommitsPresent(db, commitsKept + 5);
      assertThat(metric(db, "prometheus_tsdb_wal_corruptions_total")).isZero();
    }
  }

  @Test
  void truncatedTailIsCutAtTheLastGoodRecord() throws Exception {
    writeCommits(50);
    try (RandomAccessFile f = new RandomAccessFile(segment(0).toFile(), "rw")) {
      f.setLength(f.length() - 5);
    }
    assertRepairedAndUsable(49);
  }

  @Test
  void corruptBytesAtTheTailAreDetectedByTheChecksum() throws Exception {
    writeCommits(50);
    try (RandomAccessFile f = new RandomAccessFile(segment(0).toFile(), "rw")) {
      f.seek(f.length() - 20);
      byte b = f.readByte();
      f.seek(f.length() - 20);
      f.writeByte(b ^ 0x5a);
    }
    assertRepairedAndUsable(49);
  }

  @Test
  void zeroFilledTailIsRepaired() throws Exception {
    writeCommits(50);
    Files.write(segment(0), new byte[4096], java.nio.file.StandardOpenOption.APPEND);
    assertRepairedAndUsable(50);
  }

  @Test
  void corruptionInAnEarlierSegmentDropsTheSegmentsAfterIt() throws Exception {
    try (Tsdb db = open(options(dir).walSegmentSize(4096).build())) {
      ingest(db, 10, 0, 200 * STEP, STEP);
    }
    List<Integer> before = Wal.segments(dir.resolve("wal"));
    assertThat(before.size()).isGreaterThan(3);
    // the first record of segment 2 is damaged: segments 0 and 1 survive, later ones go
    try (RandomAccessFile f = new RandomAccessFile(segment(2).toFile(), "rw")) {
      f.seek(Wal.HEADER + 3);
      f.writeByte(0xff ^ f.readByte());
    }
    try (Tsdb db = open(options(dir).walSegmentSize(4096).build())) {
      assertThat(metric(db, "prometheus_tsdb_wal_corruptions_total")).isEqualTo(1);
      List<long[]> s = samples(db, series(0), 0, Long.MAX_VALUE);
      assertThat(s).isNotEmpty().hasSizeLessThan(200);
      for (int k = 0; k < s.size(); k++) {
        assertThat(s.get(k)[0]).isEqualTo(k * STEP); // a prefix, no holes
      }
      Appender app = db.appender();
      app.append(0, series(0), 1_000 * STEP, 1);
      app.commit();
    }
    assertThat(Files.size(segment(2))).isZero();
    assertThat(Files.exists(segment(3))).as("segment after the corrupt one is deleted, then reused").isTrue();
  }

  @Test
  void theReplayStatusNamesTheSegmentsReadAtOpen() throws Exception {
    try (Tsdb db = open(options(dir).build())) {
      assertThat(db.walReplay()).isEqualTo(new WalReplayStatus(0, 0, 0));
      ingest(db, 10, 0, 5 * STEP, STEP);
    }
    try (Tsdb db = open(options(dir).build())) {
      // segment 0 from the first run, segment 1 opened empty by the second
      assertThat(db.walReplay()).isEqualTo(new WalReplayStatus(0, 0, 0));
    }
    try (Tsdb db = open(options(dir).build())) {
      assertThat(db.walReplay()).isEqualTo(new WalReplayStatus(0, 1, 1));
      assertCommitsPresent(db, 5);
    }
  }
}
