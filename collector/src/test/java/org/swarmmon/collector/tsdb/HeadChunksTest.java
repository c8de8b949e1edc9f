package org.swarmmon.collector.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.chunkenc.XorChunk;

class HeadChunksTest {

  @TempDir
  Path dir;

  private final TsdbMetrics metrics = new TsdbMetrics();

  private static byte[] chunk(long from, int n) {
    XorChunk.Appender a = new XorChunk.Appender();
    for (int i = 0; i < n; i++) {
      a.append(from + i * 15_000L, i * 1.5);
    }
    return a.bytes();
  }

  private List<HeadChunks.Loaded> reopen(long maxFileSize) throws Exception {
    List<HeadChunks.Loaded> loaded = new ArrayList<>();
    HeadChunks.open(dir, maxFileSize, metrics, loaded::add).close();
    return loaded;
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void chunksRoundTripThroughTheBufferTheMappingAndAReopen() throws Exception {
    List<Long> refs = new ArrayList<>();
    try (HeadChunks hc = HeadChunks.open(dir, 4096, metrics, c -> {})) {
      for (int i = 0; i < 100; i++) {
        refs.add(hc.write(i + 1, i * 1000L, i * 1000L + 999, chunk(i * 1000L, 5 + i % 7)));
      }
      // some are still in the write buffer, others in files (4 KiB each): all read back
      for (int i = 0; i < 100; i++) {
        Chunk c = hc.chunk(refs.get(i), i * 1000L, i * 1000L + 999);
        assertThat(c.data()).isEqualTo(chunk(i * 1000L, 5 + i % 7));
        assertThat(c.samples()).isEqualTo(5 + i % 7);
      }
      assertThat(hc.fileCount()).isGreaterThan(1);
    }
    List<HeadChunks.Loaded> loaded = reopen(4096);
    assertThat(loaded).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(loaded.get(i)).isEqualTo(new HeadChunks.Loaded(i + 1, refs.get(i), i * 1000L, i * 1000L + 999));
    }
    assertThat(metrics.mmapChunkCorruptions.sum()).isZero();
  }

