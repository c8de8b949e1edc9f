package org.swarmmon.gotemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Go text/template's predefined global functions. */
final class Builtins {

  private Builtins() {}

  static Map<String, TemplateFunction> functions() {
    Map<String, TemplateFunction> f = new LinkedHashMap<>();
    // and/or are evaluated lazily by the executor; these bodies serve calls through call paths
    f.put("and", args -> {
      Object last = null;
      for (Object a : args) {
        last = a;
        if (!Values.isTrue(a)) {
          return a;
        }
      }
      return last;
    });
    f.put("or", args -> {
      Object last = null;
      for (Object a : args) {
        last = a;
        if (Values.isTrue(a)) {
          return a;
        }
      }
      return last;
    });
    f.put("not", TemplateFunction.fixed(1, args -> !Values.isTrue(args.get(0))));
    f.put("len", TemplateFunction.fixed(1, args -> Values.length(args.get(0))));
    f.put("index", Builtins::index);
    f.put("slice", Builtins::slice);
    f.put("print", GoFmt::sprint);
    f.put("println", GoFmt::sprintln);
    f.put("printf", args -> {
      if (args.isEmpty() || !(args.get(0) instanceof String format)) {
        throw new IllegalArgumentException("wrong type for value; expected string; got "
            + (args.isEmpty() ? "nothing" : GoFmt.typeName(args.get(0))));
      }
      return GoFmt.sprintf(format, args.subList(1, args.size()));
    });
    f.put("html", args -> htmlEscape(evalArgs(args)));
    f.put("js", args -> jsEscape(evalArgs(args)));
    f.put("urlquery", args -> URLEncoder.encode(evalArgs(args), StandardCharsets.UTF_8));
    f.put("eq", Builtins::eq);
    f.put("ne", TemplateFunction.fixed(2, args -> !Values.basicEqual(args.get(0), args.get(1))));
    f.put("lt", TemplateFunction.fixed(2, args -> Values.basicLess(args.get(0), args.get(1))));
    f.put("le", TemplateFunction.fixed(2, args -> Values.basicLess(args.get(0), args.get(1))
        || Values.basicEqual(args.get(0), args.get(1))));
    f.put("gt", TemplateFunction.fixed(2, args -> !Values.basicLess(args.get(0), args.get(1))
        && !Values.basicEqual(args.get(0), args.get(1))));
    f.put("ge", TemplateFunction.fixed(2, args -> !Values.basicLess(args.get(0), args.get(1))));
    f.put("call", args -> {
      if (args.isEmpty() || !(args.get(0) instanceof TemplateFunction fn)) {
        throw new IllegalArgumentException("non-function of type " + (args.isEmpty() ? "nothing"
            : GoFmt.typeName(args.get(0))));
      }
      return fn.apply(args.subList(1, args.size()));
    });
    return f;
  }

  private static Object eq(List<Object> args) {
    if (args.size() < 2) {
      throw new IllegalArgumentException("missing argument for comparison");
    }
    Object first = args.get(0);
    for (int i = 1; i < args.size(); i++) {
      if (Values.basicEqual(first, args.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static Object index(List<Object> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for index: want at least 1 got 0");
    }
    Object item = args.get(0);
    if (item == null) {
      throw new IllegalArgumentException("index of untyped nil");
    }
    for (int i = 1; i < args.size(); i++) {
      Object key = args.get(i);
      if (item instanceof Map<?, ?> map) {
        Object v = map.get(key instanceof Long l && !(map.isEmpty()) && map.keySet().iterator().next() instanceof String
            ? key : key);
        if (v == null && !map.containsKey(key)) {
          item = map instanceof TemplateMap tm ? tm.missingKeyValue() : null;
        } else {
          item = Values.normalize(v);
        }
        continue;
      }
      if (item instanceof String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int ix = indexArg(key, bytes.length);
        item = (long) (bytes[ix] & 0xff);
        continue;
      }
      List<Object> list = Values.asList(item);
      if (list == null) {
        throw new IllegalArgumentException("can't index item of type " + GoFmt.typeName(item));
      }
      item = Values.normalize(list.get(indexArg(key, list.size())));
    }
    return item;
  }

  private static int indexArg(Object key, int cap) {
    if (!(key instanceof Long l)) {
      throw new IllegalArgumentException("cannot index slice/array with type " + GoFmt.typeName(key));
    }
    if (l < 0 || l >= cap) {
      throw new IllegalArgumentException("index out of range: " + l);
    }
    return l.intValue();
  }

  private static Object slice(List<Object> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("wrong number of args for slice: want at least 1 got 0");
    }
    Object item = args.get(0);
    if (args.size() > 4) {
      throw new IllegalArgumentException("too many slice indexes: " + (args.size() - 1));
    }
    int len = item instanceof String s ? s.length() : Values.asList(item) == null ? -1 : Values.asList(item).size();
    if (len < 0) {
      throw new IllegalArgumentException("can't slice item of type " + GoFmt.typeName(item));
    }
    int from = args.size() > 1 ? indexArg(args.get(1), len + 1) : 0;
    int to = args.size() > 2 ? indexArg(args.get(2), len + 1) : len;
    if (from > to) {
      throw new IllegalArgumentException("invalid slice index: " + from + " > " + to);
    }
    if (item instanceof String s) {
      return s.substring(from, to);
    }
    return List.copyOf(Values.asList(item).subList(from, to));
  }

  /** Go's evalArgs for the escapers: one string as is, otherwise fmt.Sprint of all. */
  private static String evalArgs(List<Object> args) {
    if (args.size() == 1 && args.get(0) instanceof String s) {
      return s;
    }
    return GoFmt.sprint(args);
  }

  static String htmlEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("&#34;");
        case '\'' -> sb.append("&#39;");
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\0' -> sb.append('\uFFFD');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String jsEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '"' -> sb.append("\\\"");
        case '<' -> sb.append("\\u003C");
        case '>' -> sb.append("\\u003E");
        case '&' -> sb.append("\\u0026");
        case '=' -> sb.append("\\u003D");
        default -> {
          if (c < ' ') {
            sb.append(String.format("\\u%04X", c));
          } else if (c < 0x80 || GoStrconv.isPrintable(c)) {
            sb.appendCodePoint(c);
          } else {
            sb.append(String.format("\\u%04X", c));
          }
        }
      }
    });
    return sb.toString();
  }
}
