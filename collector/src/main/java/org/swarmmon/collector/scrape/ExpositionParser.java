package org.swarmmon.collector.scrape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.swarmmon.labels.Labels;

/**
 * A hand-written pull parser for Prometheus's text format 0.0.4 and OpenMetrics 1.0. It walks the
 * body's UTF-8 bytes once without regular expressions or per-line Strings; each {@link #next()}
 * stops at a sample or a metadata line. The raw series bytes ({@link #seriesHash()}, {@link
 * #seriesEquals}) are the scrape cache's key, so labels are only decoded ({@link #labels()}) for
 * series not seen before, as in Prometheus's scrape cache. Exemplars are skipped.
 */
public final class ExpositionParser {

  /** What {@link #next()} stopped at. */
  public enum Entry { SERIES, HELP, TYPE, UNIT }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final double[] POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  private final byte[] buf;
  private final int limit;
  private final boolean openMetrics;
  private int pos;
  private int line;
  private boolean sawEof;

  private int seriesStart;
  private int seriesEnd;
  private int nameEnd;
  private int labelsStart;
  private int labelsEnd;
  private double value;
  private boolean hasTimestamp;
  private long timestamp;
  private String family;
  private String help;
  private MetricType type;
  private String unit;

  private ExpositionParser(byte[] buf, int limit, boolean openMetrics) {
    this.buf = buf;
    this.limit = limit;
    this.openMetrics = openMetrics;
  }

  public static ExpositionParser text(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new ExpositionParser(b, b.length, false);
  }

  public static ExpositionParser openMetrics(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new ExpositionParser(b, b.length, true);
  }

  /** The parser for a response's Content-Type: OpenMetrics when it says so, else text. */
  public static ExpositionParser forContentType(String contentType, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return forContentType(contentType, b, b.length);
  }

  /** Parses the first {@code length} bytes of {@code body} (UTF-8), which it does not copy. */
  public static ExpositionParser forContentType(String contentType, byte[] body, int length) {
    boolean om = contentType != null && contentType.startsWith("application/openmetrics-text");
    return new ExpositionParser(body, length, om);
  }

  public boolean isOpenMetrics() {
    return openMetrics;
  }

  /** The next entry, or null at the end of the body. */
  public Entry next() throws ParseException {
    while (pos < limit) {
      line++;
      int end = pos;
      while (end < limit && buf[end] != '\n') {
        end++;
      }
      int start = pos;
      pos = end + 1;
      if (end > start && at(end - 1) == '\r') {
        end--;
      }
      if (sawEof) {
        throw error("unexpected data after # EOF");
      }
      if (!openMetrics) {
        while (start < end && isBlank(at(start))) {
          start++;
        }
      }
      if (start == end) {
        if (openMetrics && end < limit) {
          throw error("unexpected empty line");
        }
        continue;
      }
      if (at(start) == '#') {
        Entry e = comment(start, end);
        if (e != null) {
          return e;
        }
        continue;
      }
      sample(start, end);
      return Entry.SERIES;
    }
    if (openMetrics && !sawEof) {
      line++;
      throw error("data does not end with # EOF");
    }
    return null;
  }

  private Entry comment(int start, int end) throws ParseException {
    int p = start + 1;
    if (openMetrics) {
      if (p + 4 <= limit && buf[p] == ' ' && buf[p + 1] == 'E' && buf[p + 2] == 'O'
          && buf[p + 3] == 'F' && trimEnd(end) == p + 4) {
        sawEof = true;
        return null;
      }
      if (p >= end || at(p) != ' ') {
        throw error("\"" + str(start, end) + "\" is not a valid start token");
      }
    }
    p = skipBlanks(p, end);
    int wordEnd = p;
    while (wordEnd < end && !isBlank(at(wordEnd))) {
      wordEnd++;
    }
    String word = str(p, wordEnd);
    Entry entry = switch (word) {
      case "HELP" -> Entry.HELP;
      case "TYPE" -> Entry.TYPE;
      case "UNIT" -> openMetrics ? Entry.UNIT : null;
      default -> null;
    };
    if (entry == null || wordEnd >= end) {
      if (openMetrics) {
        throw error("\"" + str(start, end) + "\" is not a valid start token");
      }
      return null;
    }
    p = skipBlanks(wordEnd, end);
    int nameStart = p;
    while (p < end && isNameChar(at(p), p == nameStart)) {
      p++;
    }
    if (p == nameStart || (p < end && !isBlank(at(p)))) {
      if (!openMetrics) {
        return null;
      }
      throw error("expected metric name after " + word + ", got \"" + str(nameStart, end) + "\"");
    }
    family = str(nameStart, p);
    int restStart = p < end ? p + 1 : p;
    if (!openMetrics) {
      restStart = skipBlanks(p, end);
    }
    String rest = str(restStart, trimEnd(end));
    switch (entry) {
      case HELP -> help = unescapeHelp(rest);
      case TYPE -> {
        type = MetricType.parse(rest, openMetrics);
        if (type == null) {
          throw error("invalid metric type \"" + rest + "\"");
        }
      }
      case UNIT -> unit = rest;
      default -> { }
    }
    return entry;
  }

