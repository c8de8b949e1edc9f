package org.swarmmon.collector.remote;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.labels.Labels;

/**
 * The protobuf of {@code prometheus.ChunkedReadResponse} (chunked_series = 1, query_index = 2),
 * {@code ChunkedSeries} (labels = 1, chunks = 2), {@code Label} (name = 1, value = 2) and {@code
 * Chunk} (min_time_ms = 1, max_time_ms = 2, type = 3, data = 4), fields at their defaults left out
 * as gogo-protobuf does. The sizes are gogo's {@code Size()}: a message's fields without its own tag
 * and length, which is what Prometheus counts against the bytes in a frame.
 */
public final class ChunkedReadCodec {

  private ChunkedReadCodec() {}

  public static int labelSize(String name, String value) {
    return ProtoWire.nonEmptyStringSize(1, name) + ProtoWire.nonEmptyStringSize(2, value);
  }

  public static int chunkSize(ChunkedReadResponse.Chunk c) {
    int size = 0;
    if (c.minTimeMs() != 0) {
      size += CodedOutputStream.computeInt64Size(1, c.minTimeMs());
    }
    if (c.maxTimeMs() != 0) {
      size += CodedOutputStream.computeInt64Size(2, c.maxTimeMs());
    }
    if (c.type() != 0) {
      size += CodedOutputStream.computeEnumSize(3, c.type());
    }
    if (c.data().length > 0) {
      size += CodedOutputStream.computeByteArraySize(4, c.data());
    }
    return size;
  }

  private static int seriesSize(ChunkedReadResponse.ChunkedSeries s) {
    int size = 0;
    for (int i = 0; i < s.labels().size(); i++) {
      size += ProtoWire.delimitedSize(1, labelSize(s.labels().name(i), s.labels().value(i)));
    }
    for (ChunkedReadResponse.Chunk c : s.chunks()) {
      size += ProtoWire.delimitedSize(2, chunkSize(c));
    }
    return size;
  }

  /** The message's bytes, exactly sized. */
  public static byte[] encode(ChunkedReadResponse r) throws IOException {
    int size = r.queryIndex() != 0 ? CodedOutputStream.computeInt64Size(2, r.queryIndex()) : 0;
    for (ChunkedReadResponse.ChunkedSeries s : r.chunkedSeries()) {
      size += ProtoWire.delimitedSize(1, seriesSize(s));
    }
    byte[] buf = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    for (ChunkedReadResponse.ChunkedSeries s : r.chunkedSeries()) {
      ProtoWire.writeDelimitedHeader(out, 1, seriesSize(s));
      for (int i = 0; i < s.labels().size(); i++) {
        String name = s.labels().name(i);
        String value = s.labels().value(i);
        ProtoWire.writeDelimitedHeader(out, 1, labelSize(name, value));
        ProtoWire.writeNonEmptyString(out, 1, name);
        ProtoWire.writeNonEmptyString(out, 2, value);
      }
      for (ChunkedReadResponse.Chunk c : s.chunks()) {
        ProtoWire.writeDelimitedHeader(out, 2, chunkSize(c));
        if (c.minTimeMs() != 0) {
          out.writeInt64(1, c.minTimeMs());
        }
        if (c.maxTimeMs() != 0) {
          out.writeInt64(2, c.maxTimeMs());
        }
        if (c.type() != 0) {
          out.writeEnum(3, c.type());
        }
        if (c.data().length > 0) {
          out.writeByteArray(4, c.data());
        }
      }
    }
    if (r.queryIndex() != 0) {
      out.writeInt64(2, r.queryIndex());
    }
    out.checkNoSpaceLeft();
    return buf;
  }

  public static ChunkedReadResponse decode(byte[] message) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(message);
    List<ChunkedReadResponse.ChunkedSeries> series = new ArrayList<>();
    long queryIndex = 0;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return new ChunkedReadResponse(series, queryIndex);
      }
      if (ProtoWire.isMessage(tag, 1)) {
        int limit = in.pushLimit(in.readRawVarint32());
        series.add(readSeries(in));
        in.popLimit(limit);
      } else if (WireFormat.getTagFieldNumber(tag) == 2
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
        queryIndex = in.readInt64();
      } else {
        in.skipField(tag);
      }
    }
  }

  private static ChunkedReadResponse.ChunkedSeries readSeries(CodedInputStream in) throws IOException {
    Labels.Builder labels = Labels.builder();
    List<ChunkedReadResponse.Chunk> chunks = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (ProtoWire.isMessage(tag, 1)) {
        ProtoWire.readLabel(in, labels);
      } else if (ProtoWire.isMessage(tag, 2)) {
        int limit = in.pushLimit(in.readRawVarint32());
        long min = 0;
        long max = 0;
        int type = 0;
        byte[] data = new byte[0];
        while (!in.isAtEnd()) {
          int t = in.readTag();
          switch (WireFormat.getTagFieldNumber(t)) {
            case 1 -> min = in.readInt64();
            case 2 -> max = in.readInt64();
            case 3 -> type = in.readEnum();
            case 4 -> data = in.readByteArray();
            default -> in.skipField(t);
          }
        }
        in.popLimit(limit);
        chunks.add(new ChunkedReadResponse.Chunk(min, max, type, data));
      } else {
        in.skipField(tag);
      }
    }
    return new ChunkedReadResponse.ChunkedSeries(labels.build(), chunks);
  }
}
