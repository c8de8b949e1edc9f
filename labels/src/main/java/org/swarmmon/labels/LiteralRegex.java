package org.swarmmon.labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The anchored regexps that need no regexp engine, as Prometheus's {@code FastRegexMatcher} and
 * {@code findSetMatches} find them: {@code .*}, {@code .+}, literals and alternations of literals
 * ({@code a|b|c}, what Grafana's multi-value variables send), a literal prefix, suffix or infix
 * around {@code .*}. A literal may escape punctuation ({@code 10\.0\.0\.1}). A value containing a
 * newline always goes to the regexp, since {@code .} does not match it in Go.
 */
final class LiteralRegex {

  private static final String META = "\\.+*?()|[]{}^$";

  private LiteralRegex() {}

  /** The alternatives of {@code a|b|c} (one for a plain literal), or null for any other regexp. */
  static List<String> alternatives(String regex) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '|') {
        out.add(current.toString());
        current.setLength(0);
      } else if (c == '\\') {
        if (i + 1 >= regex.length() || !isEscapablePunctuation(regex.charAt(i + 1))) {
          return null;
        }
        current.append(regex.charAt(++i));
      } else if (META.indexOf(c) >= 0) {
        return null;
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  /** A predicate deciding {@code regex} fully anchored for values without a newline, or null. */
  static Predicate<String> predicate(String regex) {
    if (regex.equals(".*")) {
      return v -> true;
    }
    if (regex.equals(".+")) {
      return v -> !v.isEmpty();
    }
    List<String> set = alternatives(regex);
    if (set != null) {
      if (set.size() == 1) {
        String literal = set.get(0);
        return literal::equals;
      }
      Set<String> values = Set.copyOf(set.stream().distinct().toList());
      return values::contains;
    }
    boolean anyPrefix = regex.startsWith(".*");
    boolean anySuffix = regex.endsWith(".*") && !regex.endsWith("\\.*") && regex.length() >= (anyPrefix ? 4 : 2);
    String middle = regex.substring(anyPrefix ? 2 : 0, regex.length() - (anySuffix ? 2 : 0));
    List<String> literal = alternatives(middle);
    if ((!anyPrefix && !anySuffix) || literal == null || literal.size() != 1) {
      return null;
    }
    String l = literal.get(0);
    if (anyPrefix && anySuffix) {
      return v -> v.contains(l);
    }
    return anyPrefix ? v -> v.endsWith(l) : v -> v.startsWith(l);
  }

  /**
   * The literal text every match of the anchored {@code regex} starts with (empty if none can be
   * told), so values without it are refused before the engine runs, as Prometheus's
   * {@code FastRegexMatcher} does with its prefix.
   */
  static String requiredPrefix(String regex) {
    if (regex.indexOf('|') >= 0) {
      return "";
    }
    int end = 0;
    while (end < regex.length() && META.indexOf(regex.charAt(end)) < 0) {
      end++;
    }
    if (end < regex.length() && "*?+{".indexOf(regex.charAt(end)) >= 0) {
      end = Math.max(0, end - 1);
    }
    return regex.substring(0, end);
  }

  private static boolean isEscapablePunctuation(char c) {
    return c < 128 && !Character.isLetterOrDigit(c) && c > ' ';
  }
}
