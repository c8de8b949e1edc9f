package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.swarmmon.collector.storage.SampleIterator;

/**
 * Writes a block atomically: everything goes to {@code <ulid>.tmp-for-creation}, each file and the
 * directory are fsynced, then the directory is renamed to {@code <ulid>}. A crash leaves at most a
 * temporary directory, removed at the next start.
 */
final class BlockWriter {

  static final String TMP_SUFFIX = ".tmp-for-creation";

  private BlockWriter() {}

  /**
   * Writes the samples of {@code series} (sorted by labels) within [mint, maxt) without deleted
   * ones; returns the new block's directory, or null when there was no sample.
   */
  static Path write(Path dataDir, String ulid, long mint, long maxt, int level, List<String> sources,
      List<BlockMeta.Parent> parents, Iterator<SeriesChunks> series) throws IOException {
    Path tmp = dataDir.resolve(ulid + TMP_SUFFIX);
    Fs.deleteRecursively(tmp);
    Files.createDirectories(tmp);
    boolean done = false;
    try {
      List<IndexFile.Entry> entries = new ArrayList<>();
      long samples = 0;
      long chunkCount = 0;
      try (ChunkFiles.Writer cw = new ChunkFiles.Writer(tmp.resolve("chunks"))) {
        while (series.hasNext()) {
          SeriesChunks s = series.next();
          List<IndexFile.ChunkMeta> metas = new ArrayList<>();
          for (Chunk c : clip(s, mint, maxt - 1)) {
            metas.add(new IndexFile.ChunkMeta(c.mint(), c.maxt(), cw.write(c.data())));
            samples += c.samples();
          }
          if (!metas.isEmpty()) {
            entries.add(new IndexFile.Entry(s.labels(), metas));
            chunkCount += metas.size();
          }
        }
      }
      if (entries.isEmpty()) {
        return null;
      }
      IndexFile.write(tmp.resolve(IndexFile.FILE), entries);
      Tombstones.write(tmp, Map.of());
      BlockMeta meta = new BlockMeta(ulid, mint, maxt,
          new BlockMeta.Stats(samples, entries.size(), chunkCount, 0),
          new BlockMeta.Compaction(level, sources.isEmpty() ? List.of(ulid) : sources, parents), 1);
      Files.write(tmp.resolve(BlockMeta.FILE), meta.toJson());
      Fs.syncFile(tmp.resolve(BlockMeta.FILE));
      Fs.syncDir(tmp.resolve("chunks"));
      Fs.syncDir(tmp);
      Path dest = dataDir.resolve(ulid);
      Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
      Fs.syncDir(dataDir);
      done = true;
      return dest;
    } finally {
      if (!done) {
        Fs.deleteRecursively(tmp);
      }
    }
  }

  /**
   * The series' chunks restricted to [mint, maxt] without deleted samples; chunks that need no
   * change are kept as they are, others are re-encoded (overlapping chunks are merged).
   */
  static List<Chunk> clip(SeriesChunks s, long mint, long maxt) {
    List<Chunk> out = new ArrayList<>();
    boolean ordered = true;
    for (int i = 1; i < s.chunks().size(); i++) {
      if (s.chunks().get(i).mint() <= s.chunks().get(i - 1).maxt()) {
        ordered = false;
      }
    }
    if (ordered) {
      for (Chunk c : s.chunks()) {
        boolean inside = c.mint() >= mint && c.maxt() <= maxt;
        boolean touched = false;
        for (Interval i : s.deleted()) {
          touched |= c.overlaps(i.mint(), i.maxt());
        }
        if (inside && !touched) {
          out.add(c);
        } else if (c.overlaps(mint, maxt)) {
          encode(new SeriesChunks(s.labels(), List.of(c), s.deleted()).iterator(mint, maxt), out);
        }
      }
      return out;
    }
    List<SampleIterator> its = new ArrayList<>();
    for (Chunk c : s.chunks()) {
      its.add(new SeriesChunks(s.labels(), List.of(c), s.deleted()).iterator(mint, maxt));
    }
    encode(new MergedIterator(its), out);
    return out;
  }

  private static void encode(SampleIterator it, List<Chunk> out) {
    XorChunk.Appender a = null;
    long cmin = 0;
    long cmax = 0;
    while (it.next()) {
      if (a != null && a.count() >= 120) {
        out.add(new Chunk(cmin, cmax, a.bytes()));
        a = null;
      }
      if (a == null) {
        a = new XorChunk.Appender();
        cmin = it.timestamp();
      }
      a.append(it.timestamp(), it.value());
      cmax = it.timestamp();
    }
    if (a != null) {
      out.add(new Chunk(cmin, cmax, a.bytes()));
    }
  }

  /** Merges series iterators sorted by labels; equal labels become one series with all chunks. */
  static Iterator<SeriesChunks> merge(List<Iterator<SeriesChunks>> sources) {
    record Head(SeriesChunks s, int source) {}
    PriorityQueue<Head> queue = new PriorityQueue<>(
        Comparator.comparing((Head h) -> h.s().labels()).thenComparingInt(Head::source));
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).hasNext()) {
        queue.add(new Head(sources.get(i).next(), i));
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !queue.isEmpty();
      }

      @Override
      public SeriesChunks next() {
        Head first = queue.poll();
        List<Chunk> chunks = new ArrayList<>();
        List<Head> same = new ArrayList<>();
        same.add(first);
        while (!queue.isEmpty() && queue.peek().s().labels().equals(first.s().labels())) {
          same.add(queue.poll());
        }
        for (Head h : same) {
          if (sources.get(h.source()).hasNext()) {
            queue.add(new Head(sources.get(h.source()).next(), h.source()));
          }
        }
        if (same.size() == 1) {
          return first.s();
        }
        // apply each source's own deletions before combining
        for (Head h : same) {
          for (Chunk c : clip(h.s(), Long.MIN_VALUE, Long.MAX_VALUE)) {
            chunks.add(c);
          }
        }
        chunks.sort(Comparator.comparingLong(Chunk::mint));
        return new SeriesChunks(first.s().labels(), chunks, List.of());
      }
    };
  }
}
