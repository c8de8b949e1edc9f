package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.SampleRejectedException;
import org.swarmmon.collector.storage.SampleRejectedException.Reason;
import org.swarmmon.labels.Labels;

/**
 * One transaction against the head. Samples are checked as they are appended (so a rejected one
 * throws at once), kept here until commit, then written to the WAL and to memory under the head's
 * commit lock. Series touched by the transaction are pinned so head truncation cannot remove them.
 *
 * <p>As in Prometheus's head appender, the commit writes every sample that passed the append-time
 * check to the WAL and then appends each to its series, where a sample another transaction made
 * stale meanwhile is rejected (and counted) under the series' lock. Replay applies the same rule
 * (a sample not newer than the series' last one is dropped), so memory and WAL agree, and the
 * commit touches each series once: at 200k series that memory access is most of its cost.
 */
final class HeadAppender implements Appender {

  private static final AtomicLong IDS = new AtomicLong();

  private final Head head;
  private final Wal wal;
  private final Runnable afterCommit;
  private final long id = IDS.incrementAndGet();
  private HeadSeries[] series;
  private long[] refs;
  private long[] ts;
  private double[] vs;
  /** Per sample: the index in {@link #pinned} of its series' pin, or -1 when not known. */
  private int[] pins;
  private int n;
  /** Per pin: whether the commit released it already (under the series' lock with the append). */
  private boolean[] released = new boolean[0];
  private final List<HeadSeries> pinned;
  /** Series pinned here that had no series record in the WAL when pinned. */
  private final List<HeadSeries> unlogged = new ArrayList<>();
  /** WAL write failures before this transaction; see {@link #write}. */
  private final int walFailures;

  HeadAppender(Head head, Wal wal, Runnable afterCommit) {
    this.head = head;
    this.wal = wal;
    this.afterCommit = afterCommit;
    this.walFailures = head.walFailures;
    // sized like the last transaction: a scrape appends about as many samples as the previous one
    int size = Math.max(16, Math.min(head.txnSizeHint, 1 << 20));
    series = new HeadSeries[size];
    refs = new long[size];
    ts = new long[size];
    vs = new double[size];
    pins = new int[size];
    pinned = new ArrayList<>(size);
  }

  @Override
  public long append(long ref, Labels labels, long t, double v) {
    if (t < head.appendableMinValidTime()) {
      head.metrics.outOfBounds.increment();
      throw new SampleRejectedException(Reason.OUT_OF_BOUNDS);
    }
    HeadSeries s = ref != 0 ? head.byRef.get(ref) : null;
    if (s == null) {
      if (labels == null || labels.isEmpty()) {
        throw new IllegalArgumentException("empty labelset: invalid sample");
      }
      s = head.byLabels.get(labels);
    }
    int check;
    if (s != null && s.txn == id) {
      int last = s.txnIndex;
      if (last >= 0 && last < n && series[last] == s) {
        long lt = ts[last];
        boolean same = Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(vs[last]);
        check = t > lt ? 0 : t < lt ? 2 : same ? 1 : 3;
      } else {
        check = s.commitCheck(t, v);
      }
    } else {
      check = s == null ? -1 : s.pinAndCheck(t, v);
      if (check == -1) {
        s = head.getOrCreatePinned(s == null ? labels : s.labels);
        check = s.commitCheck(t, v);
      }
      pinned.add(s);
      s.txn = id;
      s.txnIndex = -2 - (pinned.size() - 1); // no sample here yet: the pin's index, encoded
      if (!s.walLogged) {
        unlogged.add(s);
      }
    }
    if (check == 1) {
      return s.ref; // same timestamp and value as the newest sample: dropped silently
    }
    if (check > 1) {
      (check == 2 ? head.metrics.outOfOrder : head.metrics.duplicates).increment();
      throw new SampleRejectedException(check == 2 ? Reason.OUT_OF_ORDER : Reason.DUPLICATE);
    }
    if (n == ts.length) {
      series = Arrays.copyOf(series, n * 2);
      refs = Arrays.copyOf(refs, n * 2);
      ts = Arrays.copyOf(ts, n * 2);
      vs = Arrays.copyOf(vs, n * 2);
      pins = Arrays.copyOf(pins, n * 2);
    }
    pins[n] = pinOf(s);
    series[n] = s;
    refs[n] = s.ref;
    ts[n] = t;
    vs[n] = v;
    s.txnIndex = n;
    n++;
    return s.ref;
  }

  /** The index of {@code s}'s pin in this transaction, or -1 when a racing transaction blurred it. */
  private int pinOf(HeadSeries s) {
    if (s.txn != id) {
      return -1;
    }
    int last = s.txnIndex;
    if (last >= 0) {
      return last < n && series[last] == s ? pins[last] : -1;
    }
    int pin = -2 - last;
    return pin >= 0 && pin < pinned.size() && pinned.get(pin) == s ? pin : -1;
  }

  @Override
  public void commit() {
    try {
      if (n > 0) {
        synchronized (head.commitLock) {
          write();
        }
      }
    } finally {
      release();
    }
    afterCommit.run();
  }

  private void write() {
    long minValid = head.minValidTime();
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (ts[i] < minValid) { // the head was truncated past it meanwhile
        head.metrics.outOfBounds.increment();
        continue;
      }
      series[k] = series[i];
      pins[k] = pins[i];
      refs[k] = refs[i];
      ts[k] = ts[i];
      vs[k] = vs[i];
      k++;
    }
    if (k == 0) {
      return;
    }
    List<HeadSeries> logged = new ArrayList<>(unlogged.size());
    // a failed WAL write marks its new series unlogged again, which an append racing with it may
    // not have seen: then every pinned series is checked here, under the commit lock
    for (HeadSeries s : walFailures == head.walFailures ? unlogged : pinned) {
      if (!s.walLogged) { // another transaction may have logged it since
        s.walLogged = true;
        logged.add(s);
      }
    }
    List<Wal.Record> records = new ArrayList<>(2);
    if (!logged.isEmpty()) {
      records.add(Head.seriesRecord(logged));
    }
    records.add(Head.samplesRecord(refs, ts, vs, k));
    try {
      wal.log(records);
    } catch (RuntimeException e) {
      for (HeadSeries s : logged) {
        s.walLogged = false;
      }
      head.walFailures++;
      throw e;
    }
    if (released.length < pinned.size()) {
      released = new boolean[pinned.size()];
    }
    head.applyBatch(series, ts, vs, pins, released, k);
  }

  @Override
  public void rollback() {
    release();
  }

  private void release() {
    if (n > 0) {
      head.txnSizeHint = n;
    }
    for (int i = 0; i < pinned.size(); i++) {
      HeadSeries s = pinned.get(i);
      if (s.txn == id) {
        s.txn = 0;
        s.txnIndex = -1;
      }
      if (i < released.length && released[i]) {
        released[i] = false;
      } else {
        s.unpin();
      }
    }
    pinned.clear();
    unlogged.clear();
    Arrays.fill(series, 0, n, null);
    n = 0;
  }
}
