package org.swarmmon.collector.rules;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.swarmmon.gotemplate.AlertmanagerFunctions;
import org.swarmmon.gotemplate.GoStrconv;
import org.swarmmon.gotemplate.Template;
import org.swarmmon.gotemplate.TemplateFunction;
import org.swarmmon.gotemplate.TemplateMap;
import org.swarmmon.labels.Labels;

/**
 * Expands alert labels and annotations as Prometheus 2.42's template.Expander: Go text/template with
 * {@code $labels}, {@code $externalLabels}, {@code $externalURL}, {@code $value} and Prometheus's
 * functions (humanize*, query, first, value, label, tableLink, ...).
 */
public final class TemplateExpander {

  /** Prepended to every alert template, as Prometheus does. */
  static final String DEFS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
      + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

  /** Runs a PromQL query for templates; returns the instant vector (a scalar as one label-less sample). */
  @FunctionalInterface
  public interface QueryFunc {
    List<QuerySample> query(String expr, Instant at);
  }

  /** One element of what {@code query} returns: {@code .Labels} and {@code .Value}. */
  public record QuerySample(Map<String, String> labels, double value) {}

  /** A Go map[string]string: missing keys read as "". */
  public static final class StringMap extends TreeMap<String, String> implements TemplateMap {
    private static final long serialVersionUID = 1L;

    public StringMap(Map<String, String> m) {
      super(m);
    }
  }

  private TemplateExpander() {}

  /** Parses {@code text} (with the variable definitions) as Prometheus's ParseTest; throws on error. */
  static void parseTest(String name, String text) {
    Template.create(name).functions(functions(null, null, null)).parse(DEFS + text);
  }

  /**
   * Expands {@code text} for one alert; a failure gives Prometheus's {@code <error expanding
   * template: ...>} text instead.
   */
  public static String expandAlert(String name, String text, Labels labels, Labels externalLabels,
      String externalUrl, double value, Instant at, QueryFunc query) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Labels", new StringMap(labels.toMap()));
    data.put("ExternalLabels", new StringMap(externalLabels.toMap()));
    data.put("ExternalURL", externalUrl);
    data.put("Value", value);
    try {
      return expand(name, DEFS + text, data, at, query, externalUrl);
    } catch (RuntimeException e) {
      return "<error expanding template: " + e.getMessage() + ">";
    }
  }

  /** Expander.Expand: errors are worded "error parsing/executing template NAME: ...". */
  static String expand(String name, String text, Object data, Instant at, QueryFunc query, String externalUrl) {
    Template t;
    try {
      t = Template.create(name).functions(functions(query, at, externalUrl)).parse(text);
    } catch (RuntimeException e) {
      throw new IllegalStateException("error parsing template " + name + ": " + e.getMessage(), e);
    }
    try {
      return t.execute(data);
    } catch (RuntimeException e) {
      throw new IllegalStateException("error executing template " + name + ": " + e.getMessage(), e);
    }
  }

  static Map<String, TemplateFunction> functions(QueryFunc query, Instant at, String externalUrl) {
    Map<String, TemplateFunction> f = new LinkedHashMap<>();
    Map<String, TemplateFunction> am = AlertmanagerFunctions.functions();
    for (String n : List.of("toUpper", "toLower", "title", "match", "reReplaceAll", "safeHtml")) {
      f.put(n, am.get(n));
    }
    f.put("query", TemplateFunction.fixed(1, a -> {
      if (query == null) {
        throw new IllegalArgumentException("no query function");
      }
      return query.query(str(a.get(0)), at);
    }));
    f.put("first", TemplateFunction.fixed(1, a -> {
      List<?> l = (List<?>) a.get(0);
      if (l == null || l.isEmpty()) {
        throw new IllegalArgumentException("first() called on vector with no elements");
      }
      return l.get(0);
    }));
    f.put("label", TemplateFunction.fixed(2, a -> {
      QuerySample s = (QuerySample) a.get(1);
      return s == null ? "" : s.labels().getOrDefault(str(a.get(0)), "");
    }));
    f.put("value", TemplateFunction.fixed(1, a -> ((QuerySample) a.get(0)).value()));
    f.put("strvalue", TemplateFunction.fixed(1, a -> ((QuerySample) a.get(0)).labels().getOrDefault("__value__", "")));
    f.put("sortByLabel", TemplateFunction.fixed(2, a -> {
      List<QuerySample> l = new ArrayList<>();
      for (Object o : (List<?>) a.get(1)) {
        l.add((QuerySample) o);
      }
      String label = str(a.get(0));
      l.sort(Comparator.comparing(s -> s.labels().getOrDefault(label, "")));
      return l;
    }));
    f.put("args", a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < a.size(); i++) {
        m.put("arg" + i, a.get(i));
      }
      return m;
    });
    f.put("humanize", TemplateFunction.fixed(1, a -> Humanize.humanize(toFloat(a.get(0)))));
    f.put("humanize1024", TemplateFunction.fixed(1, a -> Humanize.humanize1024(toFloat(a.get(0)))));
    f.put("humanizeDuration", TemplateFunction.fixed(1, a -> Humanize.duration(toFloat(a.get(0)))));
    f.put("humanizePercentage", TemplateFunction.fixed(1, a -> Humanize.percentage(toFloat(a.get(0)))));
    f.put("humanizeTimestamp", TemplateFunction.fixed(1, a -> Humanize.timestamp(toFloat(a.get(0)))));
    f.put("toTime", TemplateFunction.fixed(1, a -> Humanize.toTime(toFloat(a.get(0)))));
    f.put("graphLink", TemplateFunction.fixed(1, a -> graphLink(str(a.get(0)))));
    f.put("tableLink", TemplateFunction.fixed(1, a -> tableLink(str(a.get(0)))));
    f.put("pathPrefix", TemplateFunction.fixed(0, a -> pathOf(externalUrl)));
    f.put("externalURL", TemplateFunction.fixed(0, a -> externalUrl == null ? "" : externalUrl));
    return f;
  }

  private static String pathOf(String url) {
    if (url == null || url.isEmpty()) {
      return "";
    }
    try {
      String p = URI.create(url).getRawPath();
      return p == null ? "" : p;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** strutil.TableLinkForExpression. */
  public static String tableLink(String expr) {
    return "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1";
  }

  static String graphLink(String expr) {
    return "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=0";
  }

  private static String str(Object o) {
    if (o instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("wrong type for value; expected string; got " + typeName(o));
  }

  /** template.convertToFloat. */
  static double toFloat(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s.trim().replace("Inf", "Infinity").replace("+Infinity", "Infinity"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("strconv.ParseFloat: parsing " + GoStrconv.quote(s) + ": invalid syntax");
      }
    }
    throw new IllegalArgumentException("can't convert " + typeName(o) + " to float");
  }


  private static String typeName(Object o) {
    if (o == null) {
      return "<nil>";
    }
    if (o instanceof Double) {
      return "float64";
    }
    if (o instanceof Long) {
      return "int";
    }
    if (o instanceof Map) {
      return "map[string]interface {}";
    }
    if (o instanceof List) {
      return "[]interface {}";
    }
    return o.getClass().getSimpleName();
  }
}
