package org.swarmmon.collector.chunkenc;

import java.util.Arrays;
import org.swarmmon.collector.storage.SampleIterator;

/**
 * Gorilla-style chunk in Prometheus's XOR layout: a 2-byte big-endian sample count, then a bit
 * stream of the first timestamp (varint) and value (64 bits), the second timestamp as a delta
 * (uvarint), later timestamps as delta-of-delta in 1/14/17/20/64-bit buckets, and every value after
 * the first XORed with the previous one (leading/trailing zero windows reused when they fit).
 * Values are compared as raw bits, so NaN payloads such as the staleness marker survive.
 */
public final class XorChunk {

  /** The encoding's number in chunk files and in remote read's {@code Chunk.Encoding}: XOR. */
  public static final byte ENCODING = 1;

  private XorChunk() {}

  /**
   * Appends samples to a growing chunk; not thread-safe (the owning series synchronises). Not
   * final: a head series extends it, so that its open chunk is no object of its own.
   */
  public static class Appender {
    /** The most one sample takes: the second, a 10-byte uvarint delta and a 77-bit value. */
    private static final int MAX_SAMPLE_BITS = 10 * 8 + 77;
    private static final int INITIAL_BYTES = 24;

    private byte[] buf;
    private int bitLen = 16; // the count header
    private int count;
    private long t = Long.MIN_VALUE;
    private long tDelta;
    private long vBits;
    // bytes, not ints: a head series is this object, so every field counts hundreds of thousands
    // of times; 0xff (-1 as a byte) is "no window yet"
    private byte leading = (byte) 0xff;
    private byte trailing;

    public int count() {
      return count;
    }

    /** The newest sample's timestamp, kept by {@link #reset()}; Long.MIN_VALUE before the first. */
    public final long lastT() {
      return t;
    }

    /** The raw bits of the newest sample's value, kept by {@link #reset()}. */
    public final long lastBits() {
      return vBits;
    }

    /** Sets what {@link #lastT()} and {@link #lastBits()} return; only while no samples are held. */
    public final void setLast(long ts, long bits) {
      t = ts;
      vBits = bits;
    }

    /** The first sample's timestamp; only when {@link #count()} is not 0. */
    public final long firstT() {
      return firstTimestamp(buf);
    }

    /**
     * Forgets the samples appended so far (the chunk was handed over as {@link #bytes()}); the
     * newest sample's timestamp and value stay, as {@link #lastT()} and {@link #lastBits()}.
     */
    public void reset() {
      buf = null;
      bitLen = 16;
      count = 0;
      leading = (byte) 0xff;
      trailing = 0;
    }

    public void append(long ts, double v) {
      long bits = Double.doubleToRawLongBits(v);
      if (buf == null) {
        buf = new byte[INITIAL_BYTES];
      }
      ensure(MAX_SAMPLE_BITS);
      if (count == 0) {
        writeVarint(ts);
        writeBits(bits, 64);
      } else if (count == 1) {
        tDelta = ts - t;
        writeUvarint(tDelta);
        writeValue(bits);
      } else {
        long delta = ts - t;
        long dod = delta - tDelta;
        if (dod == 0) {
          writeBit(0);
        } else if (fits(dod, 14)) {
          writeBits(0b10, 2);
          writeBits(dod, 14);
        } else if (fits(dod, 17)) {
          writeBits(0b110, 3);
          writeBits(dod, 17);
        } else if (fits(dod, 20)) {
          writeBits(0b1110, 4);
          writeBits(dod, 20);
        } else {
          writeBits(0b1111, 4);
          writeBits(dod, 64);
        }
        tDelta = delta;
        writeValue(bits);
      }
      t = ts;
      vBits = bits;
      count++;
      buf[0] = (byte) (count >>> 8);
      buf[1] = (byte) count;
    }

    /** A copy of the encoded bytes so far, exactly sized. */
    public byte[] bytes() {
      if (buf == null) {
        return new byte[2]; // no samples: the count header alone
      }
      return Arrays.copyOf(buf, (bitLen + 7) >>> 3);
    }

    private static boolean fits(long x, int nbits) {
      return -((1L << (nbits - 1)) - 1) <= x && x <= 1L << (nbits - 1);
    }

    private void writeValue(long bits) {
      long delta = bits ^ vBits;
      if (delta == 0) {
        writeBit(0);
        return;
      }
      writeBit(1);
      int lead = Long.numberOfLeadingZeros(delta);
      int trail = Long.numberOfTrailingZeros(delta);
      if (lead >= 32) {
        lead = 31;
      }
      if (leading != (byte) 0xff && lead >= leading && trail >= trailing) {
        writeBit(0);
        writeBits(delta >>> trailing, 64 - leading - trailing);
      } else {
        leading = (byte) lead;
        trailing = (byte) trail;
        writeBit(1);
        writeBits(lead, 5);
        int sig = 64 - lead - trail;
        writeBits(sig, 6); // 64 wraps to 0; the reader maps it back
        writeBits(delta >>> trail, sig);
      }
    }

