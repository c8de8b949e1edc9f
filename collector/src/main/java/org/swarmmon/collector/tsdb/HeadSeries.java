package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.SampleRejectedException.Reason;
import org.swarmmon.labels.Labels;

/**
 * One series in the head: full chunks (on disk, see {@link HeadChunks}) and one open chunk. A chunk is
 * cut at {@code samplesPerChunk} samples or when a sample crosses a block-range boundary, so no
 * chunk ever spans two blocks. The series is its open chunk's appender (which has samples when its
 * {@link #count()} is not 0) rather than holding one: every scrape appends to every series, and at
 * hundreds of thousands of series each object an append walks through is a cache miss.
 */
final class HeadSeries extends XorChunk.Appender {

  private static final long[] NO_CHUNKS = new long[0];

  final long ref;
  final Labels labels;

  /**
   * The full chunks, written to the head chunk files: (chunk ref, mint, maxt) per chunk, oldest
   * first. 24 bytes a chunk instead of its ~150-200 bytes of encoded samples on the heap.
   */
  private long[] mmapped = NO_CHUNKS;
  /**
   * The block-range boundary the open chunk must not cross. The open chunk's first timestamp, the
   * series' last timestamp and value are the appender's; not keeping copies here saves a quarter
   * of this object, the largest one per series.
   */
  private long openBoundary;
  private int pendingCommits;
  private boolean removed;
  /** Whether a series record for this series is in the WAL; guarded by the head's commit lock. */
  boolean walLogged;
  /**
   * The id of the appender whose transaction last touched this series (0: none) and the index of
   * its last sample there. Only that appender's thread acts on a match; a racing overwrite just
   * makes it fall back to the committed state, and the commit-time check still keeps the WAL and
   * memory consistent. A number, not a reference to the appender: every scrape sets it on every
   * series it appends to, and a reference store into a long-lived object dirties a card the next
   * young collection has to scan.
   */
  long txn;
  int txnIndex;

  HeadSeries(long ref, Labels labels) {
    this.ref = ref;
    this.labels = labels;
  }

  /** Null when the sample can be appended (or is an identical duplicate), else why not. */
  synchronized Reason appendable(long t, double v) {
    long lastT = lastT();
    if (lastT == Long.MIN_VALUE || t > lastT) {
      return null;
    }
    if (t < lastT) {
      return Reason.OUT_OF_ORDER;
    }
    return Double.doubleToRawLongBits(v) == lastBits() ? null : Reason.DUPLICATE;
  }

  /** Pins the series for a transaction and checks a sample as {@link #commitCheck}; -1 when removed. */
  synchronized int pinAndCheck(long t, double v) {
    if (removed) {
      return -1;
    }
    pendingCommits++;
    return commitCheck(t, v);
  }

  /** At commit: 0 to append, 1 for an identical duplicate to drop, 2 out of order, 3 duplicate. */
  synchronized int commitCheck(long t, double v) {
    long lastT = lastT();
    if (lastT == Long.MIN_VALUE || t > lastT) {
      return 0;
    }
    if (t < lastT) {
      return 2;
    }
    return Double.doubleToRawLongBits(v) == lastBits() ? 1 : 3;
  }

  /** Appends; returns false when the sample was not newer than the last one (duplicate dropped). */
  synchronized boolean append(long t, double v, long blockRange, int samplesPerChunk, HeadChunks disk) {
    return appendChecked(t, v, blockRange, samplesPerChunk, disk) == 0;
  }

  /** Appends when newer than the last sample: 0, else what {@link #commitCheck} says. */
  synchronized int appendChecked(long t, double v, long blockRange, int samplesPerChunk, HeadChunks disk) {
    return appendChecked(t, v, blockRange, samplesPerChunk, disk, false);
  }

  /** As {@link #appendChecked}, also releasing one pin when {@code unpin}. */
  synchronized int appendChecked(long t, double v, long blockRange, int samplesPerChunk, HeadChunks disk,
      boolean unpin) {
    if (unpin) {
      pendingCommits--;
    }
    long lastT = lastT();
    if (lastT != Long.MIN_VALUE && t <= lastT) {
      return t < lastT ? 2 : Double.doubleToRawLongBits(v) == lastBits() ? 1 : 3;
    }
    if (count() > 0 && (count() >= samplesPerChunk || t >= openBoundary)) {
      closeOpen(disk);
    }
    if (count() == 0) {
      openBoundary = Math.floorDiv(t, blockRange) * blockRange + blockRange;
    }
    super.append(t, v);
    return 0;
  }

