package org.swarmmon.collector.web;

import java.util.ArrayList;
import java.util.List;
import org.swarmmon.collector.promql.parser.Expr;
import org.swarmmon.collector.promql.parser.ParseException;
import org.swarmmon.collector.promql.parser.PromqlParser;
import org.swarmmon.labels.Matcher;

/** Series selectors: the API's {@code match[]} parameters, as Prometheus's parseMatchersParam. */
public final class Selectors {

  private Selectors() {}

  /**
   * The API's {@code match[]}: each a series selector with at least one matcher that does not
   * match the empty string, else an {@link ApiError} naming the parameter.
   */
  public static List<List<Matcher>> parse(List<String> params) {
    List<List<Matcher>> out = new ArrayList<>();
    if (params == null) {
      return out;
    }
    for (String p : params) {
      List<Matcher> matchers;
      try {
        matchers = metricSelector(p);
      } catch (IllegalArgumentException e) {
        throw ApiError.invalidParam("match[]", e.getMessage());
      }
      if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
        throw ApiError.invalidParam("match[]", "match[] must contain at least one non-empty matcher");
      }
      out.add(matchers);
    }
    return out;
  }

  /**
   * One series selector, as Prometheus's {@code parser.ParseMetricSelector}.
   *
   * @throws IllegalArgumentException with the parser's message, e.g. {@code 1:4: parse error: ...}
   */
  public static List<Matcher> metricSelector(String selector) {
    try {
      return ((Expr.VectorSelector) PromqlParser.parseSeriesSelector(selector)).matchers();
    } catch (ParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
