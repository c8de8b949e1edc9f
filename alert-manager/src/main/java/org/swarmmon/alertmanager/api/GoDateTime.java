package org.swarmmon.alertmanager.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * go-openapi strfmt's {@code ParseDateTime} as Alertmanager 0.25 runs it on {@code startsAt} /
 * {@code endsAt}: Go's {@code time.Parse} with each of strfmt's layouts in turn, the first that
 * parses wins, otherwise the last one's error (Go's text, e.g. {@code parsing time "xx" as
 * "2006-01-02 15:04:05": cannot parse "xx" as "2006"}). Go accepts more than RFC 3339 here: no
 * zone (UTC), seconds left out, a space instead of {@code T}, offsets beyond ±18h.
 */
final class GoDateTime {

  private static final List<String> STD = List.of(
      "2006", "01", "02", "15", "04", "05", "Z07:00", "Z0700", ".000000", ".000", ".999999999");
  private static final List<Layout> LAYOUTS = Stream.of(
      "2006-01-02T15:04:05.000000Z07:00", "2006-01-02T15:04:05.000000Z0700",
      "2006-01-02T15:04:05.000Z07:00", "2006-01-02T15:04:05.000Z0700",
      "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05.999999999Z07:00",
      "2006-01-02T15:04:05", "2006-01-02T15:04Z", "2006-01-02T15:04", "2006-01-02 15:04:05")
      .map(Layout::of).toList();

  /**
   * A layout cut once into its elements (Go's nextStdChunk), each with the literal text before it
   * and the layout after it; cutting it again for every value was most of a parse's CPU.
   */
  private record Layout(String text, List<Chunk> chunks) {
    static Layout of(String layout) {
      List<Chunk> chunks = new ArrayList<>();
      String rest = layout;
      while (!rest.isEmpty()) {
        int at = -1;
        String std = null;
        for (int i = 0; i < rest.length() && std == null; i++) {
          for (String s : STD) {
            if (rest.startsWith(s, i)) {
              at = i;
              std = s;
              break;
            }
          }
        }
        if (std == null) {
          chunks.add(new Chunk(rest, null, ""));
          break;
        }
        String prefix = rest.substring(0, at);
        rest = rest.substring(at + std.length());
        chunks.add(new Chunk(prefix, std, rest));
      }
      return new Layout(layout, List.copyOf(chunks));
    }
  }

  /** Literal text, then an element (null: none), then the rest of the layout. */
  private record Chunk(String prefix, String std, String after) {}

  private GoDateTime() {}

  /** The instant, or {@link IllegalArgumentException} with Go's text. */
  static Instant parse(String value) {
    Instant common = rfc3339(value);
    return common != null ? common : parseLayouts(value);
  }

  /** Each layout in turn, as strfmt does. */
  static Instant parseLayouts(String value) {
    String error = null;
    for (Layout layout : LAYOUTS) {
      try {
        return new Run(layout, value).parse();
      } catch (Mismatch | IllegalArgumentException e) {
        error = e.getMessage();
      }
    }
    throw new IllegalArgumentException(error);
  }

