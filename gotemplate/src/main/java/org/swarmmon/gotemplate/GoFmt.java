package org.swarmmon.gotemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's fmt package for the values templates see: Sprint, Sprintln and Sprintf. */
public final class GoFmt {

  private GoFmt() {}

  /** fmt.Sprint: spaces between operands when neither side is a string. */
  public static String sprint(List<?> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (i > 0 && !(arg instanceof String) && !(args.get(i - 1) instanceof String)) {
        sb.append(' ');
      }
      sb.append(formatValue(arg));
    }
    return sb.toString();
  }

  /** fmt.Sprintln: spaces between all operands and a newline. */
  public static String sprintln(List<?> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(formatValue(args.get(i)));
    }
    return sb.append('\n').toString();
  }

  /** The %v form of a value. */
  public static String formatValue(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Double || v instanceof Float) {
      return GoStrconv.formatFloat(((Number) v).doubleValue(), 'g', -1);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Character c) {
      return Integer.toString(c);
    }
    if (v instanceof Instant t) {
      return goTime(t.atZone(ZoneOffset.UTC));
    }
    if (v instanceof ZonedDateTime t) {
      return goTime(t);
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : sortedEntries(m)) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        sb.append(formatValue(e.getKey())).append(':').append(formatValue(e.getValue()));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Collection<?> c) {
      StringBuilder sb = new StringBuilder("[");
      boolean first = true;
      for (Object o : c) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        sb.append(formatValue(o));
      }
      return sb.append(']').toString();
    }
    if (v.getClass().isArray()) {
      return formatValue(Values.asList(v));
    }
    if (v instanceof Record r) {
      StringBuilder sb = new StringBuilder("{");
      var components = r.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        if (i > 0) {
          sb.append(' ');
        }
        try {
          sb.append(formatValue(components[i].getAccessor().invoke(r)));
        } catch (ReflectiveOperationException e) {
          sb.append("?");
        }
      }
      return sb.append('}').toString();
    }
    return v.toString();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Iterable<Map.Entry<?, ?>> sortedEntries(Map<?, ?> m) {
    if (m instanceof TreeMap<?, ?> || m instanceof java.util.SortedMap<?, ?>) {
      return (Iterable) m.entrySet();
    }
    TreeMap sorted = new TreeMap<>(Values::compareKeys);
    sorted.putAll(m);
    return sorted.entrySet();
  }

  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** time.Time.String(): {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
  static String goTime(ZonedDateTime t) {
    StringBuilder sb = new StringBuilder(GO_TIME.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    int offset = t.getOffset().getTotalSeconds();
    sb.append(' ').append(offset < 0 ? '-' : '+');
    int abs = Math.abs(offset);
    sb.append(String.format("%02d%02d", abs / 3600, (abs / 60) % 60));
    String zone = t.getZone() instanceof ZoneOffset && offset == 0 ? "UTC"
        : t.getZone().getId().equals("Z") ? "UTC"
        : DateTimeFormatter.ofPattern("zzz").format(t);
    return sb.append(' ').append(zone).toString();
  }

  /** fmt.Sprintf with Go's verbs, flags, width and precision, and its error notes. */
  public static String sprintf(String format, List<?> args) {
    StringBuilder out = new StringBuilder();
    int argIndex = 0;
    int i = 0;
    int n = format.length();
    while (i < n) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      boolean space = false;
      boolean sharp = false;
      for (; i < n; i++) {
        char f = format.charAt(i);
        if (f == '-') {
          minus = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == ' ') {
          space = true;
        } else if (f == '#') {
          sharp = true;
        } else {
          break;
        }
      }
      int width = -1;
      if (i < n && format.charAt(i) == '*') {
        i++;
        if (argIndex < args.size() && args.get(argIndex) instanceof Long w) {
          width = w.intValue();
          if (width < 0) {
            minus = true;
            width = -width;
          }
        } else {
          out.append("%!(BADWIDTH)");
        }
        argIndex++;
      } else {
        int start = i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        if (i > start) {
          width = Integer.parseInt(format.substring(start, i));
        }
      }
      int prec = -1;
      if (i < n && format.charAt(i) == '.') {
        i++;
        if (i < n && format.charAt(i) == '*') {
          i++;
          if (argIndex < args.size() && args.get(argIndex) instanceof Long p) {
            prec = p.intValue();
          } else {
            out.append("%!(BADPREC)");
          }
          argIndex++;
        } else {
          int start = i;
          while (i < n && Character.isDigit(format.charAt(i))) {
            i++;
          }
          prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
        }
      }
      if (i >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argIndex >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object arg = args.get(argIndex++);
      String formatted = formatOne(verb, arg, prec, plus, space, sharp);
      if (formatted == null) {
        out.append("%!").append(verb).append('(').append(typeName(arg)).append('=')
            .append(formatValue(arg)).append(')');
        continue;
      }
      out.append(pad(formatted, width, minus, zero && !minus && isNumericVerb(verb) && arg instanceof Number));
    }
    if (argIndex < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argIndex; k < args.size(); k++) {
        if (k > argIndex) {
          out.append(", ");
        }
        Object a = args.get(k);
        out.append(typeName(a)).append('=').append(formatValue(a));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static boolean isNumericVerb(char verb) {
    return "dfFeEgGxXobv".indexOf(verb) >= 0;
  }

  private static String formatOne(char verb, Object arg, int prec, boolean plus, boolean space, boolean sharp) {
    switch (verb) {
      case 'v':
        if (arg instanceof Double || arg instanceof Float) {
          return signed(GoStrconv.formatFloat(((Number) arg).doubleValue(), 'g', prec), plus, space);
        }
        if (arg instanceof String s && sharp) {
          return GoStrconv.quote(s);
        }
        return arg instanceof Long l ? signed(Long.toString(l), plus, space) : formatValue(arg);
      case 's':
        if (arg instanceof String || !(arg instanceof Number || arg instanceof Boolean)) {
          String s = formatValue(arg);
          return prec >= 0 && s.length() > prec ? s.substring(0, prec) : s;
        }
        return null;
      case 'q':
        if (arg instanceof String s) {
          return GoStrconv.quote(s);
        }
        if (arg instanceof Long l) {
          return GoStrconv.quoteRune(l.intValue());
        }
        return null;
      case 'd':
        if (isInteger(arg)) {
          return signed(Long.toString(((Number) arg).longValue()), plus, space);
        }
        return null;
      case 'c':
        return isInteger(arg) ? new String(Character.toChars(((Number) arg).intValue())) : null;
      case 'x':
      case 'X': {
        String r;
        if (isInteger(arg)) {
          long l = ((Number) arg).longValue();
          r = (l < 0 ? "-" : "") + Long.toHexString(Math.abs(l));
          if (sharp) {
            r = (l < 0 ? "-0x" : "0x") + Long.toHexString(Math.abs(l));
          }
        } else if (arg instanceof String s) {
          StringBuilder sb = new StringBuilder();
          for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b & 0xff));
          }
          r = sb.toString();
        } else {
          return null;
        }
        return verb == 'X' ? r.toUpperCase() : r;
      }
      case 'o':
        return isInteger(arg) ? Long.toOctalString(((Number) arg).longValue()) : null;
      case 'b':
        return isInteger(arg) ? Long.toBinaryString(((Number) arg).longValue()) : null;
      case 't':
        return arg instanceof Boolean b ? b.toString() : null;
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        if (!(arg instanceof Double || arg instanceof Float)) {
          return null;
        }
        char v = Character.toLowerCase(verb == 'F' ? 'f' : verb);
        int p = prec < 0 && v != 'g' ? 6 : prec;
        String r = signed(GoStrconv.formatFloat(((Number) arg).doubleValue(), v, p), plus, space);
        return Character.isUpperCase(verb) ? r.toUpperCase() : r;
      }
      default:
        return null;
    }
  }

  private static boolean isInteger(Object arg) {
    return arg instanceof Long || arg instanceof Integer || arg instanceof Short || arg instanceof Byte
        || arg instanceof java.math.BigInteger;
  }

  private static String signed(String s, boolean plus, boolean space) {
    if (s.startsWith("-") || s.startsWith("+")) {
      return s;
    }
    if (plus) {
      return "+" + s;
    }
    return space ? " " + s : s;
  }

  private static String pad(String s, int width, boolean left, boolean zero) {
    int len = s.codePointCount(0, s.length());
    if (width <= len) {
      return s;
    }
    String fill = (zero ? "0" : " ").repeat(width - len);
    if (left) {
      return s + fill;
    }
    if (zero && (s.startsWith("-") || s.startsWith("+"))) {
      return s.charAt(0) + fill + s.substring(1);
    }
    return fill + s;
  }

  /** The Go type name fmt prints in its error notes. */
  static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long || v instanceof Integer) {
      return "int";
    }
    if (v instanceof Double || v instanceof Float) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Map<?, ?>) {
      return "map[string]interface {}";
    }
    if (v instanceof Collection<?>) {
      return "[]interface {}";
    }
    return v.getClass().getSimpleName();
  }
}
