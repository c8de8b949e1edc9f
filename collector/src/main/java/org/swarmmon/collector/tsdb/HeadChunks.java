package org.swarmmon.collector.tsdb;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.swarmmon.collector.chunkenc.XorChunk;

/**
 * The head's full chunks on disk, as Prometheus 2.19+ keeps them in {@code chunks_head/}: numbered
 * segment files ({@code 000001}, ...) cut at {@code maxFileSize}, each an 8-byte header
 * ({@code magic 0x0130BC91 | version 1 | 3 zero bytes}) followed by records
 * {@code seriesRef:8 | mint:8 | maxt:8 | encoding:1 | len:uvarint | data | crc32c:4}, big-endian,
 * the CRC (Castagnoli) over everything before it in the record. This is byte for byte
 * Prometheus's format (tsdb/docs/format/head_chunks.md); only XOR chunks are written. A chunk is
 * referenced by {@code fileIndex << 32 | offset}.
 *
 * <p>Writes go to a heap buffer flushed to the file when it fills (or when a read, a sync or a
 * cut needs it on disk); a failed flush keeps the records in the buffer, where reads still find
 * them, and is tried again by the next write. Reads go through a {@link MappedByteBuffer} of the
 * file. Java never unmaps a buffer that is still reachable, and Linux keeps a deleted file's pages
 * while a mapping of it exists, so a chunk handed to a query stays readable after truncation has
 * deleted its file. A file is never shortened while mapped for reading (only the torn tail at open,
 * before any read mapping, is cut), because touching a mapped page past the end of a file is a
 * SIGBUS.
 */
final class HeadChunks implements Closeable {

  static final int MAGIC = 0x0130BC91;
  static final int HEADER = 8;
  /** seriesRef, mint, maxt, encoding. */
  static final int RECORD_HEAD = 25;
  static final int CRC = 4;
  static final long DEFAULT_MAX_FILE_SIZE = 128L << 20;
  private static final int BUFFER = 1 << 20;
  private static final Logger LOG = Logger.getLogger(HeadChunks.class.getName());

  /** A chunk found at open: its series, reference and time range. */
  record Loaded(long seriesRef, long chunkRef, long mint, long maxt) {}

  private static final class Segment {
    final int index;
    final Path path;
    /** A read-only mapping of the file's first {@code map.capacity()} bytes; null before the first read. */
    volatile MappedByteBuffer map;
    /** The newest sample of any chunk in the file; Long.MIN_VALUE while it has none. */
    volatile long maxt = Long.MIN_VALUE;

    Segment(int index, Path path) {
      this.index = index;
      this.path = path;
    }
  }

  private final Path dir;
  private final long maxFileSize;
  private final TsdbMetrics metrics;
  /** Replaced, never changed in place, so reads find a segment without a lock. */
  private volatile Map<Integer, Segment> segments = Map.of();
  private final Set<Path> unsynced = new LinkedHashSet<>();
  private Segment current;
  private FileChannel channel;
  /** The file size, buffered bytes included: where the next record goes. */
  private long size;
  private byte[] buf = new byte[BUFFER];
  private int buffered;
  private boolean flushFailing;
  private final CRC32C crc = new CRC32C();
  private boolean closed;

  private HeadChunks(Path dir, long maxFileSize, TsdbMetrics metrics) {
    this.dir = dir;
    this.maxFileSize = maxFileSize;
    this.metrics = metrics;
  }

