package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.HOUR;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.ingest;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.open;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.options;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.samples;
import static org.swarmmon.collector.tsdb.TsdbTestSupport.series;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

class BlockTest {

  @TempDir
  Path dir;

  private static Chunk chunk(long from, int n, double base) {
    XorChunk.Appender a = new XorChunk.Appender();
    for (int i = 0; i < n; i++) {
      a.append(from + i * 1000L, i == n - 1 ? StaleNaN.VALUE : base + i);
    }
    return new Chunk(from, from + (n - 1) * 1000L, a.bytes());
  }

  @Test
  void writtenBlockReadsBackSeriesChunksAndPostings() throws Exception {
    List<SeriesChunks> in = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Labels l = Labels.of("__name__", "m", "i", String.format("%03d", i), "odd", i % 2 == 1 ? "yes" : "");
      in.add(new SeriesChunks(l, List.of(chunk(0, 120, i), chunk(120_000, 30, -i)), List.of()));
    }
    in.sort((a, b) -> a.labels().compareTo(b.labels()));
    Path written = BlockWriter.write(dir, Ulid.next(0), 0, 3_600_000, 1, List.of(), List.of(), in.iterator());
    Block b = Block.open(written);
    assertThat(b.meta.stats().numSeries()).isEqualTo(50);
    assertThat(b.meta.stats().numSamples()).isEqualTo(50 * 150);
    assertThat(b.meta.stats().numChunks()).isEqualTo(100);
    assertThat(b.index.labelValues("odd")).containsExactly("yes");
    assertThat(b.index.labelNames()).containsExactly("__name__", "i", "odd");
    List<SeriesChunks> odd = b.series(List.of(Matcher.equal("odd", "yes"), Matcher.regex("i", "00.")), 0, Long.MAX_VALUE);
    assertThat(odd).extracting(s -> s.labels().get("i")).containsExactly("001", "003", "005", "007", "009");
    SampleIterator it = odd.get(0).iterator(0, Long.MAX_VALUE);
    int n = 0;
    double last = 0;
    while (it.next()) {
      n++;
      last = it.value();
    }
    assertThat(n).isEqualTo(150);
    assertThat(StaleNaN.is(last)).isTrue();
    // only the chunks overlapping the range are loaded
    assertThat(b.series(List.of(Matcher.equal("i", "007")), 130_000, 140_000).get(0).chunks()).hasSize(1);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly(written.getFileName().toString());
  }

  @Test
  void longPostingsListsAreDecodedOnceAndAnswerAlikeFromTheCache() throws Exception {
    List<SeriesChunks> in = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Labels l = Labels.of("__name__", i % 3 == 0 ? "a" : "b", "i", String.format("%04d", i), "m", "" + i % 7);
      in.add(new SeriesChunks(l, List.of(chunk(0, 3, i)), List.of()));
    }
    in.sort((a, b) -> a.labels().compareTo(b.labels()));
    Block b = Block.open(BlockWriter.write(dir, Ulid.next(0), 0, 3_600_000, 1, List.of(), List.of(), in.iterator()));
    List<List<Matcher>> selections = List.of(
        List.of(Matcher.equal("__name__", "b"), Matcher.equal("m", "3")),
        List.of(Matcher.equal("__name__", "a")),
        List.of(Matcher.of(org.swarmmon.labels.MatchType.NOT_EQUAL, "m", "1")),
        List.of(Matcher.regex("__name__", "a|b"), Matcher.equal("i", "0042")));
    for (List<Matcher> ms : selections) {
      List<Labels> expected = in.stream().map(SeriesChunks::labels)
          .filter(l -> ms.stream().allMatch(m -> m.matches(l))).toList();
      for (int round = 0; round < 3; round++) {
        assertThat(b.series(ms, 0, Long.MAX_VALUE)).extracting(SeriesChunks::labels).isEqualTo(expected);
      }
    }
    // the all-postings list and the name lists (1000 and 2000 references) are kept, bounded
    assertThat(b.index.postings("__name__", "b")).isSameAs(b.index.postings("__name__", "b")).hasSize(2000);
    assertThat(b.index.allPostings()).isSameAs(b.index.allPostings()).hasSize(3000);
  }

  @Test
  void postingsCacheEvictsLeastRecentlyUsedListsBeyondItsBudget() {
    PostingsCache cache = new PostingsCache(10);
    cache.put(1, new long[4]);
    cache.put(2, new long[4]);
    cache.get(1);
    cache.put(3, new long[4]);
    assertThat(cache.get(2)).isNull();
    assertThat(cache.get(1)).hasSize(4);
    assertThat(cache.get(3)).hasSize(4);
    assertThat(cache.refs()).isEqualTo(8);
    cache.put(4, new long[11]);
    assertThat(cache.get(4)).isNull();
    cache.put(5, new long[10]);
    assertThat(cache.get(5)).hasSize(10);
    assertThat(cache.get(1)).isNull();
    assertThat(cache.refs()).isEqualTo(10);
  }

  @Test
  void aCorruptBlockIsNeverServedAndLeftoversAreRemoved() throws Exception {
    try (Tsdb db = open(options(dir).maxBlockDuration(Duration.ofHours(2)).build())) {
      ingest(db, 5, 0, 7 * HOUR, 60_000);
      db.maintain();
      assertThat(db.blocks()).hasSize(2);
    }
    Path first;
    // the oldest block by time (ULIDs made at one fake instant sort at random): were it the newer
    // one, the head would get its samples back from the head chunk files, not yet truncated
    try (Stream<Path> s = Files.list(dir)) {
      first = s.filter(p -> Ulid.looksLike(p.getFileName().toString()))
          .min(java.util.Comparator.comparingLong(p -> {
            try {
              return Block.open(p).minTime();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })).orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(first.resolve("index").toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }
    assertThatThrownBy(() -> Block.open(first)).isInstanceOf(CorruptionException.class);
    Files.createDirectories(dir.resolve(Ulid.next(0) + BlockWriter.TMP_SUFFIX).resolve("chunks"));
    try (Tsdb db = open(options(dir).maxBlockDuration(Duration.ofHours(2)).build())) {
      assertThat(db.blocks()).hasSize(1);
      assertThat(db.blocks().get(0).dir).isNotEqualTo(first);
      assertThat(samples(db, series(1), 0, Long.MAX_VALUE)).hasSize(7 * 60 - 120);
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp"));
    }
  }

  @Test
  void parentsLeftBehindByAnInterruptedCompactionAreDeleted() throws Exception {
    try (Tsdb db = open(options(dir).maxBlockDuration(Duration.ofHours(2)).build())) {
      ingest(db, 5, 0, 9 * HOUR, 60_000);
      db.maintain();
      assertThat(db.blocks()).hasSize(3);
    }
    Path saved = dir.resolveSibling(dir.getFileName() + "-saved");
    Path parent = Files.list(dir).filter(p -> Ulid.looksLike(p.getFileName().toString())).sorted().findFirst().orElseThrow();
    copy(parent, saved);
    try (Tsdb db = open(options(dir).build())) {
      db.maintain();
      assertThat(db.blocks()).hasSize(1);
    }
    copy(saved, parent); // as if the crash came before the parents were deleted
    try (Tsdb db = open(options(dir).build())) {
      assertThat(db.blocks()).hasSize(1);
      assertThat(Files.exists(parent)).isFalse();
      assertThat(samples(db, series(2), 0, Long.MAX_VALUE)).hasSize(9 * 60);
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
