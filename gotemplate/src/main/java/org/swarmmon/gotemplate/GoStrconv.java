package org.swarmmon.gotemplate;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Go's strconv as templates use it: float formatting, quoting and unquoting. */
public final class GoStrconv {

  private GoStrconv() {}

  /**
   * {@code strconv.FormatFloat(d, verb, prec, 64)} for {@code 'f'}, {@code 'e'} and {@code 'g'}:
   * precision -1 gives the shortest digits that read back as {@code d}; otherwise the exact binary
   * value is rounded half to even, as Go does ({@code %.2f} of 2.675 is {@code 2.67}).
   */
  public static String formatFloat(double d, char verb, int prec) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    boolean negative = d < 0 || (d == 0 && 1 / d < 0);
    String sign = negative ? "-" : "";
    BigDecimal bd = prec < 0 ? shortest(Math.abs(d)) : new BigDecimal(Math.abs(d));
    switch (verb) {
      case 'f':
        if (prec < 0) {
          return sign + (bd.signum() == 0 ? "0" : bd.stripTrailingZeros().toPlainString());
        }
        return sign + bd.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
      case 'e':
        return sign + exponentForm(bd, prec, 'e');
      default: {
        // %g: exponent form when exp < -4 || exp >= precision (6 for the shortest form, as strconv)
        BigDecimal digits = bd.signum() == 0 ? BigDecimal.ZERO : bd.stripTrailingZeros();
        if (prec >= 0) {
          int p = prec == 0 ? 1 : prec;
          digits = digits.round(new MathContext(p, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        }
        int exp = digits.signum() == 0 ? 0 : digits.precision() - digits.scale() - 1;
        int eprec = prec < 0 ? 6 : (prec == 0 ? 1 : prec);
        if (exp < -4 || exp >= eprec) {
          return sign + exponentForm(digits, -1, 'e');
        }
        return sign + (digits.signum() == 0 ? "0" : digits.toPlainString());
      }
    }
  }

  /**
   * The shortest decimal that reads back as {@code v}: Schubfach (Jackson's copy; JDK 19's
   * {@code Double.toString}). JDK 17's {@code Double.toString} gives one digit too many for about
   * 0.3 % of doubles ({@code 2.82879384806159008E17}), where Go writes {@code 282879384806159000}.
   */
  public static BigDecimal shortest(double v) {
    return new BigDecimal(shortestText(v));
  }

  /** {@link #shortest} as Java's text ({@code 1.5E-7}, {@code 123.25}, {@code 5E-324}), without a BigDecimal for a normal double. */
  public static String shortestText(double v) {
    String s = NumberOutput.toString(v, true);
    if (v == 0 || Math.abs(v) >= Double.MIN_NORMAL) {
      return s;
    }
    // Java writes at least two digits and then picks the closest two-digit decimal, which for a
    // subnormal may not be the one-digit one Go finds (Double.MIN_VALUE: 4.9E-324, Go 5e-324)
    BigDecimal d = new BigDecimal(s);
    if (d.stripTrailingZeros().precision() == 2) {
      BigDecimal one = d.round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (one.doubleValue() == v) {
        return one.toString();
      }
    }
    return s;
  }

  private static String exponentForm(BigDecimal bd, int prec, char e) {
    if (bd.signum() == 0) {
      return (prec <= 0 ? "0" : "0." + "0".repeat(prec)) + e + "+00";
    }
    BigDecimal stripped = bd.stripTrailingZeros();
    int exp = stripped.precision() - stripped.scale() - 1;
    BigDecimal mantissa = stripped.movePointLeft(exp);
    if (prec >= 0) {
      mantissa = mantissa.setScale(prec, RoundingMode.HALF_EVEN);
      if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
        exp++;
        mantissa = stripped.movePointLeft(exp).setScale(prec, RoundingMode.HALF_EVEN);
      }
    }
    String m = mantissa.toPlainString();
    return m + e + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  /**
   * A Go number constant as a template writes it (underscores already removed): a {@code long} for
   * integer syntax (decimal, 0x, 0b, 0o, leading-zero octal), a {@code double} otherwise; null when
   * malformed or imaginary.
   */
  static Object parseNumber(String text) {
    String t = text;
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) {
      t = t.substring(1);
    }
    String lower = t.toLowerCase(Locale.ROOT);
    boolean hex = lower.startsWith("0x");
    try {
      long value;
      if (hex && !lower.contains("p")) {
        value = Long.parseLong(t.substring(2), 16);
      } else if (lower.startsWith("0b")) {
        value = Long.parseLong(t.substring(2), 2);
      } else if (lower.startsWith("0o")) {
        value = Long.parseLong(t.substring(2), 8);
      } else if (!lower.isEmpty() && lower.chars().allMatch(Character::isDigit)) {
        value = lower.length() > 1 && lower.startsWith("0")
            ? Long.parseLong(t.substring(1), 8) : Long.parseLong(t);
      } else {
        // Java's parser also takes suffixes (1d, 1f) and words (NaN, Infinity) that Go does not
        if (lower.isEmpty() || lower.chars().anyMatch(c -> Character.isLetter(c) && c != 'e'
            && c != 'x' && c != 'p' && !(hex && "abcdef".indexOf(c) >= 0))) {
          return null;
        }
        double d = Double.parseDouble(t);
        return negative ? -d : d;
      }
      return negative ? -value : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** strconv.Quote. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> appendEscaped(sb, cp, '"'));
    return sb.append('"').toString();
  }

  /** strconv.QuoteRune. */
  static String quoteRune(int cp) {
    StringBuilder sb = new StringBuilder("'");
    appendEscaped(sb, cp, '\'');
    return sb.append('\'').toString();
  }

  private static void appendEscaped(StringBuilder sb, int cp, char quote) {
    switch (cp) {
      case '\u0007' -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case '\u000b' -> sb.append("\\v");
      case '\\' -> sb.append("\\\\");
      default -> {
        if (cp == quote) {
          sb.append('\\').append((char) cp);
        } else if (cp < 0x20 || cp == 0x7f) {
          sb.append(String.format("\\x%02x", cp));
        } else if (!isPrintable(cp)) {
          sb.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
        } else {
          sb.appendCodePoint(cp);
        }
      }
    }
  }

  static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return Character.isDefined(cp)
        && type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
        && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
        && (type != Character.SPACE_SEPARATOR || cp == ' ');
  }

  /** Go's interpreted string/rune escapes; null when malformed. */
  static String unquoteChar(String body) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= body.length()) {
        return null;
      }
      char e = body.charAt(i);
      switch (e) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case '\\' -> sb.append('\\');
        case '"' -> sb.append('"');
        case '\'' -> sb.append('\'');
        case 'x', 'u', 'U' -> {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + len >= body.length()) {
            return null;
          }
          try {
            int v = Integer.parseInt(body.substring(i + 1, i + 1 + len), 16);
            sb.appendCodePoint(v);
          } catch (RuntimeException ex) {
            return null;
          }
          i += len;
        }
        default -> {
          if (e >= '0' && e <= '7' && i + 2 < body.length()) {
            try {
              sb.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
            } catch (NumberFormatException ex) {
              return null;
            }
            i += 2;
          } else {
            return null;
          }
        }
      }
    }
    return sb.toString();
  }
}
