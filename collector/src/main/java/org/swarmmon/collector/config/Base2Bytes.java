package org.swarmmon.collector.config;

import java.util.Map;

/**
 * A byte size as Prometheus's {@code body_size_limit} reads and prints it
 * ({@code github.com/alecthomas/units.Base2Bytes}): {@code 10MB}, {@code 10MiB}, {@code 1.5KB},
 * {@code 1KiB512B}, or {@code 0}; printed as {@code 10MiB}, {@code 1KiB512B}.
 */
final class Base2Bytes {

  private static final String[] PREFIXES = {"", "K", "M", "G", "T", "P", "E"};
  private static final Map<String, Double> UNITS = units("iB");
  private static final Map<String, Double> OLD_UNITS = units("B");

  private Base2Bytes() {}

  private static Map<String, Double> units(String suffix) {
    return Map.of("B", 1.0, "K" + suffix, 0x1p10, "M" + suffix, 0x1p20, "G" + suffix, 0x1p30,
        "T" + suffix, 0x1p40, "P" + suffix, 0x1p50, "E" + suffix, 0x1p60);
  }

  /** Parses as {@code units.ParseBase2Bytes}; the exception's message is its error text. */
  static long parse(String text) {
    try {
      return parse(text, UNITS);
    } catch (IllegalArgumentException e) {
      return parse(text, OLD_UNITS);
    }
  }

  private static long parse(String orig, Map<String, Double> units) {
    String s = orig;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("units: invalid " + orig);
    }
    double total = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '.' && !isAsciiDigit(c)) {
        throw new IllegalArgumentException("units: invalid " + orig);
      }
      int start = i;
      while (i < s.length() && isAsciiDigit(s.charAt(i))) {
        i++;
      }
      boolean pre = i > start;
      double value = pre ? Double.parseDouble(s.substring(start, i)) : 0;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        int fracStart = ++i;
        while (i < s.length() && isAsciiDigit(s.charAt(i))) {
          i++;
        }
        post = i > fracStart;
        if (post) {
          value += Double.parseDouble("0." + s.substring(fracStart, i));
        }
      }
      if (!pre && !post) {
        throw new IllegalArgumentException("units: invalid " + orig);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isAsciiDigit(s.charAt(i))) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      Double scale = units.get(unit);
      if (scale == null) {
        throw new IllegalArgumentException("units: unknown unit " + unit + " in " + orig);
      }
      total += value * scale;
    }
    if (total > Long.MAX_VALUE) {
      throw new IllegalArgumentException("units: overflow parsing unit");
    }
    return (long) (neg ? -total : total);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code Base2Bytes.String()}: {@code 10MiB}, {@code 1KiB512B}, {@code 0B}. */
  static String format(long bytes) {
    String[] out = new String[PREFIXES.length];
    long n = bytes;
    for (int i = 0; i < PREFIXES.length; i++) {
      if (n % 1024 != 0 || (i == 0 && n == 0)) {
        out[PREFIXES.length - 1 - i] = (n % 1024) + PREFIXES[i] + (i == 0 ? "B" : "iB");
      }
      n /= 1024;
      if (n == 0) {
        break;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String part : out) {
      if (part != null) {
        sb.append(part);
      }
    }
    return sb.toString();
  }
}
