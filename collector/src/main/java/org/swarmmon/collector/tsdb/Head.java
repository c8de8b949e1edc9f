package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/** The in-memory head: recent series with their chunks, the inverted index, and the time bounds. */
final class Head implements Postings.Source {

  final SeriesByLabels byLabels = new SeriesByLabels();
  final SeriesRefs byRef = new SeriesRefs();
  final MemPostings postings = new MemPostings();
  /** Serialises commits, so the WAL and memory see samples in the same order. */
  final Object commitLock = new Object();
  final long blockRange;
  final int samplesPerChunk;
  final TsdbMetrics metrics;
  /** Samples in the last committed transaction; new appenders size their buffers by it. */
  volatile int txnSizeHint = 64;
  /** Failed WAL writes of commits; written under the commit lock. */
  volatile int walFailures;
  private final AtomicLong lastRef = new AtomicLong();
  private final AtomicLong minTime = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
  private volatile long minValidTime = Long.MIN_VALUE;

  Head(long blockRange, int samplesPerChunk, TsdbMetrics metrics) {
    this.blockRange = blockRange;
    this.samplesPerChunk = samplesPerChunk;
    this.metrics = metrics;
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
    if (!s.append(t, v, blockRange, samplesPerChunk)) {
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
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int appended = 0;
    for (int i = 0; i < n; i++) {
      int result = series[i].appendChecked(ts[i], vs[i], blockRange, samplesPerChunk);
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

  void addReplayedChunk(HeadSeries s, Chunk c) {
    s.addChunk(c);
    minTime.accumulateAndGet(c.mint(), Math::min);
    maxTime.accumulateAndGet(c.maxt(), Math::max);
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
      if (s == null) {
        continue;
      }
      List<Chunk> chunks = s.chunks(mint, maxt);
      if (!chunks.isEmpty()) {
        out.add(new SeriesChunks(s.labels, chunks, List.of()));
      }
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return out;
  }

  /** Deletes [mint, maxt] from matching series; returns the refs touched (for the WAL). */
  List<Long> delete(List<Matcher> matchers, long mint, long maxt) {
    List<Long> refs = new ArrayList<>();
    for (long ref : select(matchers)) {
      HeadSeries s = byRef.get(ref);
      if (s != null) {
        s.delete(List.of(new Interval(mint, maxt)));
        refs.add(ref);
      }
    }
    return refs;
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
    return Wal.Record.of(Wal.SERIES, b);
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
    return Wal.Record.of(Wal.SAMPLES, b);
  }

  static Wal.Record tombstonesRecord(List<Long> refs, long mint, long maxt) {
    Encbuf b = new Encbuf(24 * refs.size());
    for (long ref : refs) {
      b.putBE64(ref).putVarint(mint).putVarint(maxt);
    }
    return Wal.Record.of(Wal.TOMBSTONES, b);
  }

  /** The head as checkpoint records: every series, then its chunks (the open one as closed). */
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
      for (Chunk c : s.chunks(Long.MIN_VALUE, Long.MAX_VALUE)) {
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
    return out;
  }

  /** Applies WAL records during replay; refs of series that were merged are mapped via {@code alias}. */
  final class Replayer implements Wal.RecordHandler {
    private final Map<Long, HeadSeries> alias = new HashMap<>();
    private final java.util.Set<Long> aliased = new java.util.HashSet<>();
    long samples;

    @Override
    public void record(byte type, Decbuf d) {
      switch (type) {
        case Wal.SERIES -> {
          while (d.remaining() > 0) {
            long ref = d.getBE64();
            int n = d.getUvarintInt();
            Labels.Builder lb = Labels.builder();
            for (int i = 0; i < n; i++) {
              lb.set(d.getUvarintString(), d.getUvarintString());
            }
            HeadSeries s = getOrCreateForReplay(ref, lb.build());
            alias.put(ref, s);
            if (s.ref != ref) {
              aliased.add(ref); // these labels came back under a new ref: map the old one
            }
          }
        }
        case Wal.SAMPLES -> {
          long firstRef = d.getBE64();
          long firstT = d.getBE64();
          long min = Long.MAX_VALUE;
          long max = Long.MIN_VALUE;
          int appended = 0;
          while (d.remaining() > 0) {
            long ref = firstRef + d.getVarint();
            long t = firstT + d.getVarint();
            double v = Double.longBitsToDouble(d.getBE64());
            HeadSeries s = byRef.get(ref);
            if (s == null || s.ref != ref || !aliased.isEmpty() && aliased.contains(ref)) {
              s = alias.get(ref);
            }
            if (s == null) {
              metrics.walReplayUnknownRefs.increment();
            } else if (t >= minValidTime && s.append(t, v, blockRange, samplesPerChunk)) {
              appended++;
              min = Math.min(min, t);
              max = Math.max(max, t);
            }
          }
          if (appended > 0) {
            long lo = min;
            long hi = max;
            minTime.accumulateAndGet(lo, Math::min);
            maxTime.accumulateAndGet(hi, Math::max);
            metrics.samplesAppended.add(appended);
            samples += appended;
          }
        }
        case Wal.TOMBSTONES -> {
          while (d.remaining() > 0) {
            HeadSeries s = alias.get(d.getBE64());
            Interval i = new Interval(d.getVarint(), d.getVarint());
            if (s != null) {
              s.delete(List.of(i));
            }
          }
        }
        case Wal.CHUNKS -> {
          while (d.remaining() > 0) {
            HeadSeries s = alias.get(d.getBE64());
            Chunk c = new Chunk(d.getVarint(), d.getVarint(), d.getUvarintBytes());
            if (s != null && c.maxt() >= minValidTime) {
              addReplayedChunk(s, c);
            }
          }
        }
        default -> throw new CorruptionException("unknown WAL record type " + type);
      }
    }
  }
}
