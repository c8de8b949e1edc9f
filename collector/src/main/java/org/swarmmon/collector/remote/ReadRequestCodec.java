package org.swarmmon.collector.remote;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.swarmmon.labels.Matcher;
import org.xerial.snappy.Snappy;

/**
 * Prometheus remote-read 0.1.0 with the SAMPLES response type: a {@code prometheus.ReadRequest}
 * (queries = 1, accepted_response_types = 2) of {@code Query} messages (start_timestamp_ms = 1,
 * end_timestamp_ms = 2, matchers = 3, hints = 4), and a {@code ReadResponse} (results = 1, each a
 * {@code QueryResult} with timeseries = 1), snappy block-compressed like remote write. The client
 * sends one query; the server side decodes any number.
 */
public final class ReadRequestCodec {

  private ReadRequestCodec() {}

  /**
   * The snappy-compressed protobuf body of a ReadRequest with one query over [mint, maxt], hints of
   * the same range, accepting SAMPLES: what Prometheus 2.42's read client sends.
   */
  public static byte[] encode(long mint, long maxt, List<Matcher> matchers) throws IOException {
    List<ReadRequest.LabelMatcher> ms = matchers.stream().map(ReadRequest.LabelMatcher::of).toList();
    ReadRequest.ReadHints hints = new ReadRequest.ReadHints(0, "", mint, maxt, List.of(), false, 0);
    return encodeRequest(new ReadRequest(List.of(new ReadRequest.Query(mint, maxt, ms, hints)),
        List.of(ReadRequest.SAMPLES)));
  }

