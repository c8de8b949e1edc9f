package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.SampleRejectedException.Reason;
import org.swarmmon.labels.Labels;

/**
 * One series in the head: closed chunks (exactly sized byte arrays) and one open chunk. A chunk is
 * cut at {@code samplesPerChunk} samples or when a sample crosses a block-range boundary, so no
 * chunk ever spans two blocks. The series is its open chunk's appender (which has samples when its
 * {@link #count()} is not 0) rather than holding one: every scrape appends to every series, and at
 * hundreds of thousands of series each object an append walks through is a cache miss.
 */
final class HeadSeries extends XorChunk.Appender {

  private static final Chunk[] NO_CHUNKS = new Chunk[0];

  final long ref;
  final Labels labels;

  private Chunk[] closed = NO_CHUNKS;
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
  synchronized boolean append(long t, double v, long blockRange, int samplesPerChunk) {
    return appendChecked(t, v, blockRange, samplesPerChunk) == 0;
  }

  /** Appends when newer than the last sample: 0, else what {@link #commitCheck} says. */
  synchronized int appendChecked(long t, double v, long blockRange, int samplesPerChunk) {
    long lastT = lastT();
    if (lastT != Long.MIN_VALUE && t <= lastT) {
      return t < lastT ? 2 : Double.doubleToRawLongBits(v) == lastBits() ? 1 : 3;
    }
    if (count() > 0 && (count() >= samplesPerChunk || t >= openBoundary)) {
      closeOpen();
    }
    if (count() == 0) {
      openBoundary = Math.floorDiv(t, blockRange) * blockRange + blockRange;
    }
    super.append(t, v);
    return 0;
  }

  /** Adds a whole closed chunk (WAL checkpoint replay); it must be newer than everything held. */
  synchronized void addChunk(Chunk chunk) {
    long lastT = lastT();
    if (lastT != Long.MIN_VALUE && chunk.mint() <= lastT) {
      return;
    }
    closeOpen();
    closed = Arrays.copyOf(closed, closed.length + 1);
    closed[closed.length - 1] = chunk;
    SampleIterator it = XorChunk.iterator(chunk.data());
    while (it.next()) {
      setLast(it.timestamp(), Double.doubleToRawLongBits(it.value()));
    }
  }

  /** Moves the open chunk (whose newest sample is the series' last) to the closed ones. */
  private void closeOpen() {
    if (count() == 0) {
      return;
    }
    closed = Arrays.copyOf(closed, closed.length + 1);
    closed[closed.length - 1] = new Chunk(firstT(), lastT(), bytes());
    reset();
  }

  /** The chunks overlapping [mint, maxt], the open one copied, so readers never see it change. */
  synchronized List<Chunk> chunks(long mint, long maxt) {
    List<Chunk> out = new ArrayList<>();
    for (Chunk c : closed) {
      if (c.overlaps(mint, maxt)) {
        out.add(c);
      }
    }
    if (count() > 0 && firstT() <= maxt && lastT() >= mint) {
      out.add(new Chunk(firstT(), lastT(), bytes()));
    }
    return out;
  }

  synchronized int chunkCount() {
    return closed.length + (count() == 0 ? 0 : 1);
  }

  synchronized long minTime() {
    if (closed.length > 0) {
      return closed[0].mint();
    }
    return count() == 0 ? Long.MAX_VALUE : firstT();
  }

  synchronized long lastTimestamp() {
    return lastT();
  }

  /** Drops chunks that end before {@code mint}; returns whether the series is now empty. */
  synchronized boolean truncateBefore(long mint) {
    int keep = 0;
    while (keep < closed.length && closed[keep].maxt() < mint) {
      keep++;
    }
    if (keep > 0) {
      closed = keep == closed.length ? NO_CHUNKS : Arrays.copyOfRange(closed, keep, closed.length);
    }
    if (count() > 0 && lastT() < mint) {
      reset();
    }
    return closed.length == 0 && count() == 0;
  }

  /** Re-encodes the series without samples in the deleted intervals. */
  synchronized void delete(List<Interval> intervals) {
    List<Chunk> all = new ArrayList<>(Arrays.asList(closed));
    if (count() > 0) {
      all.add(new Chunk(firstT(), lastT(), bytes()));
    }
    boolean touched = false;
    for (Chunk c : all) {
      for (Interval i : intervals) {
        if (c.overlaps(i.mint(), i.maxt())) {
          touched = true;
        }
      }
    }
    if (!touched) {
      return;
    }
    List<Chunk> rewritten = new ArrayList<>();
    for (Chunk c : all) {
      XorChunk.Appender a = null;
      long cmin = 0;
      long cmax = 0;
      SampleIterator it = XorChunk.iterator(c.data());
      while (it.next()) {
        if (Interval.deleted(intervals, it.timestamp())) {
          continue;
        }
        if (a == null) {
          a = new XorChunk.Appender();
          cmin = it.timestamp();
        }
        a.append(it.timestamp(), it.value());
        cmax = it.timestamp();
      }
      if (a != null) {
        rewritten.add(new Chunk(cmin, cmax, a.bytes()));
      }
    }
    closed = rewritten.toArray(NO_CHUNKS);
    reset();
    // lastT stays: a deleted range must not let older samples in again
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
    if (pendingCommits > 0 || closed.length > 0 || count() > 0) {
      return false;
    }
    removed = true;
    return true;
  }
}
