package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * The head: recent series with their open chunks in memory and full chunks in the head chunk files,
 * the inverted index, the time bounds, and deletions. As in Prometheus, a deletion in the head is a
 * tombstone applied when reading (and when compacting into a block), since full chunks on disk are
 * never rewritten.
 */
final class Head implements Postings.Source {

  final SeriesByLabels byLabels = new SeriesByLabels();
  final SeriesRefs byRef = new SeriesRefs();
  final MemPostings postings = new MemPostings();
  /** Serialises commits, so the WAL and memory see samples in the same order. */
  final Object commitLock = new Object();
  final long blockRange;
  final int samplesPerChunk;
  final TsdbMetrics metrics;
  final HeadChunks disk;
  /** Deleted intervals by series ref; values are never changed in place. */
  final Map<Long, List<Interval>> tombstones = new ConcurrentHashMap<>();
  /** Samples in the last committed transaction; new appenders size their buffers by it. */
  volatile int txnSizeHint = 64;
  /** Failed WAL writes of commits; written under the commit lock. */
  volatile int walFailures;
  private final AtomicLong lastRef = new AtomicLong();
  private final AtomicLong minTime = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
  private volatile long minValidTime = Long.MIN_VALUE;

  Head(long blockRange, int samplesPerChunk, TsdbMetrics metrics, HeadChunks disk) {
    this.blockRange = blockRange;
    this.samplesPerChunk = samplesPerChunk;
    this.metrics = metrics;
    this.disk = disk;
  }

  long minTime() {
    return minTime.get();
  }

  long maxTime() {
    return maxTime.get();
  }

  boolean isEmpty() {
    return maxTime.get() == Long.MIN_VALUE || minTime.get() > maxTime.get();
  }

  void setMinValidTime(long t) {
    minValidTime = Math.max(minValidTime, t);
  }

  long minValidTime() {
    return minValidTime;
  }

  /** Samples older than this are out of bounds: into a written block, or half a block behind. */
  long appendableMinValidTime() {
    long max = maxTime.get();
    long fromHead = max == Long.MIN_VALUE ? Long.MIN_VALUE : max - blockRange / 2;
    return Math.max(minValidTime, fromHead);
  }

  /** The series for labels, created if new, pinned against removal until the caller unpins it. */
  HeadSeries getOrCreatePinned(Labels labels) {
    while (true) {
      HeadSeries s = byLabels.get(labels);
      if (s != null) {
        if (s.pin()) {
          return s;
        }
        Thread.onSpinWait(); // being removed right now
        continue;
      }
      HeadSeries created = new HeadSeries(lastRef.incrementAndGet(), labels);
      created.pin();
      if (byLabels.putIfAbsent(created) == null) {
        byRef.put(created);
        postings.add(created.ref, labels);
        metrics.seriesCreated.increment();
        return created;
      }
    }
  }

  /** During replay: the series with this ref, or the one that already has these labels. */
  HeadSeries getOrCreateForReplay(long ref, Labels labels) {
    HeadSeries s = byLabels.get(labels);
    if (s != null) {
      return s;
    }
    s = new HeadSeries(ref, labels);
    byLabels.putIfAbsent(s);
    byRef.put(s);
    postings.add(ref, labels);
    lastRef.accumulateAndGet(ref, Math::max);
    metrics.seriesCreated.increment();
    return s;
  }

  /** Appends a committed (already validated) sample to its series. */
  boolean apply(HeadSeries s, long t, double v) {
    if (!s.append(t, v, blockRange, samplesPerChunk, disk)) {
      return false;
    }
    minTime.accumulateAndGet(t, Math::min);
    maxTime.accumulateAndGet(t, Math::max);
    metrics.samplesAppended.increment();
    return true;
  }

  /**
   * Appends a committed batch; a sample no longer newer than its series' last one (another
   * transaction wrote to the series since it was checked) is rejected and counted. Returns how
   * many samples were appended.
   */
  int applyBatch(HeadSeries[] series, long[] ts, double[] vs, int n) {
    return applyBatch(series, ts, vs, null, null, n);
  }

