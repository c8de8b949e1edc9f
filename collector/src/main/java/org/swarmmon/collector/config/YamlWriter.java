package org.swarmmon.collector.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of ordered maps, lists and scalars as Go's {@code gopkg.in/yaml.v2} marshals it:
 * two-space indents, sequences in a mapping not indented, strings plain where they read back as
 * the same string, else single-quoted, else double-quoted. A {@link Flow} list is written inline.
 * Multi-line strings are double-quoted (yaml.v2 uses a literal block; both read back the same).
 */
final class YamlWriter {

  /** A list written in flow style, as {@code source_labels: [a, b]}. */
  record Flow(List<String> items) {}

  /** Plain scalars yaml.v2 would resolve to something other than a string. */
  private static final Pattern NOT_A_STRING = Pattern.compile(
      "~|null|Null|NULL|[yYnN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
          + "|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
          + "|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[-+]?0o?[0-7_]+"
          + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
          + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

  private final StringBuilder out = new StringBuilder();

  static String write(Map<String, Object> document) {
    YamlWriter w = new YamlWriter();
    w.mapping(document, 0);
    return w.out.toString();
  }

  private void mapping(Map<String, Object> map, int indent) {
    boolean first = true;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (!first || out.length() == 0 || out.charAt(out.length() - 1) == '\n') {
        out.append(" ".repeat(indent));
      }
      first = false;
      out.append(scalar(e.getKey())).append(':');
      value(e.getValue(), indent, true);
    }
  }

  @SuppressWarnings("unchecked")
  private void value(Object v, int indent, boolean inMapping) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      out.append('\n');
      mapping((Map<String, Object>) m, indent + 2);
    } else if (v instanceof List<?> l && !l.isEmpty()) {
      out.append('\n');
      int at = inMapping ? indent : indent + 2;
      for (Object item : l) {
        out.append(" ".repeat(at)).append('-');
        if (item instanceof Map<?, ?> m && !m.isEmpty()) {
          out.append(' ');
          mapping((Map<String, Object>) m, at + 2);
        } else {
          value(item, at, false);
        }
      }
    } else {
      out.append(' ').append(inline(v)).append('\n');
    }
  }

  private static String inline(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    if (v instanceof List<?>) {
      return "[]";
    }
    if (v instanceof Flow f) {
      return "[" + String.join(", ", f.items().stream().map(YamlWriter::scalar).toList()) + "]";
    }
    if (v instanceof String s) {
      return scalar(s);
    }
    return v.toString();
  }

  static String scalar(String s) {
    if (s.isEmpty() || NOT_A_STRING.matcher(s).matches() || !printable(s) || s.indexOf('\n') >= 0) {
      return doubleQuoted(s);
    }
    return plainAllowed(s) ? s : "'" + s.replace("'", "''") + "'";
  }

  /** libyaml's {@code yaml_emitter_analyze_scalar}, block context. */
  private static boolean plainAllowed(String s) {
    if (s.startsWith("---") || s.startsWith("...")) {
      return false;
    }
    if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean blankAfter = i + 1 >= s.length() || s.charAt(i + 1) == ' ';
      if (i == 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
          return false;
        }
        if ((c == '?' || c == ':' || c == '-') && blankAfter) {
          return false;
        }
      } else {
        if (c == ':' && blankAfter) {
          return false;
        }
        if (c == '#' && s.charAt(i - 1) == ' ') {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n' || c == 0x7f || c == 0xfeff) {
        return false;
      }
    }
    return true;
  }

  private static String doubleQuoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02X", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
