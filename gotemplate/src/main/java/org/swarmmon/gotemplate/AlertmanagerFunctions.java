package org.swarmmon.gotemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.swarmmon.labels.GoRegexp;

/** The functions Alertmanager 0.25 adds to its notification templates (template.DefaultFuncs). */
public final class AlertmanagerFunctions {

  private AlertmanagerFunctions() {}

  public static Map<String, TemplateFunction> functions() {
    Map<String, TemplateFunction> f = new LinkedHashMap<>();
    f.put("toUpper", TemplateFunction.fixed(1, a -> string(a.get(0)).toUpperCase()));
    f.put("toLower", TemplateFunction.fixed(1, a -> string(a.get(0)).toLowerCase()));
    f.put("title", TemplateFunction.fixed(1, a -> title(string(a.get(0)))));
    f.put("trimSpace", TemplateFunction.fixed(1, a -> string(a.get(0)).strip()));
    // join takes the separator first so that `.Values | join " "` reads as in Alertmanager
    f.put("join", TemplateFunction.fixed(2, a -> {
      List<Object> items = Values.asList(a.get(1));
      if (items == null) {
        throw new IllegalArgumentException("wrong type for value; expected []string; got "
            + GoFmt.typeName(a.get(1)));
      }
      List<String> parts = new ArrayList<>();
      for (Object o : items) {
        parts.add(string(o));
      }
      return String.join(string(a.get(0)), parts);
    }));
    f.put("match", TemplateFunction.fixed(2, a -> GoRegexp.compile(string(a.get(0))).matcher(string(a.get(1))).find()));
    f.put("reReplaceAll", TemplateFunction.fixed(3, a ->
        GoRegexp.replaceAll(GoRegexp.compile(string(a.get(0))), string(a.get(2)), string(a.get(1)))));
    f.put("safeHtml", TemplateFunction.fixed(1, a -> string(a.get(0))));
    f.put("stringSlice", a -> {
      List<String> out = new ArrayList<>();
      for (Object o : a) {
        out.add(string(o));
      }
      return out;
    });
    return f;
  }

  private static String string(Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o == null) {
      throw new IllegalArgumentException("invalid value; expected string");
    }
    throw new IllegalArgumentException("wrong type for value; expected string; got " + GoFmt.typeName(o));
  }

  /** strings.Title: upper-cases the first letter of each word. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int prev = ' ';
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean separator = !(Character.isLetterOrDigit(prev) || prev == '_');
      sb.appendCodePoint(separator ? Character.toTitleCase(cp) : cp);
      prev = cp;
      i += Character.charCount(cp);
    }
    return sb.toString();
  }
}