  @Test
  void theFileIsPrometheussFormat() throws Exception {
    byte[] data = chunk(0, 3);
    long ref;
    try (HeadChunks hc = HeadChunks.open(dir, 1 << 20, metrics, c -> {})) {
      ref = hc.write(42, 0, 30_000, data);
    }
    assertThat(ref >>> 32).isEqualTo(1);
    assertThat((int) ref).isEqualTo(8);
    Path file = dir.resolve("000001");
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    assertThat(b.getInt()).isEqualTo(0x0130BC91);
    assertThat(b.get()).isEqualTo((byte) 1);
    b.position(8);
    assertThat(b.getLong()).isEqualTo(42);
    assertThat(b.getLong()).isZero();
    assertThat(b.getLong()).isEqualTo(30_000);
    assertThat(b.get()).isEqualTo(XorChunk.ENCODING);
    assertThat(b.get()).isEqualTo((byte) data.length);
    byte[] back = new byte[data.length];
    b.get(back);
    assertThat(back).isEqualTo(data);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 8, b.position() - 8);
    assertThat(b.getInt()).isEqualTo((int) crc.getValue());
    assertThat(b.hasRemaining()).isFalse();
  }

  @Test
  void aCorruptRecordCutsItsFileThereAndDeletesTheLaterFiles() throws Exception {
    try (HeadChunks hc = HeadChunks.open(dir, 512, metrics, c -> {})) {
      for (int i = 0; i < 60; i++) {
        hc.write(i + 1, i, i, chunk(i * 1000L, 10));
      }
    }
    List<Path> before = files();
    assertThat(before.size()).isGreaterThan(3);
    List<HeadChunks.Loaded> all = reopen(512);
    // flip one data byte of the second file's third chunk: the CRC no longer matches
    long[] offsets = all.stream().filter(c -> c.chunkRef() >>> 32 == 2).mapToLong(c -> (int) c.chunkRef()).toArray();
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("000002").toFile(), "rw")) {
      f.seek(offsets[2] + 30);
      int x = f.read();
      f.seek(offsets[2] + 30);
      f.write(x ^ 0xff);
    }
    List<HeadChunks.Loaded> loaded = reopen(512);
    long inFirst = all.stream().filter(c -> c.chunkRef() >>> 32 == 1).count();
    assertThat(loaded).hasSize((int) inFirst + 2);
    assertThat(loaded).isEqualTo(all.subList(0, (int) inFirst + 2));
    assertThat(metrics.mmapChunkCorruptions.sum()).isEqualTo(1);
    assertThat(Files.size(dir.resolve("000002"))).isEqualTo(offsets[2]);
    assertThat(Files.exists(dir.resolve("000003"))).isFalse();
    // the repaired directory opens cleanly
    assertThat(reopen(512)).hasSize((int) inFirst + 2);
    assertThat(metrics.mmapChunkCorruptions.sum()).isEqualTo(1);
  }

  @Test
  void aTornTailIsCutAtTheLastWholeRecord() throws Exception {
    List<Long> refs = new ArrayList<>();
    try (HeadChunks hc = HeadChunks.open(dir, 1 << 20, metrics, c -> {})) {
      for (int i = 0; i < 10; i++) {
        refs.add(hc.write(i + 1, i, i, chunk(i * 1000L, 20)));
      }
    }
    Path file = dir.resolve("000001");
    long size = Files.size(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size - 7); // the last record half written
    }
    List<HeadChunks.Loaded> loaded = reopen(1 << 20);
    assertThat(loaded).hasSize(9);
    assertThat(Files.size(file)).isEqualTo((int) (long) refs.get(9));
    assertThat(metrics.mmapChunkCorruptions.sum()).isEqualTo(1);
    // a file cut before its header is complete is deleted
    Files.write(dir.resolve("000009"), new byte[] {0x01, 0x30});
    assertThat(reopen(1 << 20)).hasSize(9);
    assertThat(Files.exists(dir.resolve("000009"))).isFalse();
  }

  @Test
  void truncateDeletesFilesWhoseChunksAllEndBeforeTheTimeAndChunksHeldStayReadable() throws Exception {
    try (HeadChunks hc = HeadChunks.open(dir, 512, metrics, c -> {})) {
      List<Long> refs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        refs.add(hc.write(1, i * 1000L, i * 1000L + 999, chunk(i * 1000L, 10)));
      }
      hc.sync();
      Chunk held = hc.chunk(refs.get(0), 0, 999); // a query's view of a chunk in file 1
      int files = hc.fileCount();
      long firstKept = refs.stream().filter(r -> r >>> 32 == 3).findFirst().orElseThrow();
      int idx = refs.indexOf(firstKept);
      int deleted = hc.truncate(idx * 1000L);
      assertThat(deleted).isEqualTo(2);
      assertThat(Files.exists(dir.resolve("000001"))).isFalse();
      assertThat(Files.exists(dir.resolve("000002"))).isFalse();
      assertThat(hc.fileCount()).isEqualTo(files - 2);
      // the mapping outlives the deleted file (Linux keeps its pages while mapped)
      assertThat(held.data()).isEqualTo(chunk(0, 10));
      assertThat(hc.chunk(firstKept, idx * 1000L, idx * 1000L + 999).data()).isEqualTo(chunk(idx * 1000L, 10));
      // when even the current file is all old, a new one is started and the old one goes
      int all = hc.truncate(Long.MAX_VALUE);
      assertThat(all).isEqualTo(files - 2);
      assertThat(hc.fileCount()).isEqualTo(1);
      long ref = hc.write(2, 0, 1, chunk(0, 2));
      assertThat(hc.chunk(ref, 0, 1).data()).isEqualTo(chunk(0, 2));
    }
  }
}
