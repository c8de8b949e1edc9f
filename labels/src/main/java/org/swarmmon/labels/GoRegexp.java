package org.swarmmon.labels;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Go's regular expressions as Prometheus and Alertmanager use them on label names and values:
 * RE2 syntax and semantics (through RE2/J, a port of Go's {@code regexp}), fully anchored, with
 * Go's error texts, and Go's {@code Regexp.Expand} for {@code $1} / {@code ${name}} templates.
 */
public final class GoRegexp {

  private GoRegexp() {}

  /**
   * {@code regexp.Compile("^(?:" + regex + ")$")}; fails with {@link IllegalArgumentException}
   * carrying Go's text, e.g. {@code error parsing regexp: missing closing ): `^(?:()$`}.
   */
  public static Pattern compileAnchored(String regex) {
    return compile("^(?:" + regex + ")$");
  }

  /** {@code regexp.Compile(regex)}, as given (unanchored for the template functions {@code match}, {@code reReplaceAll}). */
  public static Pattern compile(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(goMessage(e, regex), e);
    }
  }

  /** RE2/J reports an unopened {@code )} as an internal error where Go says {@code unexpected )}. */
  private static String goMessage(PatternSyntaxException e, String whole) {
    return e.getMessage().contains("stack underflow")
        ? "error parsing regexp: unexpected ): `" + whole + "`"
        : e.getMessage();
  }

  /**
   * Go's {@code Regexp.ReplaceAllString}: every match of {@code p} in {@code src} replaced by the
   * expanded template, except an empty match right after a previous match, as Go does.
   */
  public static String replaceAll(Pattern p, String src, String template) {
    Matcher m = p.matcher(src);
    StringBuilder out = new StringBuilder();
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= src.length() && m.find(searchPos)) {
      out.append(src, lastMatchEnd, m.start());
      if (m.end() > lastMatchEnd || m.start() == 0) {
        out.append(expand(template, m));
      }
      lastMatchEnd = m.end();
      int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
      searchPos = Math.max(searchPos + width, m.end());
    }
    return out.append(src, lastMatchEnd, src.length()).toString();
  }

  /**
   * Go's {@code Regexp.Expand}: {@code $name} and {@code ${name}} take the longest run of letters,
   * digits and underscores; a number is a group index; unknown groups expand to nothing;
   * {@code $$} is a dollar.
   */
  public static String expand(String template, Matcher m) {
    if (template.indexOf('$') < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        name = close < 0 ? null : template.substring(i + 2, close);
        if (name == null || name.isEmpty() || !isWord(name)) {
          out.append(c);
          i++;
          continue;
        }
        end = close + 1;
      } else {
        int j = i + 1;
        while (j < template.length() && isWordChar(template.charAt(j))) {
          j++;
        }
        if (j == i + 1) {
          out.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 1, j);
        end = j;
      }
      out.append(group(m, name));
      i = end;
    }
    return out.toString();
  }

  private static String group(Matcher m, String name) {
    String g = null;
    if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      try {
        int index = Integer.parseInt(name);
        if (index <= m.groupCount()) {
          g = m.group(index);
        }
      } catch (NumberFormatException e) {
        g = null;
      }
    } else {
      try {
        g = m.group(name);
      } catch (IllegalArgumentException e) {
        g = null;
      }
    }
    return g == null ? "" : g;
  }

  private static boolean isWord(String s) {
    return s.chars().allMatch(ch -> isWordChar((char) ch));
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c) && c < 128;
  }
}
