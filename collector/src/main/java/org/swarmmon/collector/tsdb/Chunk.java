package org.swarmmon.collector.tsdb;

import java.nio.ByteBuffer;
import org.swarmmon.collector.chunkenc.XorChunk;

/**
 * An encoded XOR chunk with the time range [mint, maxt] (inclusive) of its samples: bytes on the
 * heap, or a range of a mapped head chunk file copied out each time {@link #data()} is called (the
 * mapping, not a copy, is what a query result holds until it reads the chunk).
 */
final class Chunk {

  private final long mint;
  private final long maxt;
  private final byte[] data;
  private final ByteBuffer mapped;
  private final int offset;
  private final int length;

  Chunk(long mint, long maxt, byte[] data) {
    this(mint, maxt, data, null, 0, data.length);
  }

  private Chunk(long mint, long maxt, byte[] data, ByteBuffer mapped, int offset, int length) {
    this.mint = mint;
    this.maxt = maxt;
    this.data = data;
    this.mapped = mapped;
    this.offset = offset;
    this.length = length;
  }

  /** The chunk at [offset, offset + length) of a buffer that never changes there. */
  static Chunk mapped(long mint, long maxt, ByteBuffer buffer, int offset, int length) {
    return new Chunk(mint, maxt, null, buffer, offset, length);
  }

  long mint() {
    return mint;
  }

  long maxt() {
    return maxt;
  }

  /** The encoded bytes; the caller must not change them. */
  byte[] data() {
    if (data != null) {
      return data;
    }
    byte[] out = new byte[length];
    mapped.get(offset, out, 0, length);
    return out;
  }

  int samples() {
    if (data != null) {
      return XorChunk.count(data);
    }
    return (mapped.get(offset) & 0xff) << 8 | mapped.get(offset + 1) & 0xff;
  }

  boolean overlaps(long from, long to) {
    return mint <= to && maxt >= from;
  }

  @Override
  public String toString() {
    return "Chunk[mint=" + mint + ", maxt=" + maxt + ", bytes=" + length + "]";
  }
}
