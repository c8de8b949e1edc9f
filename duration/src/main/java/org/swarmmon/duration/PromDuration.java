package org.swarmmon.duration;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration notation, {@code 1y2w3d4h5m6s7ms} or {@code 0}, as {@code model.Duration}
 * of prometheus/common parses and prints it: units in that order, each at most once, no fractions,
 * a year of 365 days; printed back with years and weeks only when they divide it evenly
 * ({@code 400d}, not {@code 1y5w}).
 */
public final class PromDuration {

  private static final Pattern FORMAT = Pattern.compile(
      "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$");
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L
  };
  /** Go's time.Duration counts nanoseconds in an int64, so no duration may exceed this. */
  private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

  private PromDuration() {}

  /**
   * Parses like {@code model.ParseDuration}; fails with {@link IllegalArgumentException} carrying
   * its text ({@code empty duration string}, {@code not a valid duration string: "5x"},
   * {@code duration out of range}).
   */
  public static Duration parse(String text) {
    return Duration.ofMillis(parseMillis(text));
  }

  /** {@link #parse} in milliseconds. */
  public static long parseMillis(String text) {
    if ("0".equals(text)) {
      return 0;
    }
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: " + goQuote(text));
    }
    long total = 0;
    for (int i = 0; i < UNITS.length; i++) {
      String digits = m.group(2 + 2 * i);
      if (digits == null) {
        continue;
      }
      long n = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
      if (n > MAX_MILLIS / UNIT_MILLIS[i] || total + n * UNIT_MILLIS[i] > MAX_MILLIS) {
        throw new IllegalArgumentException("duration out of range");
      }
      total += n * UNIT_MILLIS[i];
    }
    return total;
  }

  /** Prints like {@code model.Duration.String()}: {@code 1m30s}, {@code 8d}, {@code 2w}, {@code 0s}. */
  public static String format(Duration duration) {
    return format(duration.toMillis());
  }

  /** {@link #format(Duration)} of milliseconds; a negative duration prints as Go prints it, empty. */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long rest = millis;
    for (int i = 0; i < UNITS.length; i++) {
      boolean onlyIfExact = i < 2;
      if (onlyIfExact && rest % UNIT_MILLIS[i] != 0) {
        continue;
      }
      long n = rest / UNIT_MILLIS[i];
      if (n > 0) {
        sb.append(n).append(UNITS[i]);
        rest -= n * UNIT_MILLIS[i];
      }
    }
    return sb.toString();
  }

  /** Go's {@code %q} of a string, as the error texts carry it. */
  private static String goQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
            sb.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    });
    return sb.append('"').toString();
  }
}
