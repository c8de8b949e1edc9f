package org.swarmmon.collector.scrape;

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
      if (!sawEof && (ExpositionBytes.CLASSES[buf[pos] & 0xff] & ExpositionBytes.NAME_START) != 0) {
        line++;
        if (sampleInOnePass()) {
          return Entry.SERIES;
        }
        line--;
      }
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
        while (start < end && ExpositionBytes.isBlank(at(start))) {
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
    while (wordEnd < end && !ExpositionBytes.isBlank(at(wordEnd))) {
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
    while (p < end && ExpositionBytes.isNameChar(at(p), p == nameStart)) {
      p++;
    }
    if (p == nameStart || (p < end && !ExpositionBytes.isBlank(at(p)))) {
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
    // a HELP with nothing but blanks after the name ("# HELP x  ") has an empty text
    String rest = str(restStart, Math.max(restStart, trimEnd(end)));
    switch (entry) {
      case HELP -> help = ExpositionBytes.unescapeHelp(rest);
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
    while (p < end && ExpositionBytes.isNameChar(at(p), p == start)) {
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
    if (p >= end || !ExpositionBytes.isBlank(at(p))) {
      throw error("expected value after metric, got \"" + token(p, end) + "\"");
    }
    p = openMetrics ? p + 1 : skipBlanks(p, end);
    int valueStart = p;
    while (p < end && !ExpositionBytes.isBlank(at(p))) {
      p++;
    }
    if (p == valueStart) {
      throw error("expected value after metric, got \"" + token(p, end) + "\"");
    }
    value = ExpositionBytes.value(buf, valueStart, p, line);
    hasTimestamp = false;
    int afterValue = trimEnd(end);
    if (p < afterValue) {
      p = openMetrics ? p + 1 : skipBlanks(p, end);
      if (p < afterValue && at(p) != '#') {
        int tsStart = p;
        while (p < end && !ExpositionBytes.isBlank(at(p))) {
          p++;
        }
        timestamp = ExpositionBytes.timestamp(buf, tsStart, p, openMetrics, line);
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

  /**
   * The common sample line, {@code name{a="b",...} value} with single spaces, no timestamp and
   * a plain newline, read in one pass up to and including its newline. False for anything else
   * (escapes, blanks, a timestamp, an error), which {@link #sample} then parses after a separate
   * newline scan, with its error messages.
   */
  private boolean sampleInOnePass() {
    byte[] b = buf;
    byte[] classes = ExpositionBytes.CLASSES;
    int lim = limit;
    int start = pos;
    int p = start + 1;
    while (p < lim && (classes[b[p] & 0xff] & ExpositionBytes.NAME) != 0) {
      p++;
    }
    int nEnd = p;
    int lStart = -1;
    if (p < lim && b[p] == '{') {
      lStart = p++;
      while (true) {
        if (p >= lim) {
          return false;
        }
        if (b[p] == '}') {
          break;
        }
        int ns = p;
        if ((classes[b[p] & 0xff] & ExpositionBytes.LABEL_START) != 0) {
          p++;
          while (p < lim && (classes[b[p] & 0xff] & ExpositionBytes.LABEL) != 0) {
            p++;
          }
        }
        if (p == ns || p + 1 >= lim || b[p] != '=' || b[p + 1] != '"') {
          return false;
        }
        p += 2;
        while (p < lim && b[p] != '"') {
          if (b[p] == '\n' || b[p] == '\\') {
            return false;
          }
          p++;
        }
        if (++p >= lim) {
          return false;
        }
        if (b[p] == ',') {
          p++;
        } else if (b[p] != '}') {
          return false;
        }
      }
      p++;
    }
    int sEnd = p;
    if (p >= lim || b[p] != ' ') {
      return false;
    }
    int vs = ++p;
    while (p < lim && b[p] > ' ') {
      p++;
    }
    if (p == vs || (p < lim && b[p] != '\n')) {
      return false;
    }
    try {
      value = ExpositionBytes.value(b, vs, p, line);
    } catch (ParseException e) {
      return false;
    }
    hasTimestamp = false;
    seriesStart = start;
    nameEnd = nEnd;
    labelsStart = lStart;
    labelsEnd = lStart < 0 ? -1 : sEnd;
    seriesEnd = sEnd;
    pos = p + 1;
    return true;
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
      while (p < end && ExpositionBytes.isLabelNameChar(at(p), p == nameStart)) {
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

  /** A 64-bit hash of the raw series bytes, computed in place. */
  public long seriesHash() {
    return ExpositionBytes.hash(buf, seriesStart, seriesEnd);
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
        while (ExpositionBytes.isBlank(at(p)) || at(p) == ',') {
          p++;
        }
        if (at(p) == '}') {
          break;
        }
        int ns = p;
        while (at(p) != '=' && !ExpositionBytes.isBlank(at(p))) {
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
        b.set(name, intern.apply(escaped ? ExpositionBytes.unescapeLabelValue(buf, vs, p) : str(vs, p)));
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
    while (e < end && !ExpositionBytes.isBlank(at(e))) {
      e++;
    }
    return str(p, Math.max(e, p + 1));
  }

  private int skipBlanks(int p, int end) {
    while (p < end && ExpositionBytes.isBlank(at(p))) {
      p++;
    }
    return p;
  }

  private int trimEnd(int end) {
    int e = end;
    while (e > 0 && (at(e - 1) == '\r'
        || (!openMetrics && ExpositionBytes.isBlank(at(e - 1))))) {
      e--;
    }
    return e;
  }
}
