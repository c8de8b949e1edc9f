package org.swarmmon.collector.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.swarmmon.collector.promql.parser.GoFloats;
import org.swarmmon.collector.promql.parser.PromqlParser;

/** Parses the API's times and durations as Prometheus's parseTime and parseDuration do. */
public final class ApiParams {

  /** Prometheus's minTime/maxTime for a missing start/end (the range Go's time can hold). */
  public static final Instant MIN_TIME = Instant.ofEpochMilli(-9223309901257974L);
  public static final Instant MAX_TIME = Instant.ofEpochMilli(9223309901257974L);

  private ApiParams() {}

  /** A unix timestamp with optional fraction, or RFC 3339. */
  public static Instant parseTime(String s) {
    try {
      BigDecimal seconds = new BigDecimal(s.trim());
      BigDecimal millis = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN);
      return Instant.ofEpochMilli(millis.longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      // not a number
    }
    Instant goFloat = goFloatTime(s);
    if (goFloat != null) {
      return goFloat;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // fall through
    }
    java.util.regex.Matcher beyond = FAR_OFFSET.matcher(s);
    if (beyond.matches()) {
      // Go's time.Parse takes any two-digit zone offset, java.time only up to ±18:00
      try {
        Instant local = java.time.LocalDateTime.parse(beyond.group(1)).toInstant(java.time.ZoneOffset.UTC);
        int offset = Integer.parseInt(beyond.group(3)) * 3600 + Integer.parseInt(beyond.group(4)) * 60;
        return local.minusSeconds(beyond.group(2).equals("-") ? -offset : offset);
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    if (s.equals(MIN_TIME_TEXT)) {
      return MIN_TIME;
    }
    if (s.equals(MAX_TIME_TEXT)) {
      return MAX_TIME;
    }
    throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid timestamp");
  }

  private static final java.util.regex.Pattern FAR_OFFSET =
      java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([+-])(\\d{2}):(\\d{2})");
  private static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";
  private static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";

  /**
   * A float Go's strconv.ParseFloat takes (NaN, Inf, hex, underscores included) that BigDecimal does
   * not, or that is beyond a long of milliseconds, turned into the query time as Prometheus 2.42 on
   * amd64 does: math.Modf, int64 conversions that give MinInt64 when out of range or NaN,
   * time.Unix's normalisation and the engine's UnixNano()/1e6, all wrapping. Null when Go refuses it.
   */
  static Instant goFloatTime(String s) {
    double t;
    try {
      t = GoFloats.parse(s);
    } catch (NumberFormatException e) {
      return null;
    }
    if (Double.isInfinite(t) && !s.toLowerCase(java.util.Locale.ROOT).contains("inf")) {
      return null; // strconv.ErrRange
    }
    double whole = Double.isInfinite(t) ? t : t < 0 ? Math.ceil(t) : Math.floor(t);
    double frac = Double.isInfinite(t) ? Double.NaN : t - whole;
    double ms = frac * 1000;
    double rounded = Double.isNaN(ms) ? ms : Math.signum(ms) * Math.floor(Math.abs(ms) + 0.5);
    long sec = goInt64(whole);
    long nsec = goInt64(rounded / 1000 * 1e9);
    if (nsec < 0 || nsec >= 1_000_000_000L) {
      long q = nsec / 1_000_000_000L;
      sec += q;
      nsec -= q * 1_000_000_000L;
      if (nsec < 0) {
        nsec += 1_000_000_000L;
        sec--;
      }
    }
    return Instant.ofEpochMilli((sec * 1_000_000_000L + nsec) / 1_000_000L);
  }

  /** Go's float64 to int64 conversion on amd64: MinInt64 for NaN and values out of range. */
  private static long goInt64(double x) {
    return Double.isNaN(x) || x >= 0x1p63 || x < -0x1p63 ? Long.MIN_VALUE : (long) x;
  }

  /** Float seconds or a Prometheus duration ({@code 1m30s}). */
  public static Duration parseDuration(String s) {
    double d = Double.NaN;
    boolean isFloat;
    try {
      d = GoFloats.parse(s);
      // a literal beyond float64 is strconv.ErrRange: not a float for Prometheus either
      isFloat = !Double.isInfinite(d) || s.toLowerCase(java.util.Locale.ROOT).contains("inf");
    } catch (NumberFormatException e) {
      isFloat = false;
    }
    if (isFloat) {
      double ns = d * 1e9;
      if (ns > 0x1p63 || ns < -0x1p63) {
        throw new IllegalArgumentException(
            "cannot parse \"" + s + "\" to a valid duration. It overflows int64");
      }
      // NaN passes Prometheus's range check and converts to MinInt64: a negative duration
      return Duration.ofNanos(goInt64(ns));
    }
    try {
      return Duration.ofMillis(PromqlParser.parseDuration(s));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot parse \"" + s + "\" to a valid duration");
    }
  }

  /** The named optional time parameter, or {@code dflt} when absent or empty (Prometheus's parseTimeParam). */
  public static Instant time(String name, String value, Instant dflt) {
    if (value == null || value.isEmpty()) {
      return dflt;
    }
    try {
      return parseTime(value);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(name, "Invalid time value for '" + name + "': " + e.getMessage());
    }
  }

  /** A required time parameter (query_range's start and end). */
  public static Instant requiredTime(String name, String value) {
    try {
      return parseTime(value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(name, e.getMessage());
    }
  }

  /** The named duration parameter, or null when absent or empty. */
  public static Duration duration(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParam(name, e.getMessage());
    }
  }
}
