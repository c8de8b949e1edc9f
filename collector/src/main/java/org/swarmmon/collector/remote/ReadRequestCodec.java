package org.swarmmon.collector.remote;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.labels.Matcher;
import org.xerial.snappy.Snappy;

/**
 * Prometheus remote-read 0.1.0 with the SAMPLES response type: a {@code prometheus.ReadRequest}
 * (queries = 1, accepted_response_types = 2) holding one {@code Query} (start_timestamp_ms = 1,
 * end_timestamp_ms = 2, matchers = 3, hints = 4), and a {@code ReadResponse} (results = 1, each a
 * {@code QueryResult} with timeseries = 1), snappy block-compressed like remote write.
 */
public final class ReadRequestCodec {

  private ReadRequestCodec() {}

  /** The snappy-compressed protobuf body of a ReadRequest with one query over [mint, maxt]. */
  public static byte[] encode(long mint, long maxt, List<Matcher> matchers) throws IOException {
    int querySize = querySize(mint, maxt, matchers);
    int size = CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(querySize)
        + querySize
        // accepted_response_types, packed: tag, length 1, SAMPLES (0)
        + CodedOutputStream.computeTagSize(2) + 2;
    byte[] raw = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(raw);
    out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(querySize);
    out.writeInt64(1, mint);
    out.writeInt64(2, maxt);
    for (Matcher m : matchers) {
      out.writeTag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(matcherSize(m));
      if (matcherType(m) != 0) {
        out.writeEnum(1, matcherType(m));
      }
      out.writeString(2, m.name());
      out.writeString(3, m.value());
    }
    out.writeTag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(hintsSize(mint, maxt));
    out.writeInt64(3, mint);
    out.writeInt64(4, maxt);
    out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(1);
    out.writeEnumNoTag(0);
    out.checkNoSpaceLeft();
    return Snappy.compress(raw);
  }

  private static int matcherType(Matcher m) {
    return switch (m.type()) {
      case EQUAL -> 0;
      case NOT_EQUAL -> 1;
      case REGEX -> 2;
      case NOT_REGEX -> 3;
    };
  }

  private static int matcherSize(Matcher m) {
    int type = matcherType(m);
    return (type == 0 ? 0 : CodedOutputStream.computeEnumSize(1, type))
        + CodedOutputStream.computeStringSize(2, m.name())
        + CodedOutputStream.computeStringSize(3, m.value());
  }

  private static int hintsSize(long mint, long maxt) {
    return CodedOutputStream.computeInt64Size(3, mint) + CodedOutputStream.computeInt64Size(4, maxt);
  }

  private static int querySize(long mint, long maxt, List<Matcher> matchers) {
    int size = CodedOutputStream.computeInt64Size(1, mint) + CodedOutputStream.computeInt64Size(2, maxt);
    for (Matcher m : matchers) {
      int ms = matcherSize(m);
      size += CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(ms) + ms;
    }
    int hs = hintsSize(mint, maxt);
    return size + CodedOutputStream.computeTagSize(4) + CodedOutputStream.computeUInt32SizeNoTag(hs) + hs;
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
      if (!isMessage(tag, 1)) {
        in.skipField(tag);
        continue;
      }
      int result = in.pushLimit(in.readRawVarint32());
      while (!in.isAtEnd()) {
        int t = in.readTag();
        if (isMessage(t, 1)) {
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

  private static boolean isMessage(int tag, int field) {
    return WireFormat.getTagFieldNumber(tag) == field
        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }
}
