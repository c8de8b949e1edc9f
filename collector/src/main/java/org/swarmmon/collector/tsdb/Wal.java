package org.swarmmon.collector.tsdb;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.swarmmon.collector.storage.WalReplayStatus;

/**
 * The write-ahead log: numbered segment files ({@code 00000000}, ...) of framed records
 * ({@code type:1 | length:4 | crc32c:4 | payload}) in directory {@code wal/}, plus at most one
 * {@code checkpoint.NNNNNNNN} directory that replaces all segments up to N. Each {@link #log} is
 * written to the OS at once (so it survives a killed process) and made durable by {@link #sync}.
 */
final class Wal implements Closeable {

  static final byte SERIES = 1;
  static final byte SAMPLES = 2;
  static final byte TOMBSTONES = 3;
  static final byte CHUNKS = 4;
  static final int HEADER = 9;
  private static final int MAX_RECORD = 256 << 20;
  private static final Logger LOG = Logger.getLogger(Wal.class.getName());

  private final Path dir;
  private final long segmentSize;
  private final TsdbMetrics metrics;
  private FileChannel segment;
  private int segmentIndex;
  private long segmentBytes;
  private long written;
  private volatile long synced;
  private boolean closed;

  /** Receives replayed records. */
  interface RecordHandler {
    void record(byte type, Decbuf payload);
  }

  private final WalReplayStatus replayed;

  private Wal(Path dir, long segmentSize, TsdbMetrics metrics, WalReplayStatus replayed) {
    this.dir = dir;
    this.segmentSize = segmentSize;
    this.metrics = metrics;
    this.replayed = replayed;
  }

  /** The segments the replay at open went through; all three the new segment when there were none. */
  WalReplayStatus replayed() {
    return replayed;
  }