    private void writeVarint(long x) {
      writeUvarint((x << 1) ^ (x >> 63));
    }

    private void writeUvarint(long x) {
      while ((x & ~0x7FL) != 0) {
        writeBits((x & 0x7F) | 0x80, 8);
        x >>>= 7;
      }
      writeBits(x, 8);
    }

    /**
     * Room for {@code bits} more bits. Called once per sample with the most one sample can take,
     * so the bit writers below never check; growth is by half, as the chunk is copied exactly
     * sized once it is cut.
     */
    private void ensure(long bits) {
      long need = (bitLen + bits + 7) >>> 3;
      if (need > buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.max(need, buf.length + (buf.length >> 1)));
      }
    }

    private void writeBit(int bit) {
      if (bit != 0) {
        buf[(int) (bitLen >>> 3)] |= (byte) (0x80 >>> (bitLen & 7));
      }
      bitLen++;
    }

    private void writeBits(long value, int nbits) {
      while (nbits > 0) {
        int at = (int) (bitLen >>> 3);
        int free = 8 - (int) (bitLen & 7);
        int n = Math.min(free, nbits);
        int bits = (int) (value >>> (nbits - n)) & ((1 << n) - 1);
        buf[at] |= (byte) (bits << (free - n));
        bitLen += n;
        nbits -= n;
      }
    }
  }

  public static int count(byte[] data) {
    return ((data[0] & 0xff) << 8) | (data[1] & 0xff);
  }

  /** The first sample's timestamp: a zigzag varint on a byte boundary right after the count. */
  public static long firstTimestamp(byte[] data) {
    long u = 0;
    for (int i = 2, shift = 0; shift < 70; i++, shift += 7) {
      long b = data[i] & 0xff;
      u |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (u >>> 1) ^ -(u & 1);
      }
    }
    throw new IllegalStateException("corrupt chunk: varint overflow");
  }

  public static Iterator iterator(byte[] data) {
    return new Iterator(data);
  }

  /** Decodes a chunk; {@link #seek} is a forward scan (chunks hold at most a few hundred samples). */
  public static final class Iterator implements SampleIterator {
    private final byte[] data;
    private final int total;
    private long pos = 16;
    private int read;
    private long t;
    private long tDelta;
    private long vBits;
    private int leading;
    private int trailing;

    public Iterator(byte[] data) {
      this.data = data;
      this.total = count(data);
    }

    @Override
    public boolean next() {
      if (read >= total) {
        return false;
      }
      if (read == 0) {
        t = readVarint();
        vBits = readBits(64);
      } else if (read == 1) {
        tDelta = readUvarint();
        t += tDelta;
        readValue();
      } else {
        int ones = 0;
        while (ones < 4 && readBit() == 1) {
          ones++;
        }
        long dod =
            switch (ones) {
              case 0 -> 0;
              case 1 -> signed(readBits(14), 14);
              case 2 -> signed(readBits(17), 17);
              case 3 -> signed(readBits(20), 20);
              default -> readBits(64);
            };
        tDelta += dod;
        t += tDelta;
        readValue();
      }
      read++;
      return true;
    }

    @Override
    public boolean seek(long ts) {
      if (read > 0 && t >= ts) {
        return true;
      }
      while (next()) {
        if (t >= ts) {
          return true;
        }
      }
      return false;
    }

    @Override
    public long timestamp() {
      return t;
    }

    @Override
    public double value() {
      return Double.longBitsToDouble(vBits);
    }

    private static long signed(long bits, int n) {
      return bits > (1L << (n - 1)) ? bits - (1L << n) : bits;
    }

    private void readValue() {
      if (readBit() == 0) {
        return;
      }
      if (readBit() == 1) {
        leading = (int) readBits(5);
        int sig = (int) readBits(6);
        if (sig == 0) {
          sig = 64;
        }
        trailing = 64 - leading - sig;
      }
      int sig = 64 - leading - trailing;
      vBits ^= readBits(sig) << trailing;
    }

    private long readVarint() {
      long u = readUvarint();
      return (u >>> 1) ^ -(u & 1);
    }

    private long readUvarint() {
      long x = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        long b = readBits(8);
        x |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return x;
        }
      }
      throw new IllegalStateException("corrupt chunk: varint overflow");
    }

    private int readBit() {
      if ((pos >>> 3) >= data.length) {
        throw new IllegalStateException("corrupt chunk: read past end");
      }
      int bit = (data[(int) (pos >>> 3)] >>> (7 - (pos & 7))) & 1;
      pos++;
      return bit;
    }

    private long readBits(int n) {
      if (((pos + n + 7) >>> 3) > data.length) {
        throw new IllegalStateException("corrupt chunk: read past end");
      }
      long v = 0;
      while (n > 0) {
        int at = (int) (pos >>> 3);
        int avail = 8 - (int) (pos & 7);
        int take = Math.min(avail, n);
        int bits = ((data[at] & 0xff) >>> (avail - take)) & ((1 << take) - 1);
        v = (v << take) | bits;
        pos += take;
        n -= take;
      }
      return v;
    }
  }
}