  private void sample(int start, int end) throws ParseException {
    int p = start;
    while (p < end && isNameChar(at(p), p == start)) {
      p++;
    }
    if (p == start) {
      throw error("\"" + token(start, end) + "\" is not a valid start token");
    }
    seriesStart = start;
    nameEnd = p;
    labelsStart = -1;
    labelsEnd = -1;
    int afterName = p;
    if (!openMetrics) {
      p = skipBlanks(p, end);
    }
    if (p < end && at(p) == '{') {
      labelsStart = p;
      p = scanLabels(p + 1, end);
      labelsEnd = p;
    } else {
      p = afterName;
    }
    seriesEnd = labelsStart < 0 ? nameEnd : labelsEnd;
    if (p >= end || !isBlank(at(p))) {
      throw error("expected value after metric, got \"" + token(p, end) + "\"");
    }
    p = openMetrics ? p + 1 : skipBlanks(p, end);
    int valueStart = p;
    while (p < end && !isBlank(at(p))) {
      p++;
    }
    if (p == valueStart) {
      throw error("expected value after metric, got \"" + token(p, end) + "\"");
    }
    value = parseValue(valueStart, p);
    hasTimestamp = false;
    int afterValue = trimEnd(end);
    if (p < afterValue) {
      p = openMetrics ? p + 1 : skipBlanks(p, end);
      if (p < afterValue && at(p) != '#') {
        int tsStart = p;
        while (p < end && !isBlank(at(p))) {
          p++;
        }
        timestamp = parseTimestamp(tsStart, p);
        hasTimestamp = true;
        if (p < afterValue) {
          p = openMetrics ? p + 1 : skipBlanks(p, end);
        }
      }
      if (p < afterValue) {
        if (openMetrics && at(p) == '#') {
          return; // an exemplar: ignored
        }
        throw error((hasTimestamp ? "expected next entry after timestamp" : "expected timestamp or new record")
            + ", got \"" + token(p, end) + "\"");
      }
    }
  }

  /** Scans {@code a="b",...}} and returns the position after the closing brace. */
  private int scanLabels(int p, int end) throws ParseException {
    while (true) {
      if (!openMetrics) {
        p = skipBlanks(p, end);
      }
      if (p < end && at(p) == '}') {
        return p + 1;
      }
      int nameStart = p;
      while (p < end && isLabelNameChar(at(p), p == nameStart)) {
        p++;
      }
      if (p == nameStart) {
        throw error("expected label name, got \"" + token(p, end) + "\"");
      }
      if (!openMetrics) {
        p = skipBlanks(p, end);
      }
      if (p >= end || at(p) != '=') {
        throw error("expected equal, got \"" + token(p, end) + "\"");
      }
      p++;
      if (!openMetrics) {
        p = skipBlanks(p, end);
      }
      if (p >= end || at(p) != '"') {
        throw error("expected label value, got \"" + token(p, end) + "\"");
      }
      p++;
      while (p < end && at(p) != '"') {
        p += at(p) == '\\' ? 2 : 1;
      }
      if (p >= end) {
        throw error("unterminated label value");
      }
      p++;
      if (!openMetrics) {
        p = skipBlanks(p, end);
      }
      if (p < end && at(p) == ',') {
        p++;
      } else if (p >= end || at(p) != '}') {
        throw error("unexpected end of label set, got \"" + token(p, end) + "\"");
      }
    }
  }

  /** The raw series text ({@code name{labels}}) of the current sample. */
  public String series() {
    return str(seriesStart, seriesEnd);
  }

  /** A copy of the raw series bytes of the current sample: a scrape cache key. */
  public byte[] seriesBytes() {
    return Arrays.copyOfRange(buf, seriesStart, seriesEnd);
  }