  /**
   * Replays the checkpoint and the segments after it into {@code handler}, repairs a corrupt or
   * truncated tail (cuts the segment at the last good record, drops later segments), and opens a
   * fresh segment for writing.
   */
  static Wal openAndReplay(Path dir, long segmentSize, TsdbMetrics metrics, RecordHandler handler)
      throws IOException {
    Files.createDirectories(dir);
    long start = System.nanoTime();
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (name.startsWith("checkpoint.") && name.endsWith(".tmp")) {
        Fs.deleteRecursively(p);
      }
    }
    int checkpoint = latestCheckpoint(dir);
    if (checkpoint >= 0) {
      Path cp = dir.resolve(checkpointName(checkpoint));
      for (int s : segments(cp)) {
        long[] good = new long[1];
        String problem = readSegment(cp.resolve(segmentName(s)), handler, good);
        if (problem != null) {
          metrics.walCorruptions.increment();
          LOG.log(Level.SEVERE, "WAL checkpoint " + cp + " is corrupt at offset " + good[0] + ": " + problem +
              "; replaying what precedes it");
          break;
        }
      }
      LOG.log(Level.INFO, "WAL checkpoint loaded checkpoint=" + cp.getFileName() + " duration=" +
          ((System.nanoTime() - start) / 1_000_000) + "ms");
    }
    List<Integer> segs = new ArrayList<>();
    for (int s : segments(dir)) {
      if (s > checkpoint) {
        segs.add(s);
      }
    }
    int last = Math.max(checkpoint, -1);
    int max = segs.isEmpty() ? last : segs.get(segs.size() - 1);
    for (int i = 0; i < segs.size(); i++) {
      int s = segs.get(i);
      Path file = dir.resolve(segmentName(s));
      long[] good = new long[1];
      String problem = (i > 0 && s != segs.get(i - 1) + 1)
          ? "segment " + (segs.get(i - 1) + 1) + " is missing"
          : readSegment(file, handler, good);
      last = s;
      if (problem != null) {
        metrics.walCorruptions.increment();
        repair(dir, segs.subList(i, segs.size()), good[0], problem);
        break;
      }
      LOG.log(Level.INFO, "WAL segment loaded segment=" + s + " maxSegment=" + max);
    }
    LOG.log(Level.INFO, "WAL replay completed duration=" + ((System.nanoTime() - start) / 1_000_000) + "ms");
    WalReplayStatus replayed = segs.isEmpty() ? new WalReplayStatus(last + 1, last + 1, last + 1)
        : new WalReplayStatus(segs.get(0), max, last);
    Wal wal = new Wal(dir, segmentSize, metrics, replayed);
    wal.openSegment(last + 1);
    return wal;
  }

  private static void repair(Path dir, List<Integer> fromBad, long goodBytes, String problem) throws IOException {
    int bad = fromBad.get(0);
    Path file = dir.resolve(segmentName(bad));
    LOG.log(Level.WARNING, "WAL segment " + file + " is corrupt or truncated at offset " + goodBytes + " (" +
        problem + "); truncating it there and deleting " + (fromBad.size() - 1) + " later segment(s)");
    if (Files.exists(file)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(goodBytes);
        ch.force(true);
      }
    }
    for (int s : fromBad.subList(1, fromBad.size())) {
      Files.deleteIfExists(dir.resolve(segmentName(s)));
    }
    Fs.syncDir(dir);
  }

  /** Reads every record of a segment; returns null when whole, else the problem (good[0]: valid bytes). */
  private static String readSegment(Path file, RecordHandler handler, long[] good) throws IOException {
    ByteBuffer data;
    // mapped, not read: a 128 MiB segment must not need 128 MiB of heap on top of the head
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      data = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    int size = data.capacity();
    ByteBuffer b = data.duplicate();
    CRC32C crc = new CRC32C();
    while (b.hasRemaining()) {
      int at = b.position();
      good[0] = at;
      if (b.remaining() < HEADER) {
        return "truncated record header";
      }
      byte type = b.get();
      int len = b.getInt();
      int sum = b.getInt();
      if (type < SERIES || type > CHUNKS) {
        return "unknown record type " + type;
      }
      if (len < 0 || len > MAX_RECORD || len > b.remaining()) {
        return "truncated record (length " + len + ", " + b.remaining() + " bytes left)";
      }
      int start = b.position();
      crc.reset();
      crc.update(type);
      crc.update(data.duplicate().position(start).limit(start + len));
      if ((int) crc.getValue() != sum) {
        return "record checksum mismatch";
      }
      ByteBuffer payload = data.duplicate().position(start).limit(start + len).slice();
      b.position(start + len);
      try {
        handler.record(type, new Decbuf(payload));
      } catch (CorruptionException e) {
        return "undecodable record: " + e.getMessage();
      }
    }
    good[0] = size;
    return null;
  }

  private void openSegment(int index) throws IOException {
    segment = FileChannel.open(dir.resolve(segmentName(index)),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    segmentIndex = index;
    segmentBytes = 0;
    Fs.syncDir(dir);
  }

  /** Appends records (each as type byte + payload) and hands them to the OS. */
  synchronized void log(List<Record> records) {
    if (closed) {
      throw new IllegalStateException("WAL is closed");
    }
    try {
      int total = 0;
      for (Record r : records) {
        total += HEADER + r.length();
      }
      if (segmentBytes > 0 && segmentBytes + total > segmentSize) {
        segment.force(false);
        segment.close();
        openSegment(segmentIndex + 1);
      }
      ByteBuffer out = writeBuffer(total);
      CRC32C crc = this.crc;
      for (Record r : records) {
        crc.reset();
        crc.update(r.type());
        crc.update(r.data(), 0, r.length());
        out.put(r.type()).putInt(r.length()).putInt((int) crc.getValue()).put(r.data(), 0, r.length());
      }
      out.flip();
      writeUninterruptibly(out);
      segmentBytes += total;
      written++;
    } catch (IOException e) {
      try {
        // a half-written record (e.g. disk full) must not sit in front of later ones
        segment.truncate(segmentBytes);
        segment.position(segmentBytes);
      } catch (IOException ignored) {
        // replay cuts the segment at the last good record anyway
      }
      throw new UncheckedIOException("cannot write WAL segment " + segmentIndex + " in " + dir, e);
    }
  }

  /**
   * Writes at the end of the current segment. An interrupt of the calling thread (a scrape or rule
   * evaluation being cancelled) closes a FileChannel under it, which would leave the WAL unusable;
   * so the write runs with the interrupt flag cleared (restored afterwards) and, if an interrupt
   * still closes the channel mid-write, the segment is reopened at its last whole record and the
   * write is done again.
   */
  private void writeUninterruptibly(ByteBuffer out) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 0; ; attempt++) {
        try {
          while (out.hasRemaining()) {
            segment.write(out);
          }
          return;
        } catch (ClosedByInterruptException e) {
          interrupted |= Thread.interrupted();
          if (attempt > 0) {
            throw e;
          }
          reopenSegmentAt(segmentBytes);
          out.rewind();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void reopenSegmentAt(long size) throws IOException {
    segment = FileChannel.open(dir.resolve(segmentName(segmentIndex)), StandardOpenOption.WRITE);
    segment.truncate(size);
    segment.position(size);
  }

  /**
   * A direct buffer kept for {@link #log}: a heap buffer would be copied into a temporary direct
   * one by the channel on every commit, after being allocated and filled (a scrape's commit is
   * tens of kilobytes). Records larger than {@link #KEPT_BUFFER} get a buffer of their own.
   */
  private ByteBuffer writeBuffer(int size) {
    if (size > KEPT_BUFFER) {
      return ByteBuffer.allocate(size);
    }
    if (out == null || out.capacity() < size) {
      out = ByteBuffer.allocateDirect(Math.min(KEPT_BUFFER, Math.max(size, out == null ? 65536 : out.capacity() * 2)));
    }
    out.clear();
    return out;
  }

  private static final int KEPT_BUFFER = 1 << 20;
  private ByteBuffer out;
  private final CRC32C crc = new CRC32C();

  record Record(byte type, byte[] data, int length) {
    /** A record of a copy of the buffer's bytes, for a buffer that is reused. */
    static Record of(byte type, Encbuf buf) {
      return new Record(type, buf.toBytes(), buf.len());
    }

    /** A record of the buffer's own array, for a buffer that is not written to again. */
    static Record owning(byte type, Encbuf buf) {
      return new Record(type, buf.array(), buf.len());
    }
  }

  /** Makes everything logged so far durable. */
  void sync() throws IOException {
    FileChannel ch;
    long upTo;
    synchronized (this) {
      if (closed) {
        return;
      }
      ch = segment;
      upTo = written;
    }
    try {
      ch.force(false);
    } catch (ClosedChannelException e) {
      // the segment was cut (and fsynced) meanwhile
    }
    synchronized (this) {
      synced = Math.max(synced, upTo);
    }
  }

  /** How many {@link #log} calls are known durable. */
  long syncedLogs() {
    return synced;
  }

  synchronized long loggedLogs() {
    return written;
  }

  /** Closes the current segment and starts the next; returns the index of the closed one. */
  synchronized int cut() throws IOException {
    segment.force(false);
    segment.close();
    int done = segmentIndex;
    openSegment(segmentIndex + 1);
    synced = written;
    return done;
  }

  /**
   * Writes {@code checkpoint.<upTo>} with the given records (tmp dir, fsync, rename), then deletes
   * segments up to {@code upTo} and older checkpoints.
   */
  void checkpoint(int upTo, List<Record> records) throws IOException {
    Path tmp = dir.resolve(checkpointName(upTo) + ".tmp");
    Fs.deleteRecursively(tmp);
    Files.createDirectories(tmp);
    try (FileChannel ch = FileChannel.open(tmp.resolve(segmentName(0)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      CRC32C crc = new CRC32C();
      for (Record r : records) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + r.length());
        crc.reset();
        crc.update(r.type());
        crc.update(r.data(), 0, r.length());
        out.put(r.type()).putInt(r.length()).putInt((int) crc.getValue()).put(r.data(), 0, r.length()).flip();
        while (out.hasRemaining()) {
          ch.write(out);
        }
      }
      ch.force(true);
    }
    Fs.syncDir(tmp);
    Path dest = dir.resolve(checkpointName(upTo));
    Fs.deleteRecursively(dest);
    Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    Fs.syncDir(dir);
    for (int s : segments(dir)) {
      if (s <= upTo) {
        Files.deleteIfExists(dir.resolve(segmentName(s)));
      }
    }
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (name.startsWith("checkpoint.") && !name.endsWith(".tmp") && parse(name.substring(11)) < upTo) {
        Fs.deleteRecursively(p);
      }
    }
    metrics.checkpointCreations.increment();
    metrics.walTruncations.increment();
  }

  long sizeBytes() {
    return Fs.size(dir);
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    segment.force(false);
    segment.close();
    synced = written;
  }

  static String segmentName(int i) {
    return String.format("%08d", i);
  }

  static String checkpointName(int i) {
    return "checkpoint." + segmentName(i);
  }

  private static int latestCheckpoint(Path dir) throws IOException {
    int best = -1;
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (name.startsWith("checkpoint.") && !name.endsWith(".tmp")) {
        best = Math.max(best, parse(name.substring(11)));
      }
    }
    return best;
  }

  static List<Integer> segments(Path dir) throws IOException {
    List<Integer> out = new ArrayList<>();
    for (Path p : list(dir)) {
      int n = parse(p.getFileName().toString());
      if (n >= 0 && Files.isRegularFile(p)) {
        out.add(n);
      }
    }
    out.sort(null);
    return out;
  }

  private static int parse(String s) {
    if (s.length() != 8 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(s);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
