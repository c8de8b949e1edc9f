package org.swarmmon.collector.scrape;

import java.util.HashMap;
import java.util.function.UnaryOperator;

/**
 * One string object per distinct label name and value of a target's new series: a target exposes
 * the same names ({@code handler}, {@code le}) and values ({@code "200"}, {@code "0.5"}) across
 * thousands of series, and each new series would otherwise keep its own copies in the head for as
 * long as it lives. Only series creation goes through it; the scrape loop clears it together with
 * its series cache, so it never holds more than the strings of the series the target exposes.
 */
final class StringInterner implements UnaryOperator<String> {

  private final HashMap<String, String> strings = new HashMap<>();

  @Override
  public String apply(String s) {
    String known = strings.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  int size() {
    return strings.size();
  }

  void clear() {
    strings.clear();
  }
}