  /**
   * At open, before any sample: the series' chunks found in the head chunk files ({@code refs} as
   * (chunk ref, mint, maxt) triples in file order), those ending before {@code minValid} left out.
   * The newest sample of the last one becomes the series' last, so replayed samples up to it are
   * dropped as already held.
   */
  synchronized void attachMmapped(long[] refs, int n, long minValid, HeadChunks disk) {
    long[] kept = new long[n];
    int k = 0;
    long lastT = lastT();
    for (int i = 0; i < n; i += 3) {
      if (refs[i + 2] < minValid || lastT != Long.MIN_VALUE && refs[i + 1] <= lastT) {
        continue;
      }
      kept[k++] = refs[i];
      kept[k++] = refs[i + 1];
      kept[k++] = refs[i + 2];
      lastT = refs[i + 2];
    }
    if (k == 0 || count() > 0) {
      return;
    }
    mmapped = k == n ? kept : Arrays.copyOf(kept, k);
    SampleIterator it = XorChunk.iterator(disk.chunk(kept[k - 3], kept[k - 2], kept[k - 1]).data());
    while (it.next()) {
      setLast(it.timestamp(), Double.doubleToRawLongBits(it.value()));
    }
  }

  /** Writes the open chunk (whose newest sample is the series' last) to disk and keeps its ref. */
  private void closeOpen(HeadChunks disk) {
    if (count() == 0) {
      return;
    }
    long mint = firstT();
    long maxt = lastT();
    long ref = disk.write(this.ref, mint, maxt, bytes());
    long[] m = Arrays.copyOf(mmapped, mmapped.length + 3);
    m[m.length - 3] = ref;
    m[m.length - 2] = mint;
    m[m.length - 1] = maxt;
    mmapped = m;
    reset();
  }

  /**
   * The chunks overlapping [mint, maxt]: the full ones as views of their mapped file, which stay
   * readable after the file is deleted, and the open one copied, so readers never see it change.
   */
  synchronized List<Chunk> chunks(long mint, long maxt, HeadChunks disk) {
    List<Chunk> out = new ArrayList<>();
    for (int i = 0; i < mmapped.length; i += 3) {
      if (mmapped[i + 1] <= maxt && mmapped[i + 2] >= mint) {
        out.add(disk.chunk(mmapped[i], mmapped[i + 1], mmapped[i + 2]));
      }
    }
    if (count() > 0 && firstT() <= maxt && lastT() >= mint) {
      out.add(new Chunk(firstT(), lastT(), bytes()));
    }
    return out;
  }

  /** A copy of the open chunk; null when it has no sample. */
  synchronized Chunk openChunk() {
    return count() == 0 ? null : new Chunk(firstT(), lastT(), bytes());
  }

  synchronized int chunkCount() {
    return mmapped.length / 3 + (count() == 0 ? 0 : 1);
  }

  synchronized long minTime() {
    if (mmapped.length > 0) {
      return mmapped[1];
    }
    return count() == 0 ? Long.MAX_VALUE : firstT();
  }

  synchronized long lastTimestamp() {
    return lastT();
  }

  /** Drops chunks that end before {@code mint}; returns whether the series is now empty. */
  synchronized boolean truncateBefore(long mint) {
    int keep = 0;
    while (keep < mmapped.length && mmapped[keep + 2] < mint) {
      keep += 3;
    }
    if (keep > 0) {
      mmapped = keep == mmapped.length ? NO_CHUNKS : Arrays.copyOfRange(mmapped, keep, mmapped.length);
    }
    if (count() > 0 && lastT() < mint) {
      reset();
    }
    return mmapped.length == 0 && count() == 0;
  }

  /** Marks a pending append in an uncommitted transaction; false when the series was removed. */
  synchronized boolean pin() {
    if (removed) {
      return false;
    }
    pendingCommits++;
    return true;
  }

  synchronized void unpin() {
    pendingCommits--;
  }

  /** Removes the series when it is empty and no transaction is about to write to it. */
  synchronized boolean removeIfUnused() {
    if (pendingCommits > 0 || mmapped.length > 0 || count() > 0) {
      return false;
    }
    removed = true;
    return true;
  }
}