  /**
   * What Prometheus sends, {@code 2006-01-02T15:04:05[.fraction](Z|±hh:mm)} with '.' and in range:
   * the fifth layout accepts it, an earlier one only to the same instant. Null for anything else,
   * which goes through the layouts; the first four fail on most of these values.
   */
  private static Instant rfc3339(String v) {
    int n = v.length();
    if (n < 20 || !digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 7) || v.charAt(7) != '-'
        || !digits(v, 8, 10) || v.charAt(10) != 'T' || !digits(v, 11, 13) || v.charAt(13) != ':'
        || !digits(v, 14, 16) || v.charAt(16) != ':' || !digits(v, 17, 19)) {
      return null;
    }
    int i = 19;
    long nanos = 0;
    if (v.charAt(i) == '.') {
      int start = ++i;
      while (isDigit(v, i)) {
        i++;
      }
      if (i == start) {
        return null;
      }
      for (int k = start; k < start + 9; k++) {
        nanos = nanos * 10 + (k < i ? v.charAt(k) - '0' : 0);
      }
    }
    int offset;
    if (i == n - 1 && v.charAt(i) == 'Z') {
      offset = 0;
    } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && digits(v, i + 1, i + 3)
        && v.charAt(i + 3) == ':' && digits(v, i + 4, i + 6)) {
      offset = (v.charAt(i) == '-' ? -1 : 1) * (number(v, i + 1, i + 3) * 3600 + number(v, i + 4, i + 6) * 60);
    } else {
      return null;
    }
    int year = number(v, 0, 4);
    int month = number(v, 5, 7);
    int day = number(v, 8, 10);
    int hour = number(v, 11, 13);
    int minute = number(v, 14, 16);
    int second = number(v, 17, 19);
    if (month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth() || hour > 23
        || minute > 59 || second > 59) {
      return null;
    }
    long secs = LocalDate.of(year, month, day).toEpochDay() * 86400 + hour * 3600L + minute * 60L + second - offset;
    return Instant.ofEpochSecond(secs, nanos);
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s, i)) {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + s.charAt(i) - '0';
    }
    return n;
  }

  /**
   * A layout that does not fit, without a stack trace: most values that are not plain RFC 3339
   * fail several layouts before one fits.
   */
  private static final class Mismatch extends RuntimeException {
    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Run {
    final Layout layout;
    final String input;
    String value;
    int year = 1;
    int month = 1;
    int day = 1;
    int hour;
    int minute;
    int second;
    long nanos;
    int offsetSeconds;

    Run(Layout layout, String value) {
      this.layout = layout;
      this.input = value;
      this.value = value;
    }

    Instant parse() {
      for (Chunk chunk : layout.chunks()) {
        skip(chunk.prefix());
        if (chunk.std() != null) {
          element(chunk.std(), chunk.after());
        }
      }
      if (!value.isEmpty()) {
        throw new Mismatch("parsing time " + quote(input) + ": extra text: " + quote(value));
      }
      if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
        throw new Mismatch("parsing time " + quote(input) + ": day out of range");
      }
      long days = LocalDate.of(year, month, day).toEpochDay();
      long secs = days * 86400 + hour * 3600L + minute * 60L + second - offsetSeconds;
      return Instant.ofEpochSecond(secs, nanos);
    }

    /** Go's skip: literal bytes match exactly, a space matches any run of spaces (also none at the end). */
    private void skip(String prefix) {
      String p = prefix;
      while (!p.isEmpty()) {
        if (p.charAt(0) == ' ') {
          if (!value.isEmpty() && value.charAt(0) != ' ') {
            throw cannotParse(value, prefix);
          }
          p = p.stripLeading();
          value = value.replaceFirst("^ +", "");
          continue;
        }
        if (value.isEmpty() || value.charAt(0) != p.charAt(0)) {
          throw cannotParse(value, prefix);
        }
        p = p.substring(1);
        value = value.substring(1);
      }
    }

    private void element(String std, String layoutRest) {
      String hold = value;
      switch (std) {
        case "2006" -> {
          if (value.length() < 4) {
            throw cannotParse(hold, std);
          }
          year = atoi(value.substring(0, 4), hold, std);
          value = value.substring(4);
          if (year < Year.MIN_VALUE || year > Year.MAX_VALUE) {
            throw cannotParse(hold, std);
          }
        }
        case "01" -> month = range(num(true, hold, std), 1, 12, "month", std);
        case "02" -> day = num(true, hold, std);
        case "15" -> hour = range(num(false, hold, std), 0, 23, "hour", std);
        case "04" -> minute = range(num(true, hold, std), 0, 59, "minute", std);
        case "05" -> {
          second = range(num(true, hold, std), 0, 59, "second", std);
          boolean fractionInLayout = layoutRest.startsWith(".0") || layoutRest.startsWith(".9");
          if (!fractionInLayout && value.length() >= 2 && isPeriod(value.charAt(0)) && isDigit(value, 1)) {
            int n = 2;
            while (n < value.length() && isDigit(value, n)) {
              n++;
            }
            nanos = nanos(value.substring(0, n), hold, std);
            value = value.substring(n);
          }
        }
        case ".000", ".000000" -> {
          int n = std.length();
          if (value.length() < n || !isPeriod(value.charAt(0))) {
            throw cannotParse(hold, std);
          }
          nanos = nanos(value.substring(0, n), hold, std);
          value = value.substring(n);
        }
        case ".999999999" -> {
          if (value.length() >= 2 && isPeriod(value.charAt(0)) && isDigit(value, 1)) {
            int n = 1;
            while (n < value.length() && isDigit(value, n)) {
              n++;
            }
            nanos = nanos(value.substring(0, n), hold, std);
            value = value.substring(n);
          }
        }
        case "Z07:00", "Z0700" -> {
          if (!value.isEmpty() && value.charAt(0) == 'Z') {
            value = value.substring(1);
            return;
          }
          boolean colon = std.equals("Z07:00");
          int len = colon ? 6 : 5;
          if (value.length() < len || colon && value.charAt(3) != ':') {
            throw cannotParse(hold, std);
          }
          char sign = value.charAt(0);
          String hh = value.substring(1, 3);
          String mm = colon ? value.substring(4, 6) : value.substring(3, 5);
          if (sign != '+' && sign != '-' || !isDigit(hh, 0) || !isDigit(hh, 1) || !isDigit(mm, 0) || !isDigit(mm, 1)) {
            throw cannotParse(hold, std);
          }
          int off = Integer.parseInt(hh) * 3600 + Integer.parseInt(mm) * 60;
          offsetSeconds = sign == '-' ? -off : off;
          value = value.substring(len);
        }
        default -> throw new IllegalStateException(std);
      }
    }

    /** Go's getnum: one or two digits, exactly two when fixed. */
    private int num(boolean fixed, String hold, String std) {
      if (!isDigit(value, 0)) {
        throw cannotParse(hold, std);
      }
      if (!isDigit(value, 1)) {
        if (fixed) {
          throw cannotParse(hold, std);
        }
        int n = value.charAt(0) - '0';
        value = value.substring(1);
        return n;
      }
      int n = (value.charAt(0) - '0') * 10 + value.charAt(1) - '0';
      value = value.substring(2);
      return n;
    }

    private int range(int n, int min, int max, String what, String std) {
      if (n < min || n > max) {
        throw new Mismatch("parsing time " + quote(input) + ": " + what + " out of range");
      }
      return n;
    }

    private long nanos(String fraction, String hold, String std) {
      String digits = fraction.substring(1, Math.min(fraction.length(), 10));
      for (int i = 0; i < digits.length(); i++) {
        if (!isDigit(digits, i)) {
          throw cannotParse(hold, std);
        }
      }
      long ns = digits.isEmpty() ? 0 : Long.parseLong(digits);
      for (int i = digits.length(); i < 9; i++) {
        ns *= 10;
      }
      return ns;
    }

    private int atoi(String s, String hold, String std) {
      String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
      if (digits.isEmpty()) {
        throw cannotParse(hold, std);
      }
      for (int i = 0; i < digits.length(); i++) {
        if (!isDigit(digits, i)) {
          throw cannotParse(hold, std);
        }
      }
      int n = Integer.parseInt(digits);
      return s.startsWith("-") ? -n : n;
    }

    private Mismatch cannotParse(String valueElem, String layoutElem) {
      return new Mismatch("parsing time " + quote(input) + " as " + quote(layout.text())
          + ": cannot parse " + quote(valueElem) + " as " + quote(layoutElem));
    }
  }

  private static boolean isPeriod(char c) {
    return c == '.' || c == ',';
  }

  private static boolean isDigit(String s, int i) {
    return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  /** Go's time.quote: printable ASCII as is, anything else as its UTF-8 bytes in \x form. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp >= 0x80 || cp < ' ') {
        for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append(String.format("\\x%02x", x & 0xff));
        }
      } else {
        if (cp == '"' || cp == '\\') {
          out.append('\\');
        }
        out.append((char) cp);
      }
      i += Character.charCount(cp);
    }
    return out.append('"').toString();
  }
}