  /** A 64-bit hash of the raw series bytes, computed in place eight bytes at a time. */
  public long seriesHash() {
    long h = 0x9e3779b97f4a7c15L ^ (seriesEnd - seriesStart);
    int i = seriesStart;
    for (; i + 8 <= seriesEnd; i += 8) {
      h = Long.rotateLeft(h ^ ((long) LONGS.get(buf, i) * 0xff51afd7ed558ccdL), 29)
          * 0xc4ceb9fe1a85ec53L;
    }
    long tail = 0;
    for (int shift = 0; i < seriesEnd; i++, shift += 8) {
      tail |= (buf[i] & 0xffL) << shift;
    }
    h = Long.rotateLeft(h ^ (tail * 0xff51afd7ed558ccdL), 29) * 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 32);
  }

  /** Whether the raw series bytes are {@code key}, compared in place. */
  public boolean seriesEquals(byte[] key) {
    return Arrays.equals(key, 0, key.length, buf, seriesStart, seriesEnd);
  }

  public String metricName() {
    return latin1(seriesStart, nameEnd);
  }

  /** The labels of the current sample, {@code __name__} included. */
  public Labels labels() {
    return labels(UnaryOperator.identity());
  }

  /**
   * The labels of the current sample with every name and value passed through {@code intern}, so
   * that the series of one target can share their strings.
   */
  public Labels labels(UnaryOperator<String> intern) {
    Labels.Builder b = Labels.builder();
    b.set(Labels.METRIC_NAME, intern.apply(latin1(seriesStart, nameEnd)));
    if (labelsStart >= 0) {
      int p = labelsStart + 1;
      while (true) {
        while (isBlank(at(p)) || at(p) == ',') {
          p++;
        }
        if (at(p) == '}') {
          break;
        }
        int ns = p;
        while (at(p) != '=' && !isBlank(at(p))) {
          p++;
        }
        String name = intern.apply(latin1(ns, p));
        while (at(p) != '"') {
          p++;
        }
        p++;
        int vs = p;
        boolean escaped = false;
        while (buf[p] != '"') {
          if (buf[p] == '\\') {
            escaped = true;
            p++;
          }
          p++;
        }
        b.set(name, intern.apply(escaped ? unescapeLabelValue(vs, p) : str(vs, p)));
        p++;
      }
    }
    return b.build();
  }

  public double value() {
    return value;
  }

  public boolean hasTimestamp() {
    return hasTimestamp;
  }

  /** The sample's timestamp in milliseconds (OpenMetrics' seconds converted). */
  public long timestamp() {
    return timestamp;
  }

  /** The metric family named by the current HELP, TYPE or UNIT line. */
  public String family() {
    return family;
  }

  public String help() {
    return help;
  }

  public MetricType type() {
    return type;
  }

  public String unit() {
    return unit;
  }

  public int line() {
    return line;
  }

  private String unescapeLabelValue(int start, int end) {
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

  /**
   * The sample value: plain decimal text ({@code -12.5}, {@code 4.9351e-05}) with at most 18
   * significant digits and a small exponent is converted exactly in place (one correctly rounded
   * multiplication or division of exact doubles, Clinger's fast path); anything else goes through
   * {@link #goParseFloat}.
   */
  private double parseValue(int start, int end) throws ParseException {
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
            return parseValueSlow(start, end);
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
        return parseValueSlow(start, end);
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    if (p != end || !any) {
      return parseValueSlow(start, end);
    }
    double v;
    if (mantissa == 0) {
      v = 0;
    } else if (mantissa < (1L << 53) && scale >= -22 && scale <= 22) {
      v = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
    } else {
      return parseValueSlow(start, end);
    }
    return negative ? -v : v;
  }

  private double parseValueSlow(int start, int end) throws ParseException {
    String text = str(start, end);
    double v = goParseFloat(text);
    if (Double.isNaN(v) && !isNaNText(text)) {
      throw error("strconv.ParseFloat: parsing \"" + text + "\": invalid syntax");
    }
    return v;
  }

  private long parseTimestamp(int start, int end) throws ParseException {
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
    String text = str(start, end);
    if (openMetrics) {
      double seconds = goParseFloat(text);
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw error("invalid timestamp " + text);
      }
      return (long) (seconds * 1000);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error("strconv.ParseInt: parsing \"" + text + "\": invalid syntax");
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

  private static String unescapeHelp(String text) {
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

  private byte at(int i) {
    return buf[i];
  }

  /** UTF-8 text of a byte range. */
  private String str(int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.UTF_8);
  }

  /** A name already checked to be ASCII. */
  private String latin1(int start, int end) {
    return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
  }

  private ParseException error(String message) {
    return new ParseException(message, line);
  }

  private String token(int p, int end) {
    if (p >= end) {
      return p >= limit ? "EOF" : "\\n";
    }
    int e = p;
    while (e < end && !isBlank(at(e))) {
      e++;
    }
    return str(p, Math.max(e, p + 1));
  }

  private int skipBlanks(int p, int end) {
    while (p < end && isBlank(at(p))) {
      p++;
    }
    return p;
  }

  private int trimEnd(int end) {
    int e = end;
    while (e > 0 && (at(e - 1) == '\r'
        || (!openMetrics && isBlank(at(e - 1))))) {
      e--;
    }
    return e;
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isNameChar(byte c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
        || (!first && c >= '0' && c <= '9');
  }

  private static boolean isLabelNameChar(byte c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
        || (!first && c >= '0' && c <= '9');
  }
}