  /**
   * Opens {@code dir} (created if missing), checks every record of every file, cuts a corrupt or
   * torn file at its last good record and deletes the files after it, and hands each good chunk
   * to {@code loaded} in file order. New chunks go to a new file.
   */
  static HeadChunks open(Path dir, long maxFileSize, TsdbMetrics metrics, java.util.function.Consumer<Loaded> loaded)
      throws IOException {
    Files.createDirectories(dir);
    HeadChunks hc = new HeadChunks(dir, maxFileSize, metrics);
    TreeMap<Integer, Path> files = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        int n = parse(p.getFileName().toString());
        if (n >= 0 && Files.isRegularFile(p)) {
          files.put(n, p);
        }
      }
    }
    Map<Integer, Segment> segs = new HashMap<>();
    boolean corrupt = false;
    int last = 0;
    for (var e : files.entrySet()) {
      last = e.getKey();
      if (corrupt) {
        LOG.log(Level.WARNING, "deleting head chunk file " + e.getValue() + " after a corrupt one");
        Files.delete(e.getValue());
        continue;
      }
      Segment seg = new Segment(e.getKey(), e.getValue());
      long good = hc.scan(seg, loaded);
      long fileSize = Files.size(seg.path);
      if (good < fileSize) {
        corrupt = true;
        metrics.mmapChunkCorruptions.increment();
        if (good < HEADER) {
          LOG.log(Level.WARNING, "head chunk file " + seg.path + " has no valid header; deleting it");
          Files.delete(seg.path);
          continue;
        }
        LOG.log(Level.WARNING, "head chunk file " + seg.path + " is corrupt or torn at offset " + good +
            " of " + fileSize + "; truncating it there");
        try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.WRITE)) {
          ch.truncate(good);
          ch.force(true);
        }
      }
      segs.put(seg.index, seg);
    }
    Fs.syncDir(dir);
    hc.segments = Map.copyOf(segs);
    synchronized (hc) {
      hc.cut(last + 1);
    }
    return hc;
  }

  /** Hands the file's good chunks to {@code loaded}; returns the length of its good prefix. */
  private long scan(Segment seg, java.util.function.Consumer<Loaded> loaded) throws IOException {
    ByteBuffer b;
    try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.READ)) {
      b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
    }
    if (b.capacity() < HEADER || b.getInt(0) != MAGIC || b.get(4) != 1) {
      return 0;
    }
    CRC32C crc = new CRC32C();
    int at = HEADER;
    long maxt = Long.MIN_VALUE;
    List<Loaded> found = new ArrayList<>();
    while (at < b.capacity()) {
      int[] dataAt = new int[1];
      int len = recordLength(b, at, b.capacity(), dataAt);
      if (len < 0 || b.get(at + 24) != XorChunk.ENCODING) {
        break;
      }
      int end = dataAt[0] + len;
      crc.reset();
      crc.update(b.duplicate().position(at).limit(end));
      if (b.getInt(end) != (int) crc.getValue()) {
        break;
      }
      found.add(new Loaded(b.getLong(at), ref(seg.index, at), b.getLong(at + 8), b.getLong(at + 16)));
      maxt = Math.max(maxt, b.getLong(at + 16));
      at = end + CRC;
    }
    seg.maxt = maxt;
    found.forEach(loaded);
    return at;
  }

  /**
   * The data length of the record at {@code at} when it lies wholly within {@code limit} (else -1);
   * {@code dataAt[0]} is where its data starts.
   */
  private static int recordLength(ByteBuffer b, int at, int limit, int[] dataAt) {
    int p = at + RECORD_HEAD;
    long len = 0;
    for (int shift = 0; ; shift += 7) {
      if (p >= limit || shift > 28) {
        return -1;
      }
      int x = b.get(p++) & 0xff;
      len |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        break;
      }
    }
    if (len > Integer.MAX_VALUE || p + len + CRC > limit) {
      return -1;
    }
    dataAt[0] = p;
    return (int) len;
  }

  static long ref(int file, long offset) {
    return (long) file << 32 | offset;
  }

  /** Writes a full chunk of series {@code seriesRef}; returns its reference. */
  synchronized long write(long seriesRef, long mint, long maxt, byte[] data) {
    if (closed) {
      throw new IllegalStateException("head chunks are closed");
    }
    int len = data.length;
    int recLen = RECORD_HEAD + uvarintSize(len) + len + CRC;
    if (size > HEADER && size + recLen > maxFileSize && flush()) {
      try {
        cut(current.index + 1);
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "cannot start a new head chunk file in " + dir + ": " + e.toString());
      }
    }
    if (buffered + recLen > buf.length) {
      if (!flush() || recLen > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, buffered + recLen));
      }
    }
    long ref = ref(current.index, size);
    ByteBuffer b = ByteBuffer.wrap(buf, buffered, recLen);
    b.putLong(seriesRef).putLong(mint).putLong(maxt).put(XorChunk.ENCODING);
    for (long x = len; ; x >>>= 7) {
      if (x < 0x80) {
        b.put((byte) x);
        break;
      }
      b.put((byte) (x | 0x80));
    }
    b.put(data);
    crc.reset();
    crc.update(buf, buffered, recLen - CRC);
    b.putInt((int) crc.getValue());
    buffered += recLen;
    size += recLen;
    if (maxt > current.maxt) {
      current.maxt = maxt;
    }
    if (buffered >= BUFFER) {
      flush();
    }
    return ref;
  }

  private static int uvarintSize(long x) {
    int n = 1;
    while (x >= 0x80) {
      x >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes the buffer to the file; false (logged, retried by later calls) when that failed. */
  private boolean flush() {
    if (buffered == 0) {
      return true;
    }
    try {
      ByteBuffer out = ByteBuffer.wrap(buf, 0, buffered);
      long at = size - buffered;
      while (out.hasRemaining()) {
        at += channel.write(out, at);
      }
      buffered = 0;
      if (buf.length > BUFFER) {
        buf = new byte[BUFFER];
      }
      flushFailing = false;
      return true;
    } catch (IOException e) {
      if (!flushFailing) {
        LOG.log(Level.SEVERE, "cannot write head chunk file " + current.path + ": " + e.toString() +
            "; chunks stay in memory until it works");
      }
      flushFailing = true;
      return false;
    }
  }

  /** Starts file {@code index}; the buffer must be empty. */
  private void cut(int index) throws IOException {
    Path path = dir.resolve(String.format("%06d", index));
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ch.write(ByteBuffer.allocate(HEADER).putInt(MAGIC).put((byte) 1).put(new byte[3]).flip(), 0);
    } catch (IOException e) {
      ch.close();
      Files.deleteIfExists(path);
      throw e;
    }
    if (channel != null) {
      channel.close();
    }
    channel = ch;
    Segment seg = new Segment(index, path);
    Map<Integer, Segment> next = new HashMap<>(segments);
    next.put(index, seg);
    segments = Map.copyOf(next);
    current = seg;
    size = HEADER;
    unsynced.add(path);
  }

  /**
   * The chunk {@code ref} of [mint, maxt], its bytes read from the mapping when it is on disk (and
   * copied from the write buffer while it is not).
   */
  Chunk chunk(long ref, long mint, long maxt) {
    Segment seg = segments.get((int) (ref >>> 32));
    int offset = (int) ref;
    if (seg == null) {
      throw new CorruptionException("head chunk " + Long.toHexString(ref) + ": no file " + (ref >>> 32));
    }
    MappedByteBuffer m = seg.map;
    int[] dataAt = new int[1];
    int len = m == null ? -1 : recordLength(m, offset, m.capacity(), dataAt);
    if (len >= 0) {
      return Chunk.mapped(mint, maxt, m, dataAt[0], len);
    }
    return slowChunk(seg, offset, mint, maxt);
  }

  private synchronized Chunk slowChunk(Segment seg, int offset, long mint, long maxt) {
    int[] dataAt = new int[1];
    if (seg == current && offset >= size - buffered) {
      ByteBuffer b = ByteBuffer.wrap(buf, 0, buffered);
      int at = (int) (offset - (size - buffered));
      int len = recordLength(b, at, buffered, dataAt);
      if (len < 0) {
        throw new CorruptionException("head chunk at " + offset + " of " + seg.path + " is not whole");
      }
      return new Chunk(mint, maxt, java.util.Arrays.copyOfRange(buf, dataAt[0], dataAt[0] + len));
    }
    try {
      long onDisk = seg == current ? size - buffered : Files.size(seg.path);
      MappedByteBuffer m = seg.map;
      if (m == null || m.capacity() < onDisk) {
        try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.READ)) {
          m = ch.map(FileChannel.MapMode.READ_ONLY, 0, onDisk);
        }
        seg.map = m;
      }
      int len = recordLength(m, offset, m.capacity(), dataAt);
      if (len < 0) {
        throw new CorruptionException("head chunk at " + offset + " of " + seg.path + " is not whole");
      }
      return Chunk.mapped(mint, maxt, m, dataAt[0], len);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot map head chunk file " + seg.path, e);
    }
  }

  /**
   * Writes out the buffer and fsyncs every file written since the last sync; the fsyncs run
   * outside the lock, so appends that cut chunks meanwhile do not wait for the disk.
   */
  void sync() throws IOException {
    List<Path> paths;
    Path cur;
    FileChannel ch;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (!flush()) {
        throw new IOException("cannot write head chunk file " + current.path);
      }
      paths = List.copyOf(unsynced);
      cur = current.path;
      ch = channel;
      unsynced.clear();
      unsynced.add(cur); // written to again from now on
    }
    try {
      for (Path p : paths) {
        if (p.equals(cur) && ch.isOpen()) {
          try {
            ch.force(true);
            continue;
          } catch (java.nio.channels.ClosedChannelException e) {
            // cut meanwhile: synced by path below
          }
        }
        if (Files.exists(p)) {
          Fs.syncFile(p);
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        unsynced.addAll(paths);
      }
      throw e;
    }
  }

  /**
   * Deletes the files whose chunks all end before {@code mint} (the head no longer refers to
   * them), as Prometheus's Truncate; the current file too, after cutting a new one. Returns how
   * many were deleted.
   */
  synchronized int truncate(long mint) throws IOException {
    if (current.maxt != Long.MIN_VALUE && current.maxt < mint && flush()) {
      cut(current.index + 1);
    }
    Map<Integer, Segment> next = new HashMap<>(segments);
    int deleted = 0;
    for (Segment s : segments.values()) {
      if (s != current && s.maxt < mint) {
        next.remove(s.index);
        unsynced.remove(s.path);
        Files.deleteIfExists(s.path);
        deleted++;
      }
    }
    if (deleted > 0) {
      segments = Map.copyOf(next);
      Fs.syncDir(dir);
      LOG.log(Level.INFO, "head chunk files deleted count=" + deleted + " before=" + mint);
    }
    return deleted;
  }

  /** Bytes of all files plus the write buffer's. */
  synchronized long sizeBytes() {
    return Fs.size(dir) + buffered;
  }

  synchronized int fileCount() {
    return segments.size();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      sync(); // its fsyncs under the lock here: nothing may write any more
    } finally {
      closed = true;
      channel.close();
    }
  }

  private static int parse(String s) {
    if (s.length() != 6 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(s);
  }
}
