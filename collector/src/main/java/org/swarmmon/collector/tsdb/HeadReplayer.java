package org.swarmmon.collector.tsdb;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.swarmmon.collector.chunkenc.XorChunk;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.labels.Labels;

/**
 * Rebuilds the head at open: the full chunks found in the head chunk files are attached to their
 * series when the WAL's series record for it is replayed (series refs in the WAL are the ones the
 * chunk files name), then samples at or before a series' newest mapped one are dropped as held.
 * Refs of series that were merged are mapped via {@code alias}.
 */
final class HeadReplayer implements Wal.RecordHandler {

  private Head head;
  private final Map<Long, HeadSeries> alias = new HashMap<>();
  private final Set<Long> aliased = new HashSet<>();
  /** Mapped chunks by series ref, (chunk ref, mint, maxt) triples; removed once attached. */
  private final Map<Long, long[]> mapped = new HashMap<>();
  long samples;
  long mappedChunks;

  /** Starts the replay of the WAL into {@code head}, after every chunk was {@link #loaded}. */
  void start(Head head) {
    this.head = head;
  }

  /** Collects a chunk found in the head chunk files; all of them come before the WAL is replayed. */
  void loaded(HeadChunks.Loaded c) {
    long[] old = mapped.get(c.seriesRef());
    long[] next = old == null ? new long[3] : java.util.Arrays.copyOf(old, old.length + 3);
    next[next.length - 3] = c.chunkRef();
    next[next.length - 2] = c.mint();
    next[next.length - 1] = c.maxt();
    mapped.put(c.seriesRef(), next);
  }

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
          HeadSeries s = head.getOrCreateForReplay(ref, lb.build());
          alias.put(ref, s);
          if (s.ref != ref) {
            aliased.add(ref); // these labels came back under a new ref: map the old one
          }
          attach(ref, s);
        }
      }
      case Wal.SAMPLES -> {
        long firstRef = d.getBE64();
        long firstT = d.getBE64();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int appended = 0;
        long minValid = head.minValidTime();
        while (d.remaining() > 0) {
          long ref = firstRef + d.getVarint();
          long t = firstT + d.getVarint();
          double v = Double.longBitsToDouble(d.getBE64());
          HeadSeries s = head.byRef.get(ref);
          if (s == null || s.ref != ref || !aliased.isEmpty() && aliased.contains(ref)) {
            s = alias.get(ref);
          }
          if (s == null) {
            head.metrics.walReplayUnknownRefs.increment();
          } else if (t >= minValid && s.append(t, v, head.blockRange, head.samplesPerChunk, head.disk)) {
            appended++;
            min = Math.min(min, t);
            max = Math.max(max, t);
          }
        }
        added(appended, min, max);
      }
      case Wal.TOMBSTONES -> {
        while (d.remaining() > 0) {
          long ref = d.getBE64();
          long mint = d.getVarint();
          long maxt = d.getVarint();
          HeadSeries s = alias.get(ref);
          // clamped as when it was made (logs of earlier versions hold the interval as asked)
          if (s != null && !head.isEmpty() && mint <= head.maxTime() && maxt >= head.minTime()) {
            head.addTombstone(s.ref, new Interval(Math.max(mint, head.minTime()), Math.min(maxt, head.maxTime())));
          }
        }
      }
      case Wal.CHUNKS -> {
        // a checkpoint's open chunks (all chunks, in checkpoints of earlier versions): appended
        // again sample by sample, so full ones go to the head chunk files like any other
        long minValid = head.minValidTime();
        while (d.remaining() > 0) {
          HeadSeries s = alias.get(d.getBE64());
          d.getVarint();
          d.getVarint();
          byte[] data = d.getUvarintBytes();
          if (s == null) {
            continue;
          }
          SampleIterator it = XorChunk.iterator(data);
          long min = Long.MAX_VALUE;
          long max = Long.MIN_VALUE;
          int appended = 0;
          while (it.next()) {
            long t = it.timestamp();
            if (t >= minValid && s.append(t, it.value(), head.blockRange, head.samplesPerChunk, head.disk)) {
              appended++;
              min = Math.min(min, t);
              max = Math.max(max, t);
            }
          }
          added(appended, min, max);
        }
      }
      default -> throw new CorruptionException("unknown WAL record type " + type);
    }
  }

  private void attach(long ref, HeadSeries s) {
    long[] chunks = mapped.remove(ref);
    if (chunks == null) {
      return;
    }
    int before = s.chunkCount();
    s.attachMmapped(chunks, chunks.length, head.minValidTime(), head.disk);
    int added = s.chunkCount() - before;
    if (added > 0) {
      mappedChunks += added;
      head.extendTimeRange(s.minTime(), s.lastTimestamp());
    }
  }

  private void added(int appended, long min, long max) {
    if (appended > 0) {
      head.extendTimeRange(min, max);
      head.metrics.samplesAppended.add(appended);
      samples += appended;
    }
  }
}
