package org.swarmmon.collector.scrape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The stateless part of reading an exposition's UTF-8 bytes in place: sample values and
 * timestamps (with the errors Prometheus's parsers report, Go's {@code strconv} messages),
 * escapes, character classes and the series-bytes hash. {@link ExpositionParser} holds the line
 * structure.
 */
final class ExpositionBytes {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  private ExpositionBytes() {}

  /**
   * The sample value in {@code buf[start, end)}: plain decimal text ({@code -12.5}, {@code
   * 4.9351e-05}) with at most 18 significant digits and a small exponent is converted exactly in
   * place (one correctly rounded multiplication or division of exact doubles, Clinger's fast
   * path); anything else goes through {@link #goParseFloat}.
   */
  static double value(byte[] buf, int start, int end, int line) throws ParseException {
    int p = start;
    boolean negative = buf[p] == '-';
    if (negative || buf[p] == '+') {
      p++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean dot = false;
    boolean any = false;
    for (; p < end; p++) {
      int c = buf[p];
      if (c >= '0' && c <= '9') {
        any = true;
        if (mantissa != 0 || c != '0') {
          if (++digits > 18) {
            return valueSlow(buf, start, end, line);
          }
          mantissa = mantissa * 10 + (c - '0');
        }
        if (dot) {
          scale--;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (p < end && any && (buf[p] == 'e' || buf[p] == 'E')) {
      p++;
      boolean negativeExponent = p < end && buf[p] == '-';
      if (p < end && (buf[p] == '-' || buf[p] == '+')) {
        p++;
      }
      int exponent = 0;
      int expStart = p;
      for (; p < end && buf[p] >= '0' && buf[p] <= '9' && p - expStart < 4; p++) {
        exponent = exponent * 10 + (buf[p] - '0');
      }
      if (p == expStart) {
        return valueSlow(buf, start, end, line);
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    if (p != end || !any) {
      return valueSlow(buf, start, end, line);
    }
    double v;
    if (mantissa == 0) {
      v = 0;
    } else if (mantissa < (1L << 53) && scale >= -22 && scale <= 22) {
      v = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
    } else {
      return valueSlow(buf, start, end, line);
    }
    return negative ? -v : v;
  }

  private static double valueSlow(byte[] buf, int start, int end, int line)
      throws ParseException {
    String text = new String(buf, start, end - start, StandardCharsets.UTF_8);
    double v = goParseFloat(text);
    if (Double.isNaN(v) && !isNaNText(text)) {
      throw new ParseException("strconv.ParseFloat: parsing \"" + text + "\": invalid syntax", line);
    }
    return v;
  }

  /** The timestamp in {@code buf[start, end)} in milliseconds (OpenMetrics' seconds converted). */
  static long timestamp(byte[] buf, int start, int end, boolean openMetrics, int line)
      throws ParseException {
    if (!openMetrics && end - start <= 18) {
      int p = start;
      boolean negative = buf[p] == '-';
      if (negative || buf[p] == '+') {
        p++;
      }
      long t = 0;
      for (; p < end && buf[p] >= '0' && buf[p] <= '9'; p++) {
        t = t * 10 + (buf[p] - '0');
      }
      if (p == end && p > start && buf[p - 1] >= '0' && buf[p - 1] <= '9') {
        return negative ? -t : t;
      }
    }
    String text = new String(buf, start, end - start, StandardCharsets.UTF_8);
    if (openMetrics) {
      double seconds = goParseFloat(text);
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw new ParseException("invalid timestamp " + text, line);
      }
      return (long) (seconds * 1000);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ParseException("strconv.ParseInt: parsing \"" + text + "\": invalid syntax", line);
    }
  }

  private static boolean isNaNText(String text) {
    String t = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    return t.equalsIgnoreCase("nan");
  }

  /** Go's {@code strconv.ParseFloat} on what expositions use; NaN for invalid syntax. */
  static double goParseFloat(String text) {
    if (text.isEmpty()) {
      return Double.NaN;
    }
    char first = text.charAt(0);
    String unsigned = first == '+' || first == '-' ? text.substring(1) : text;
    if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
      return first == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    for (int i = 0; i < unsigned.length(); i++) {
      char c = unsigned.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
      if (!ok) {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** A 64-bit hash of {@code buf[start, end)}, read eight bytes at a time. */
  static long hash(byte[] buf, int start, int end) {
    long h = 0x9e3779b97f4a7c15L ^ (end - start);
    int i = start;
    for (; i + 8 <= end; i += 8) {
      h = Long.rotateLeft(h ^ ((long) LONGS.get(buf, i) * 0xff51afd7ed558ccdL), 29)
          * 0xc4ceb9fe1a85ec53L;
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (buf[i] & 0xffL) << shift;
    }
    h = Long.rotateLeft(h ^ (tail * 0xff51afd7ed558ccdL), 29) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 32);
  }

  static String unescapeLabelValue(byte[] buf, int start, int end) {
    byte[] out = new byte[end - start];
    int n = 0;
    for (int p = start; p < end; p++) {
      byte c = buf[p];
      if (c == '\\') {
        byte next = buf[++p];
        switch (next) {
          case 'n' -> out[n++] = '\n';
          case '\\', '"' -> out[n++] = next;
          default -> {
            out[n++] = c;
            out[n++] = next;
          }
        }
      } else {
        out[n++] = c;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }

  static String unescapeHelp(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char n = text.charAt(i + 1);
        if (n == 'n') {
          sb.append('\n');
          i++;
          continue;
        }
        if (n == '\\' || n == '"') {
          sb.append(n);
          i++;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** {@link #CLASSES} bits: a metric name's first and later characters, a label name's. */
  static final int NAME_START = 1;
  static final int NAME = 2;
  static final int LABEL_START = 4;
  static final int LABEL = 8;

  /**
   * The character classes of every byte, for the per-byte loops of the one-pass line read: the
   * predicates below are too large for the C1 compiler the image runs to inline, which made
   * every byte of a name a call.
   */
  static final byte[] CLASSES = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      byte b = (byte) c;
      CLASSES[c] = (byte) ((isNameChar(b, true) ? NAME_START : 0) | (isNameChar(b, false) ? NAME : 0)
          | (isLabelNameChar(b, true) ? LABEL_START : 0) | (isLabelNameChar(b, false) ? LABEL : 0));
    }
  }

  static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  static boolean isNameChar(byte c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
        || (!first && c >= '0' && c <= '9');
  }

  static boolean isLabelNameChar(byte c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
        || (!first && c >= '0' && c <= '9');
  }
}
