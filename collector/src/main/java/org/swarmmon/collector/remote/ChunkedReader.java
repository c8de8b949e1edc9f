package org.swarmmon.collector.remote;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Reads the frames {@link ChunkedWriter} writes, as Prometheus's {@code ChunkedReader}: each frame's
 * length is checked against a limit before its bytes are read, and its CRC32-Castagnoli against the
 * message.
 */
public final class ChunkedReader {

  /** Prometheus's {@code DefaultChunkedReadLimit}: 50 MiB per frame. */
  public static final long DEFAULT_SIZE_LIMIT = 50L * 1024 * 1024;

  private final InputStream in;
  private final long sizeLimit;
  private final CRC32C crc = new CRC32C();

  public ChunkedReader(InputStream in, long sizeLimit) {
    this.in = in;
    this.sizeLimit = sizeLimit;
  }

  /** The next frame's message; null at the end of the stream (between frames). */
  public byte[] next() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    long size = 0;
    int shift = 0;
    for (int b = first; ; b = in.read()) {
      if (b < 0) {
        throw new EOFException("unexpected EOF");
      }
      if (shift >= 64) {
        throw new IOException("binary: varint overflows a 64-bit integer");
      }
      size |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    if (size < 0 || size > sizeLimit) {
      throw new IOException("chunkedReader: message size exceeded the limit " + sizeLimit
          + " bytes; got: " + size + " bytes");
    }
    byte[] sumBytes = in.readNBytes(4);
    byte[] message = in.readNBytes((int) size);
    if (sumBytes.length < 4 || message.length < size) {
      throw new EOFException("unexpected EOF");
    }
    int sum = ((sumBytes[0] & 0xff) << 24) | ((sumBytes[1] & 0xff) << 16) | ((sumBytes[2] & 0xff) << 8)
        | (sumBytes[3] & 0xff);
    crc.reset();
    crc.update(message, 0, message.length);
    if ((int) crc.getValue() != sum) {
      throw new IOException("chunkedReader: corrupted frame; checksum mismatch");
    }
    return message;
  }
}
