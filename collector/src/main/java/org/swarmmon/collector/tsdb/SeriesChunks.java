package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;
import java.util.List;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.labels.Labels;

/** One series as one source (head or a block) holds it: chunks in time order and deletions. */
record SeriesChunks(Labels labels, List<Chunk> chunks, List<Interval> deleted) {

  /** The samples in [mint, maxt] that are not deleted. */
  SampleIterator iterator(long mint, long maxt) {
    return new ChunksIterator(chunks, deleted, mint, maxt);
  }

  Series asSeries(long mint, long maxt) {
    return Series.of(labels, () -> iterator(mint, maxt));
  }

  private static final class ChunksIterator implements SampleIterator {
    private final List<Chunk> chunks;
    private final List<Interval> deleted;
    private final long mint;
    private final long maxt;
    private int index = -1;
    private XorChunk.Iterator current;
    private boolean done;
    private boolean positioned;
    private long skipBefore;
    private long t;
    private double v;

    ChunksIterator(List<Chunk> chunks, List<Interval> deleted, long mint, long maxt) {
      this.chunks = chunks;
      this.deleted = deleted;
      this.mint = mint;
      this.maxt = maxt;
      this.skipBefore = mint;
    }

    @Override
    public boolean next() {
      while (!done) {
        if (current == null || !current.next()) {
          nextChunk();
          continue;
        }
        long ts = current.timestamp();
        if (ts < mint || (!deleted.isEmpty() && Interval.deleted(deleted, ts))) {
          continue;
        }
        if (ts > maxt) {
          done = true;
          break;
        }
        t = ts;
        v = current.value();
        positioned = true;
        return true;
      }
      positioned = false;
      return false;
    }

    private void nextChunk() {
      current = null;
      while (++index < chunks.size()) {
        Chunk c = chunks.get(index);
        if (c.mint() > maxt) {
          break;
        }
        if (c.maxt() >= skipBefore) {
          current = XorChunk.iterator(c.data());
          return;
        }
      }
      done = true;
    }

    @Override
    public boolean seek(long ts) {
      if (positioned && t >= ts) {
        return true;
      }
      if (done) {
        return false;
      }
      skipBefore = Math.max(skipBefore, ts);
      if (current != null && chunks.get(index).maxt() < ts) {
        current = null;
      }
      while (next()) {
        if (t >= ts) {
          return true;
        }
      }
      return false;
    }

    @Override
    public long timestamp() {
      return t;
    }

    @Override
    public double value() {
      return v;
    }
  }
}
