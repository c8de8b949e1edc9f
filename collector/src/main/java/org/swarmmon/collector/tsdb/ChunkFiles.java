package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A block's {@code chunks/} directory: segment files {@code 000001}, ... each starting with magic
 * {@code 0x85BD40DD}, version 1 and 3 padding bytes, then chunks as
 * {@code uvarint len | encoding:1 | data | crc32c(encoding, data):4}. A chunk's reference is
 * {@code segment << 32 | offset}.
 */
final class ChunkFiles {

  static final int MAGIC = 0x85BD40DD;
  static final long MAX_SEGMENT = 512L << 20;

  private ChunkFiles() {}

  static final class Writer implements Closeable {
    private final Path dir;
    private FileChannel ch;
    private int seq;
    private long offset;
    private final Encbuf buf = new Encbuf(1 << 16);
    private final CRC32C crc = new CRC32C();

    Writer(Path dir) throws IOException {
      this.dir = dir;
      Files.createDirectories(dir);
    }

    long write(byte[] data) throws IOException {
      if (ch == null || offset + data.length + 16 > MAX_SEGMENT) {
        cut();
      }
      long ref = ((long) seq << 32) | offset;
      int start = buf.len();
      buf.putUvarint(data.length).putByte(XorChunk.ENCODING).putBytes(data, 0, data.length);
      crc.reset();
      crc.update(XorChunk.ENCODING);
      crc.update(data, 0, data.length);
      buf.putBE32((int) crc.getValue());
      offset += buf.len() - start;
      if (buf.len() > 1 << 20) {
        flush();
      }
      return ref;
    }

    private void flush() throws IOException {
      ByteBuffer b = ByteBuffer.wrap(buf.array(), 0, buf.len());
      while (b.hasRemaining()) {
        ch.write(b);
      }
      buf.reset();
    }

    private void cut() throws IOException {
      closeSegment();
      seq++;
      ch = FileChannel.open(dir.resolve(String.format("%06d", seq)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      buf.putBE32(MAGIC).putByte(1).putByte(0).putByte(0).putByte(0);
      offset = 8;
    }

    private void closeSegment() throws IOException {
      if (ch != null) {
        flush();
        ch.force(true);
        ch.close();
        ch = null;
      }
    }

    @Override
    public void close() throws IOException {
      closeSegment();
    }
  }

  /** Reads chunks through memory maps; a mapping outlives deletion of its file (Linux semantics). */
  static final class Reader {
    private final List<MappedByteBuffer> segments = new ArrayList<>();

    Reader(Path dir) throws IOException {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.sorted().toList();
      }
      int expect = 1;
      for (Path f : files) {
        if (!f.getFileName().toString().equals(String.format("%06d", expect))) {
          throw new CorruptionException("unexpected chunk file " + f);
        }
        expect++;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
          MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
          if (m.capacity() < 8 || m.getInt(0) != MAGIC || m.get(4) != 1) {
            throw new CorruptionException("bad chunk file header in " + f);
          }
          segments.add(m);
        }
      }
    }

    byte[] chunk(long ref) {
      int seg = (int) (ref >>> 32);
      int off = (int) ref;
      if (seg < 1 || seg > segments.size()) {
        throw new CorruptionException("chunk reference to missing segment " + seg);
      }
      ByteBuffer b = segments.get(seg - 1).duplicate();
      if (off < 8 || off >= b.capacity()) {
        throw new CorruptionException("chunk reference beyond segment " + seg + ": " + off);
      }
      b.position(off);
      Decbuf d = new Decbuf(b);
      int len = d.getUvarintInt();
      int enc = d.getByte();
      byte[] data = d.getBytes(len);
      int sum = d.getBE32();
      CRC32C crc = new CRC32C();
      crc.update(enc);
      crc.update(data);
      if (enc != XorChunk.ENCODING || (int) crc.getValue() != sum) {
        throw new CorruptionException("chunk checksum mismatch at segment " + seg + " offset " + off);
      }
      return data;
    }
  }
}