  /** The snappy-compressed protobuf body of any ReadRequest; fields at their defaults are left out. */
  public static byte[] encodeRequest(ReadRequest request) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    for (ReadRequest.Query q : request.queries()) {
      writeMessage(out, 1, query(q));
    }
    if (!request.acceptedResponseTypes().isEmpty()) {
      int size = 0;
      for (int type : request.acceptedResponseTypes()) {
        size += CodedOutputStream.computeEnumSizeNoTag(type);
      }
      ProtoWire.writeDelimitedHeader(out, 2, size);
      for (int type : request.acceptedResponseTypes()) {
        out.writeEnumNoTag(type);
      }
    }
    out.flush();
    return Snappy.compress(buf.toByteArray());
  }

  private static byte[] query(ReadRequest.Query q) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    writeInt64(out, 1, q.startMs());
    writeInt64(out, 2, q.endMs());
    for (ReadRequest.LabelMatcher m : q.matchers()) {
      ByteArrayOutputStream mb = new ByteArrayOutputStream();
      CodedOutputStream mo = CodedOutputStream.newInstance(mb);
      if (m.type() != 0) {
        mo.writeEnum(1, m.type());
      }
      ProtoWire.writeNonEmptyString(mo, 2, m.name());
      ProtoWire.writeNonEmptyString(mo, 3, m.value());
      mo.flush();
      writeMessage(out, 3, mb.toByteArray());
    }
    ReadRequest.ReadHints h = q.hints();
    if (h != null) {
      ByteArrayOutputStream hb = new ByteArrayOutputStream();
      CodedOutputStream ho = CodedOutputStream.newInstance(hb);
      writeInt64(ho, 1, h.stepMs());
      ProtoWire.writeNonEmptyString(ho, 2, h.func());
      writeInt64(ho, 3, h.startMs());
      writeInt64(ho, 4, h.endMs());
      for (String g : h.grouping()) {
        ho.writeString(5, g);
      }
      if (h.by()) {
        ho.writeBool(6, true);
      }
      writeInt64(ho, 7, h.rangeMs());
      ho.flush();
      writeMessage(out, 4, hb.toByteArray());
    }
    out.flush();
    return buf.toByteArray();
  }

  private static void writeMessage(CodedOutputStream out, int field, byte[] message) throws IOException {
    ProtoWire.writeDelimitedHeader(out, field, message.length);
    out.writeRawBytes(message);
  }

  private static void writeInt64(CodedOutputStream out, int field, long value) throws IOException {
    if (value != 0) {
      out.writeInt64(field, value);
    }
  }

  /** The most of a request body read, as Prometheus's {@code decodeReadLimit}; the rest is cut off. */
  public static final int DECODE_READ_LIMIT = 32 * 1024 * 1024;

  /**
   * Decodes a snappy-compressed ReadRequest, failing with Prometheus's words: {@code snappy:
   * corrupt input} for a body that is not snappy, {@code unexpected EOF} for a cut-off message.
   */
  public static ReadRequest decodeRequest(byte[] compressed) throws IOException {
    byte[] body = compressed.length > DECODE_READ_LIMIT
        ? Arrays.copyOf(compressed, DECODE_READ_LIMIT) : compressed;
    byte[] raw;
    try {
      if (body.length == 0 || !Snappy.isValidCompressedBuffer(body)) {
        throw new IOException("snappy: corrupt input");
      }
      raw = Snappy.uncompress(body);
    } catch (IOException | RuntimeException e) {
      throw new IOException("snappy: corrupt input", e);
    }
    try {
      return readRequest(CodedInputStream.newInstance(raw));
    } catch (InvalidProtocolBufferException e) {
      String m = String.valueOf(e.getMessage());
      throw new IOException(m.contains("ended unexpectedly") || m.contains("negative size")
          ? "unexpected EOF" : "proto: " + m, e);
    }
  }

  private static ReadRequest readRequest(CodedInputStream in) throws IOException {
    List<ReadRequest.Query> queries = new ArrayList<>();
    List<Integer> accepted = new ArrayList<>();
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return new ReadRequest(queries, accepted);
      }
      if (ProtoWire.isMessage(tag, 1)) {
        int limit = in.pushLimit(in.readRawVarint32());
        queries.add(readQuery(in));
        in.popLimit(limit);
      } else if (ProtoWire.isMessage(tag, 2)) {
        int limit = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
          accepted.add(in.readEnum());
        }
        in.popLimit(limit);
      } else if (WireFormat.getTagFieldNumber(tag) == 2
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
        accepted.add(in.readEnum());
      } else {
        in.skipField(tag);
      }
    }
  }

  private static ReadRequest.Query readQuery(CodedInputStream in) throws IOException {
    long start = 0;
    long end = 0;
    List<ReadRequest.LabelMatcher> matchers = new ArrayList<>();
    ReadRequest.ReadHints hints = null;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
        start = in.readInt64();
      } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
        end = in.readInt64();
      } else if (ProtoWire.isMessage(tag, 3)) {
        int limit = in.pushLimit(in.readRawVarint32());
        int type = 0;
        String name = "";
        String value = "";
        while (!in.isAtEnd()) {
          int t = in.readTag();
          switch (WireFormat.getTagFieldNumber(t)) {
            case 1 -> type = in.readEnum();
            case 2 -> name = in.readString();
            case 3 -> value = in.readString();
            default -> in.skipField(t);
          }
        }
        in.popLimit(limit);
        matchers.add(new ReadRequest.LabelMatcher(type, name, value));
      } else if (ProtoWire.isMessage(tag, 4)) {
        int limit = in.pushLimit(in.readRawVarint32());
        hints = readHints(in);
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
    return new ReadRequest.Query(start, end, matchers, hints);
  }

  private static ReadRequest.ReadHints readHints(CodedInputStream in) throws IOException {
    long step = 0;
    String func = "";
    long start = 0;
    long end = 0;
    List<String> grouping = new ArrayList<>();
    boolean by = false;
    long range = 0;
    while (!in.isAtEnd()) {
      int t = in.readTag();
      switch (WireFormat.getTagFieldNumber(t)) {
        case 1 -> step = in.readInt64();
        case 2 -> func = in.readString();
        case 3 -> start = in.readInt64();
        case 4 -> end = in.readInt64();
        case 5 -> grouping.add(in.readString());
        case 6 -> by = in.readBool();
        case 7 -> range = in.readInt64();
        default -> in.skipField(t);
      }
    }
    return new ReadRequest.ReadHints(step, func, start, end, grouping, by, range);
  }

  /** The snappy-compressed protobuf body of a ReadResponse: one QueryResult per query, in order. */
  public static byte[] encodeResponse(List<List<TimeSeries>> results) throws IOException {
    int[] resultSizes = new int[results.size()];
    int size = 0;
    for (int i = 0; i < results.size(); i++) {
      for (TimeSeries ts : results.get(i)) {
        resultSizes[i] += ProtoWire.delimitedSize(1, WriteRequestCodec.seriesSize(ts));
      }
      size += ProtoWire.delimitedSize(1, resultSizes[i]);
    }
    byte[] raw = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(raw);
    for (int i = 0; i < results.size(); i++) {
      ProtoWire.writeDelimitedHeader(out, 1, resultSizes[i]);
      for (TimeSeries ts : results.get(i)) {
        ProtoWire.writeDelimitedHeader(out, 1, WriteRequestCodec.seriesSize(ts));
        WriteRequestCodec.writeSeries(out, ts);
      }
    }
    out.checkNoSpaceLeft();
    return Snappy.compress(raw);
  }

  /** The series of every result of a snappy-compressed ReadResponse. */
  public static List<TimeSeries> decodeResponse(byte[] compressed) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(Snappy.uncompress(compressed));
    List<TimeSeries> out = new ArrayList<>();
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return out;
      }
      if (!ProtoWire.isMessage(tag, 1)) {
        in.skipField(tag);
        continue;
      }
      int result = in.pushLimit(in.readRawVarint32());
      while (!in.isAtEnd()) {
        int t = in.readTag();
        if (ProtoWire.isMessage(t, 1)) {
          int limit = in.pushLimit(in.readRawVarint32());
          out.add(WriteRequestCodec.readSeries(in));
          in.popLimit(limit);
        } else {
          in.skipField(t);
        }
      }
      in.popLimit(result);
    }
  }
}
