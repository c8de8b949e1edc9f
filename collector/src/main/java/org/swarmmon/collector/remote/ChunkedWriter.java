package org.swarmmon.collector.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Prometheus's {@code ChunkedWriter} ({@code storage/remote/chunked.go}): every message goes out as
 * one frame, the message's length as a uvarint, the big-endian CRC32-Castagnoli of the message, then
 * the message, and the stream is flushed after each frame so the client sees it at once.
 */
public final class ChunkedWriter {

  private final OutputStream out;
  private final CRC32C crc = new CRC32C();
  private final byte[] head = new byte[10 + 4];

  public ChunkedWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code message} as one frame; an empty message writes nothing, as Prometheus's. */
  public void write(byte[] message) throws IOException {
    if (message.length == 0) {
      return;
    }
    int n = 0;
    long x = message.length;
    while (x >= 0x80) {
      head[n++] = (byte) (x | 0x80);
      x >>>= 7;
    }
    head[n++] = (byte) x;
    crc.reset();
    crc.update(message, 0, message.length);
    int sum = (int) crc.getValue();
    head[n++] = (byte) (sum >>> 24);
    head[n++] = (byte) (sum >>> 16);
    head[n++] = (byte) (sum >>> 8);
    head[n++] = (byte) sum;
    out.write(head, 0, n);
    out.write(message);
    out.flush();
  }
}
