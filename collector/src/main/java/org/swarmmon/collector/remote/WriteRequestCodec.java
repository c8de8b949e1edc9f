package org.swarmmon.collector.remote;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.labels.Labels;
import org.xerial.snappy.Snappy;

/**
 * Prometheus remote-write 1.0: a {@code prometheus.WriteRequest} protobuf (timeseries = 1; in
 * each, labels = 1 and samples = 2; a sample's value = 1 as double, timestamp = 2 as int64),
 * compressed with snappy's block format. Encoded by hand with protobuf's coded streams.
 */
public final class WriteRequestCodec {

  private WriteRequestCodec() {}

  /** The snappy-compressed protobuf body of a WriteRequest. */
  public static byte[] encode(List<TimeSeries> series) throws IOException {
    int size = 0;
    int[] seriesSizes = new int[series.size()];
    for (int i = 0; i < series.size(); i++) {
      seriesSizes[i] = seriesSize(series.get(i));
      size += ProtoWire.delimitedSize(1, seriesSizes[i]);
    }
    byte[] raw = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(raw);
    for (int i = 0; i < series.size(); i++) {
      ProtoWire.writeDelimitedHeader(out, 1, seriesSizes[i]);
      writeSeries(out, series.get(i));
    }
    out.checkNoSpaceLeft();
    return Snappy.compress(raw);
  }

  /** The fields of one {@code TimeSeries} message (labels, then samples), without its tag. */
  static void writeSeries(CodedOutputStream out, TimeSeries ts) throws IOException {
    for (int l = 0; l < ts.labels().size(); l++) {
      String name = ts.labels().name(l);
      String value = ts.labels().value(l);
      ProtoWire.writeDelimitedHeader(out, 1, labelSize(name, value));
      out.writeString(1, name);
      out.writeString(2, value);
    }
    for (TimeSeries.Sample s : ts.samples()) {
      ProtoWire.writeDelimitedHeader(out, 2, sampleSize(s));
      out.writeDouble(1, s.value());
      out.writeInt64(2, s.timestamp());
    }
  }

  private static int labelSize(String name, String value) {
    return CodedOutputStream.computeStringSize(1, name) + CodedOutputStream.computeStringSize(2, value);
  }

  private static int sampleSize(TimeSeries.Sample s) {
    return CodedOutputStream.computeDoubleSize(1, s.value())
        + CodedOutputStream.computeInt64Size(2, s.timestamp());
  }

  static int seriesSize(TimeSeries ts) {
    int size = 0;
    for (int l = 0; l < ts.labels().size(); l++) {
      size += ProtoWire.delimitedSize(1, labelSize(ts.labels().name(l), ts.labels().value(l)));
    }
    for (TimeSeries.Sample s : ts.samples()) {
      size += ProtoWire.delimitedSize(2, sampleSize(s));
    }
    return size;
  }

  /** Decodes a snappy-compressed WriteRequest; exemplars, histograms and metadata are skipped. */
  public static List<TimeSeries> decode(byte[] compressed) throws IOException {
    byte[] raw;
    try {
      // validated first: a garbage header can claim gigabytes, which uncompress would allocate
      if (compressed.length == 0 || !Snappy.isValidCompressedBuffer(compressed)) {
        throw new IOException("snappy: corrupt input");
      }
      raw = Snappy.uncompress(compressed);
    } catch (IOException | RuntimeException e) {
      throw new IOException("snappy: corrupt input", e);
    }
    try {
      return decodeRaw(raw);
    } catch (InvalidProtocolBufferException e) {
      // Prometheus's (gogo protobuf's) words for the common cases
      String m = String.valueOf(e.getMessage());
      throw new IOException(m.contains("ended unexpectedly") || m.contains("negative size") || m.contains("truncated")
          ? "unexpected EOF" : "proto: " + m, e);
    }
  }

  private static List<TimeSeries> decodeRaw(byte[] raw) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(raw);
    List<TimeSeries> out = new ArrayList<>();
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return out;
      }
      if (ProtoWire.isMessage(tag, 1)) {
        int limit = in.pushLimit(in.readRawVarint32());
        out.add(readSeries(in));
        in.popLimit(limit);
      } else {
        in.skipField(tag);
      }
    }
  }

  static TimeSeries readSeries(CodedInputStream in) throws IOException {
    Labels.Builder labels = Labels.builder();
    List<TimeSeries.Sample> samples = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (ProtoWire.isMessage(tag, 1)) {
        ProtoWire.readLabel(in, labels);
      } else if (ProtoWire.isMessage(tag, 2)) {
        int limit = in.pushLimit(in.readRawVarint32());
        double value = 0;
        long ts = 0;
        while (!in.isAtEnd()) {
          int t = in.readTag();
          switch (WireFormat.getTagFieldNumber(t)) {
            case 1 -> value = in.readDouble();
            case 2 -> ts = in.readInt64();
            default -> in.skipField(t);
          }
        }
        in.popLimit(limit);
        samples.add(new TimeSeries.Sample(ts, value));
      } else {
        in.skipField(tag);
      }
    }
    return new TimeSeries(labels.build(), samples);
  }
}
