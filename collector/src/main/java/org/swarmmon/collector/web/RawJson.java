package org.swarmmon.collector.web;

import com.fasterxml.jackson.core.SerializableString;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.swarmmon.gotemplate.GoStrconv;

/**
 * ASCII JSON text (timestamps, sample values, brackets) built as bytes and handed to Jackson as a
 * raw value, which copies it straight into its output buffer. The points of a query's answer are
 * most of its bytes; built this way they skip a StringBuilder, a String, its inflation to chars
 * and Jackson's re-encoding of those chars, which on a C1-only JVM (the image's flags) was more
 * than half of a small query's CPU (collector docs/benchmarks.md §3d).
 */
final class RawJson implements SerializableString {

  private byte[] buf = new byte[512];
  private int len;
  private final byte[] digits = new byte[32];

  void clear() {
    len = 0;
  }

  RawJson put(char c) {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    buf[len++] = (byte) c;
    return this;
  }

  private void put(String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      put(ascii.charAt(i));
    }
  }

  /** {@code [1435781451.781,"0.5"]}. */
  void point(long millis, double v) {
    put('[');
    timestamp(millis);
    put(',').put('"');
    number(v);
    put('"').put(']');
  }

  /** Unix seconds with milliseconds, without trailing zeros ({@code 1435781451.78}, {@code 1435781451}). */
  void timestamp(long millis) {
    if (millis == Long.MIN_VALUE) {
      put(ApiJson.timestamp(millis).toPlainString());
      return;
    }
    long a = Math.abs(millis);
    int ms = (int) (a % 1000);
    if (millis < 0) {
      put('-');
    }
    digits(a / 1000);
    if (ms != 0) {
      put('.').put((char) ('0' + ms / 100));
      if (ms % 100 != 0) {
        put((char) ('0' + ms / 10 % 10));
        if (ms % 10 != 0) {
          put((char) ('0' + ms % 10));
        }
      }
    }
  }

  /** A sample value as Prometheus writes it: Go's {@code 'f', -1} format, {@code NaN}, {@code +Inf}, {@code -Inf}. */
  void number(double v) {
    if (Double.isNaN(v)) {
      put("NaN");
    } else if (Double.isInfinite(v)) {
      put(v > 0 ? "+Inf" : "-Inf");
    } else if (v == 0) {
      put(1 / v < 0 ? "-0" : "0");
    } else if (Math.abs(v) < 1e15 && v == Math.rint(v)) {
      if (v < 0) {
        put('-');
      }
      digits(Math.abs((long) v));
    } else {
      plain(GoStrconv.shortestText(v));
    }
  }

  /** The decimal digits of {@code v >= 0}. */
  private void digits(long v) {
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) {
      put((char) digits[--n]);
    }
  }

  /**
   * The shortest-repr text of Schubfach, as JDK 19's {@code Double.toString} writes it ({@code 1.5E-7},
   * {@code 123.25}; JDK 17's own is sometimes a digit longer than Go's), in plain notation without trailing
   * zeros, as {@code new BigDecimal(s).stripTrailingZeros().toPlainString()} gives it.
   */
  private void plain(String s) {
    int e = s.indexOf('E');
    int exp = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
    int end = e < 0 ? s.length() : e;
    boolean negative = s.charAt(0) == '-';
    int n = 0;
    int point = -1;
    for (int i = negative ? 1 : 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        point = n;
      } else {
        digits[n++] = (byte) c;
      }
    }
    // position of the decimal point within digits
    int at = (point < 0 ? n : point) + exp;
    int first = 0;
    while (first < n - 1 && digits[first] == '0') {
      first++;
      at--;
    }
    int last = n;
    while (last > first + 1 && digits[last - 1] == '0') {
      last--;
    }
    int count = last - first;
    if (negative) {
      put('-');
    }
    if (at <= 0) {
      put('0').put('.');
      for (int i = at; i < 0; i++) {
        put('0');
      }
      putDigits(first, last);
    } else if (at >= count) {
      putDigits(first, last);
      for (int i = count; i < at; i++) {
        put('0');
      }
    } else {
      putDigits(first, first + at);
      put('.');
      putDigits(first + at, last);
    }
  }

  private void putDigits(int from, int to) {
    for (int i = from; i < to; i++) {
      put((char) digits[i]);
    }
  }

  String text() {
    return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
  }

  @Override
  public String getValue() {
    return text();
  }

  @Override
  public int charLength() {
    return len;
  }

  @Override
  public char[] asQuotedChars() {
    return text().toCharArray();
  }

  @Override
  public byte[] asUnquotedUTF8() {
    return Arrays.copyOf(buf, len);
  }

  @Override
  public byte[] asQuotedUTF8() {
    return asUnquotedUTF8();
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    return appendUnquotedUTF8(buffer, offset);
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    return appendUnquoted(buffer, offset);
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    if (offset + len > buffer.length) {
      return -1;
    }
    System.arraycopy(buf, 0, buffer, offset, len);
    return len;
  }

  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    if (offset + len > buffer.length) {
      return -1;
    }
    for (int i = 0; i < len; i++) {
      buffer[offset + i] = (char) buf[i];
    }
    return len;
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) throws java.io.IOException {
    return writeUnquotedUTF8(out);
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws java.io.IOException {
    out.write(buf, 0, len);
    return len;
  }

  @Override
  public int putQuotedUTF8(ByteBuffer out) {
    return putUnquotedUTF8(out);
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer out) {
    if (out.remaining() < len) {
      return -1;
    }
    out.put(buf, 0, len);
    return len;
  }
}
