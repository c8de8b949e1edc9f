package org.swarmmon.collector.promql.parser;

import org.swarmmon.duration.PromDuration;

/** Entry point for parsing PromQL. */
public final class PromqlParser {

  private PromqlParser() {}

  /**
   * Parses a query.
   *
   * @throws ParseException with Prometheus's message, e.g. {@code 1:5: parse error: unexpected ...}
   */
  public static Expr parse(String query) {
    return new Parser(query).parse();
  }

  /**
   * Parses a series selector such as {@code up{job="x"}}; unlike in a query, its matchers may all
   * match the empty string (callers such as the series API refuse that, federation does not).
   */
  public static Expr parseSeriesSelector(String selector) {
    return new Parser(selector).parseSeriesSelector();
  }

  /** Parses a duration such as {@code 5m}. */
  public static long parseDuration(String s) {
    return PromDuration.parseMillis(s);
  }
}
