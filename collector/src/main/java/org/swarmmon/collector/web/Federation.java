package org.swarmmon.collector.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.swarmmon.collector.promql.parser.GoFloats;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.labels.Label;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * Prometheus's {@code /federate}: the latest sample within the lookback delta of every series a
 * {@code match[]} selector selects, in the text exposition format, each series with the external
 * labels it does not carry itself, {@code instance=""} among them unless configured, so that a
 * federating server with {@code honor_labels} does not attach its own. Families are untyped and in
 * name order; a series whose latest sample is a staleness marker is left out, since the format
 * cannot carry one.
 */
public final class Federation {

  /** One federated sample. */
  public record Sample(Labels labels, long timestamp, double value) {}

  private Federation() {}

  /** The latest samples in [{@code now - lookbackMillis}, {@code now}], sorted by metric name. */
  public static List<Sample> latest(Queryable local, List<List<Matcher>> selectors, long now, long lookbackMillis) {
    Map<Labels, Sample> bySeries = new LinkedHashMap<>();
    try (Querier q = local.querier(now - lookbackMillis, now)) {
      for (List<Matcher> selector : selectors) {
        if (selector.isEmpty()) {
          continue; // no matcher selects no series in Prometheus's index
        }
        for (Series s : q.select(selectable(selector))) {
          if (bySeries.containsKey(s.labels())) {
            continue;
          }
          SampleIterator it = s.iterator();
          boolean any = false;
          long t = 0;
          double v = 0;
          while (it.next()) {
            any = true;
            t = it.timestamp();
            v = it.value();
          }
          if (any && !StaleNaN.is(v)) {
            bySeries.put(s.labels(), new Sample(s.labels(), t, v));
          }
        }
      }
    }
    List<Sample> out = new ArrayList<>(bySeries.values());
    out.sort(Comparator.comparing((Sample s) -> s.labels().metricName()).thenComparing(Sample::labels));
    return out;
  }

  /**
   * A selector whose matchers all match the empty string selects every series, as Prometheus's
   * index does; storage wants one matcher that does not, and every series federated has a name.
   */
  private static List<Matcher> selectable(List<Matcher> selector) {
    if (!selector.stream().allMatch(Matcher::matchesEmpty)) {
      return selector;
    }
    List<Matcher> named = new ArrayList<>(selector);
    named.add(Matcher.regex("__name__", ".+"));
    return named;
  }

  /** Writes {@code samples} (as {@link #latest} sorts them) in the text format 0.0.4. */
  public static void write(List<Sample> samples, Labels externalLabels, StringBuilder out) {
    // Labels drops empty values, so instance="" joins the external labels here, in name order
    List<Label> external = new ArrayList<>(externalLabels.asList());
    if (!externalLabels.has("instance")) {
      external.add(new Label("instance", ""));
      external.sort(Comparator.comparing(Label::name));
    }
    String family = null;
    for (Sample s : samples) {
      String name = s.labels().metricName();
      if (name.isEmpty()) {
        continue;
      }
      if (!name.equals(family)) {
        out.append("# TYPE ").append(name).append(" untyped\n");
        family = name;
      }
      out.append(name);
      char sep = '{';
      for (Label l : s.labels()) {
        if (!l.value().isEmpty() && !l.name().equals("__name__")) {
          sep = label(out, sep, l.name(), l.value());
        }
      }
      for (Label l : external) {
        if (s.labels().get(l.name()).isEmpty()) {
          sep = label(out, sep, l.name(), l.value());
        }
      }
      if (sep != '{') {
        out.append('}');
      }
      out.append(' ').append(value(s.value())).append(' ').append(s.timestamp()).append('\n');
    }
  }

  private static char label(StringBuilder out, char sep, String name, String value) {
    out.append(sep).append(name).append("=\"");
    Labels.escape(value, out);
    out.append('"');
    return ',';
  }

  /** As the exposition format's encoder writes a float: Go's shortest 'g' form, 0 without sign. */
  private static String value(double v) {
    return v == 0 ? "0" : GoFloats.formatG(v);
  }
}
