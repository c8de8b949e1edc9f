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
    return stringSize(1, name) + stringSize(2, value);
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
      size += delimited(1, labelSize(s.labels().name(i), s.labels().value(i)));
    }
    for (ChunkedReadResponse.Chunk c : s.chunks()) {
      size += delimited(2, chunkSize(c));
    }
    return size;
  }

  /** The message's bytes, exactly sized. */
  public static byte[] encode(ChunkedReadResponse r) throws IOException {
    int size = r.queryIndex() != 0 ? CodedOutputStream.computeInt64Size(2, r.queryIndex()) : 0;
    for (ChunkedReadResponse.ChunkedSeries s : r.chunkedSeries()) {
      size += delimited(1, seriesSize(s));
    }
    byte[] buf = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    for (ChunkedReadResponse.ChunkedSeries s : r.chunkedSeries()) {
      out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(seriesSize(s));
      for (int i = 0; i < s.labels().size(); i++) {
        String name = s.labels().name(i);
        String value = s.labels().value(i);
        out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(labelSize(name, value));
        writeString(out, 1, name);
        writeString(out, 2, value);
      }
      for (ChunkedReadResponse.Chunk c : s.chunks()) {
        out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(chunkSize(c));
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
      if (isMessage(tag, 1)) {
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
      if (isMessage(tag, 1)) {
        int limit = in.pushLimit(in.readRawVarint32());
        String name = "";
        String value = "";
        while (!in.isAtEnd()) {
          int t = in.readTag();
          switch (WireFormat.getTagFieldNumber(t)) {
            case 1 -> name = in.readStringRequireUtf8();
            case 2 -> value = in.readStringRequireUtf8();
            default -> in.skipField(t);
          }
        }
        in.popLimit(limit);
        labels.set(name, value);
      } else if (isMessage(tag, 2)) {
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

  private static int delimited(int field, int size) {
    return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }

  private static int stringSize(int field, String s) {
    return s.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, s);
  }

  private static void writeString(CodedOutputStream out, int field, String s) throws IOException {
    if (!s.isEmpty()) {
      out.writeString(field, s);
    }
  }

  private static boolean isMessage(int tag, int field) {
    return WireFormat.getTagFieldNumber(tag) == field
        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }
}
