package org.swarmmon.collector.promql.parser;

import java.util.Locale;
import org.swarmmon.gotemplate.GoStrconv;

/** Go's float parsing and formatting, which Prometheus's texts and labels follow. */
public final class GoFloats {

  private GoFloats() {}

  /** {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
  public static String formatF(double v) {
    if (v != 0 && v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return GoStrconv.formatFloat(v, 'f', -1);
  }

  /** {@code strconv.FormatFloat(v, 'g', -1, 64)}, as Prometheus prints number literals. */
  public static String formatG(double v) {
    return GoStrconv.formatFloat(v, 'g', -1);
  }

  /** {@code strconv.ParseFloat(s, 64)}; throws {@link NumberFormatException}. */
  public static double parse(String s) {
    String t = s;
    boolean neg = false;
    if (t.startsWith("+") || t.startsWith("-")) {
      neg = t.charAt(0) == '-';
      t = t.substring(1);
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (t.isEmpty()) {
      throw new NumberFormatException("invalid syntax: " + s);
    }
    if (lower.startsWith("0x")) {
      String hex = t.substring(2);
      double v;
      if (hex.contains("p") || hex.contains("P")) {
        v = Double.parseDouble("0x" + hex);
      } else if (hex.contains(".")) {
        v = Double.parseDouble("0x" + hex + "p0");
      } else {
        v = new java.math.BigInteger(hex, 16).doubleValue();
      }
      return neg ? -v : v;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        throw new NumberFormatException("invalid syntax: " + s);
      }
    }
    double v = Double.parseDouble(t);
    return neg ? -v : v;
  }

  /** Go's {@code strconv.Quote} for the characters PromQL strings hold. */
  /** A PromQL number literal: Go's float syntax, and 0x hexadecimal and 0-prefixed octal integers. */
  static double parseLiteral(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    double v;
    try {
      if (lower.startsWith("0x") && lower.indexOf('.') < 0) {
        v = Long.parseLong(s.substring(2), 16);
      } else if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
        v = Long.parseLong(s.substring(1), 8);
      } else {
        v = parse(s);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "error parsing number: strconv.ParseFloat: parsing \"" + s + "\": invalid syntax", e);
    }
    if (Double.isInfinite(v) && !lower.contains("inf")) {
      throw new IllegalArgumentException(
          "error parsing number: strconv.ParseFloat: parsing \"" + s + "\": value out of range");
    }
    return v;
  }

  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case 11 -> sb.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