  /**
   * Appends a committed transaction's samples. With {@code pins}, each sample's pin index in the
   * transaction (-1: unknown), the first sample of a pin also releases it under the same lock
   * and marks it in {@code released}, instead of a second lock per series after the commit.
   */
  int applyBatch(HeadSeries[] series, long[] ts, double[] vs, int[] pins, boolean[] released, int n) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int appended = 0;
    for (int i = 0; i < n; i++) {
      int pin = pins == null ? -1 : pins[i];
      boolean unpin = pin >= 0 && !released[pin];
      if (unpin) {
        released[pin] = true;
      }
      int result = series[i].appendChecked(ts[i], vs[i], blockRange, samplesPerChunk, disk, unpin);
      if (result == 0) {
        appended++;
        min = Math.min(min, ts[i]);
        max = Math.max(max, ts[i]);
      } else if (result > 1) {
        (result == 2 ? metrics.outOfOrder : metrics.duplicates).increment();
      }
    }
    if (appended > 0) {
      long lo = min;
      long hi = max;
      if (minTime.get() > lo) {
        minTime.accumulateAndGet(lo, Math::min);
      }
      if (maxTime.get() < hi) {
        maxTime.accumulateAndGet(hi, Math::max);
      }
      metrics.samplesAppended.add(appended);
    }
    return appended;
  }

  /** Drops everything before {@code mint} and the series left empty. */
  void truncate(long mint) {
    setMinValidTime(mint);
    long newMin = Long.MAX_VALUE;
    for (HeadSeries s : byRef.values()) {
      if (s.truncateBefore(mint)) {
        if (s.removeIfUnused()) {
          byLabels.remove(s);
          byRef.remove(s);
          postings.remove(s.ref, s.labels);
          tombstones.remove(s.ref);
          metrics.seriesRemoved.increment();
        }
      } else {
        newMin = Math.min(newMin, s.minTime());
      }
    }
    minTime.set(newMin == Long.MAX_VALUE ? Math.max(mint, minTime.get()) : newMin);
    if (newMin == Long.MAX_VALUE && maxTime.get() < mint) {
      minTime.set(Long.MAX_VALUE);
      maxTime.set(Long.MIN_VALUE);
    }
    for (Map.Entry<Long, List<Interval>> e : tombstones.entrySet()) {
      List<Interval> live = e.getValue().stream().filter(i -> i.maxt() >= mint).toList();
      if (live.size() != e.getValue().size()) {
        if (live.isEmpty()) {
          tombstones.remove(e.getKey());
        } else {
          tombstones.put(e.getKey(), live);
        }
      }
    }
    metrics.headTruncations.increment();
  }

  long[] select(List<Matcher> matchers) {
    return Postings.forMatchers(this, matchers);
  }

  /** The matching series with their chunks in [mint, maxt], sorted by labels. */
  List<SeriesChunks> series(List<Matcher> matchers, long mint, long maxt) {
    List<SeriesChunks> out = new ArrayList<>();
    for (long ref : select(matchers)) {
      HeadSeries s = byRef.get(ref);
      SeriesChunks sc = s == null ? null : load(s, mint, maxt);
      if (sc != null) {
        out.add(sc);
      }
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return out;
  }

  /**
   * Every series with its chunks in [mint, maxt], sorted by labels, each read only when the
   * iterator reaches it: compacting the whole head must not hold all its chunks at once.
   */
  Iterator<SeriesChunks> allSeries(long mint, long maxt) {
    List<HeadSeries> all = byRef.values();
    all.sort((a, b) -> a.labels.compareTo(b.labels));
    return new Iterator<>() {
      private int i;
      private SeriesChunks next;

      @Override
      public boolean hasNext() {
        while (next == null && i < all.size()) {
          next = load(all.get(i++), mint, maxt);
        }
        return next != null;
      }

      @Override
      public SeriesChunks next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        SeriesChunks out = next;
        next = null;
        return out;
      }
    };
  }

  /** The series' chunks in [mint, maxt] with its deletions, those wholly deleted left out; null when none. */
  private SeriesChunks load(HeadSeries s, long mint, long maxt) {
    List<Chunk> chunks = s.chunks(mint, maxt, disk);
    List<Interval> deleted = tombstones.getOrDefault(s.ref, List.of());
    if (!deleted.isEmpty()) {
      chunks.removeIf(c -> deleted.stream().anyMatch(i -> i.mint() <= c.mint() && i.maxt() >= c.maxt()));
    }
    return chunks.isEmpty() ? null : new SeriesChunks(s.labels, chunks, deleted);
  }

  /**
   * Deletes [mint, maxt], clamped to the head's time range as in Prometheus (so samples appended
   * later are not deleted), from matching series; returns the clamped interval and the refs
   * touched (for the WAL), or null when nothing was deleted.
   */
  Deletion delete(List<Matcher> matchers, long mint, long maxt) {
    if (isEmpty() || mint > maxTime() || maxt < minTime()) {
      return null;
    }
    Interval range = new Interval(Math.max(mint, minTime()), Math.min(maxt, maxTime()));
    List<Long> refs = new ArrayList<>();
    for (long ref : select(matchers)) {
      if (byRef.get(ref) != null) {
        addTombstone(ref, range);
        refs.add(ref);
      }
    }
    return refs.isEmpty() ? null : new Deletion(range, refs);
  }

  record Deletion(Interval range, List<Long> refs) {}

  void addTombstone(long ref, Interval i) {
    tombstones.merge(ref, List.of(i), (a, b) -> {
      List<Interval> all = new ArrayList<>(a);
      all.addAll(b);
      return List.copyOf(Interval.merge(all));
    });
  }

  @Override
  public long[] postings(String name, String value) {
    return postings.postings(name, value);
  }

  @Override
  public long[] allPostings() {
    return postings.allPostings();
  }

  @Override
  public long[] intersection(List<Matcher> equal) {
    return postings.intersection(equal);
  }

  @Override
  public Collection<String> labelValues(String name) {
    return postings.labelValues(name);
  }

  long chunkCount() {
    long n = 0;
    for (HeadSeries s : byRef.values()) {
      n += s.chunkCount();
    }
    return n;
  }

  // ---- WAL records ----

  static Wal.Record seriesRecord(List<HeadSeries> series) {
    Encbuf b = new Encbuf(64 * series.size());
    for (HeadSeries s : series) {
      b.putBE64(s.ref).putUvarint(s.labels.size());
      for (int i = 0; i < s.labels.size(); i++) {
        b.putUvarintString(s.labels.name(i)).putUvarintString(s.labels.value(i));
      }
    }
    return Wal.Record.owning(Wal.SERIES, b);
  }

  static Wal.Record samplesRecord(long[] refs, long[] ts, double[] vs, int n) {
    Encbuf b = new Encbuf(16 + 14 * n);
    long firstRef = refs[0];
    long firstT = ts[0];
    b.putBE64(firstRef).putBE64(firstT);
    for (int i = 0; i < n; i++) {
      b.putVarint(refs[i] - firstRef).putVarint(ts[i] - firstT)
          .putBE64(Double.doubleToRawLongBits(vs[i]));
    }
    return Wal.Record.owning(Wal.SAMPLES, b);
  }

  static Wal.Record tombstonesRecord(List<Long> refs, long mint, long maxt) {
    Encbuf b = new Encbuf(24 * refs.size());
    for (long ref : refs) {
      b.putBE64(ref).putVarint(mint).putVarint(maxt);
    }
    return Wal.Record.owning(Wal.TOMBSTONES, b);
  }

  /**
   * The head as checkpoint records: every series, its open chunk, and its deletions. Full chunks
   * are in the head chunk files, which must be synced after this is called and before the WAL
   * segments it replaces are deleted.
   */
  List<Wal.Record> checkpointRecords() {
    List<Wal.Record> out = new ArrayList<>();
    List<HeadSeries> batch = new ArrayList<>();
    Encbuf chunks = new Encbuf(1 << 16);
    for (HeadSeries s : byRef.values()) {
      batch.add(s);
      if (batch.size() == 10_000) {
        out.add(seriesRecord(batch));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      out.add(seriesRecord(batch));
    }
    for (HeadSeries s : byRef.values()) {
      Chunk c = s.openChunk();
      if (c != null) {
        chunks.putBE64(s.ref).putVarint(c.mint()).putVarint(c.maxt()).putUvarintBytes(c.data());
      }
      if (chunks.len() > 1 << 20) {
        out.add(Wal.Record.of(Wal.CHUNKS, chunks));
        chunks.reset();
      }
    }
    if (chunks.len() > 0) {
      out.add(Wal.Record.of(Wal.CHUNKS, chunks));
    }
    Encbuf deletions = new Encbuf(1024);
    tombstones.forEach((ref, intervals) -> {
      for (Interval i : intervals) {
        deletions.putBE64(ref).putVarint(i.mint()).putVarint(i.maxt());
      }
    });
    if (deletions.len() > 0) {
      out.add(Wal.Record.of(Wal.TOMBSTONES, deletions));
    }
    return out;
  }

  void extendTimeRange(long lo, long hi) {
    minTime.accumulateAndGet(lo, Math::min);
    maxTime.accumulateAndGet(hi, Math::max);
  }
}
