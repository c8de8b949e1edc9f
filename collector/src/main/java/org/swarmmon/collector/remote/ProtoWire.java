package org.swarmmon.collector.remote;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import org.swarmmon.labels.Labels;

/** The pieces of protobuf's wire format the hand-written prompb codecs share. */
final class ProtoWire {

  private ProtoWire() {}

  /** Whether {@code tag} opens an embedded message (or bytes) in field {@code field}. */
  static boolean isMessage(int tag, int field) {
    return WireFormat.getTagFieldNumber(tag) == field
        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** The bytes of a length-delimited field whose content takes {@code size} bytes. */
  static int delimitedSize(int field, int size) {
    return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
  }

  /** The tag and length of a length-delimited field; its {@code size} bytes of content follow. */
  static void writeDelimitedHeader(CodedOutputStream out, int field, int size) throws IOException {
    out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(size);
  }

  /** A string field as gogo-protobuf writes it: nothing when empty. */
  static void writeNonEmptyString(CodedOutputStream out, int field, String s) throws IOException {
    if (!s.isEmpty()) {
      out.writeString(field, s);
    }
  }

  static int nonEmptyStringSize(int field, String s) {
    return s.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, s);
  }

  /** Reads one length-delimited {@code prometheus.Label} (name = 1, value = 2) into {@code labels}. */
  static void readLabel(CodedInputStream in, Labels.Builder labels) throws IOException {
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
  }
}
