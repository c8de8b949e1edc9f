package org.swarmmon.alertmanager.api;

import java.util.regex.PatternSyntaxException;

/**
 * Go's regexp error text ({@code error parsing regexp: missing closing ): `^(?:()$`}) for a pattern
 * Java refused, as Alertmanager answers it; Java's own description where no Go counterpart is known.
 */
final class GoRegexp {

  private GoRegexp() {}

  /** The message for a refused pattern, or null when {@code e} has no {@link PatternSyntaxException} cause. */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PatternSyntaxException p) {
        return message(p);
      }
    }
    return null;
  }

  static String message(PatternSyntaxException e) {
    String p = e.getPattern();
    int i = Math.max(0, Math.min(e.getIndex(), p.length() - 1));
    String d = e.getDescription();
    String code;
    String expr = p;
    if (d.startsWith("Unclosed group")) {
      code = "missing closing )";
    } else if (d.startsWith("Unmatched closing ')'")) {
      code = "unexpected )";
    } else if (d.startsWith("Dangling meta character")) {
      if (i > 0 && "*+?}".indexOf(p.charAt(i - 1)) >= 0) {
        code = "invalid nested repetition operator";
        expr = p.substring(i - 1, i + 1);
      } else {
        code = "missing argument to repetition operator";
        expr = p.substring(i, i + 1 < p.length() && p.charAt(i + 1) == '?' ? i + 2 : i + 1);
      }
    } else if (d.startsWith("Illegal character range") && i >= 2) {
      code = "invalid character class range";
      expr = p.substring(i - 2, i + 1);
    } else if (d.startsWith("Illegal/unsupported escape sequence") && i >= 1) {
      code = "invalid escape sequence";
      expr = p.substring(i - 1, i + 1);
    } else if (d.startsWith("Illegal repetition range") && p.lastIndexOf('{', i) >= 0) {
      code = "invalid repeat count";
      expr = p.substring(p.lastIndexOf('{', i), i + 1);
    } else if (d.startsWith("Unclosed character class") && p.lastIndexOf('[') >= 0) {
      code = "missing closing ]";
      expr = p.substring(p.lastIndexOf('['));
    } else if ((d.startsWith("Unknown inline modifier") || d.startsWith("named capturing group")
        || d.startsWith("Unknown group type")) && p.lastIndexOf("(?", i) >= 0) {
      int start = p.lastIndexOf("(?", i);
      if (p.startsWith("(?P<", start) || p.startsWith("(?<", start)) {
        code = "invalid named capture";
        expr = p.substring(start);
      } else {
        code = "invalid or unsupported Perl syntax";
        expr = p.substring(start, Math.min(p.length(), start + 3));
      }
    } else {
      code = d;
    }
    return "error parsing regexp: " + code + ": `" + expr + "`";
  }
}
