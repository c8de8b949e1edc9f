package org.swarmmon.collector.promql.parser;

import java.util.regex.PatternSyntaxException;

/** Go's regexp error texts, as Prometheus reports a bad regex in a label matcher. */
final class GoRegexpErrors {

  private GoRegexpErrors() {}

  /** Go's regexp error text for the common mistakes, else Java's description. */
  static String describe(IllegalArgumentException e, String regex) {
    String anchored = "`^(?:" + regex + ")$`";
    String msg = e.getCause() instanceof PatternSyntaxException p ? p.getDescription() : e.getMessage();
    if (msg.startsWith("Unclosed group")) {
      return "error parsing regexp: missing closing ): " + anchored;
    }
    if (msg.startsWith("Unclosed character class")) {
      return "error parsing regexp: missing closing ]: " + anchored;
    }
    if (msg.startsWith("Unmatched closing ')'")) {
      return "error parsing regexp: unexpected ): " + anchored;
    }
    if (msg.startsWith("Dangling meta character")) {
      return "error parsing regexp: missing argument to repetition operator: " + anchored;
    }
    return e.getMessage();
  }
}
