package org.swarmmon.collector.storage;

import java.util.List;
import org.swarmmon.labels.Matcher;

/**
 * Reads series over a fixed time range [{@code mint}, {@code maxt}] (milliseconds, inclusive), as
 * obtained from {@link Queryable#querier}. Close it when done so storage can release blocks.
 */
public interface Querier extends AutoCloseable {

  /**
   * Series whose labels match every matcher, sorted by labels, each iterating only its samples in
   * the querier's range. At least one matcher must not match the empty string.
   */
  List<Series> select(List<Matcher> matchers);

  /** Sorted distinct label names of the series that match (all series when no matcher). */
  List<String> labelNames(List<Matcher> matchers);

  /** Sorted distinct values of {@code name} in the series that match (all series when no matcher). */
  List<String> labelValues(String name, List<Matcher> matchers);

  /** Warnings from the calls so far, such as a remote endpoint that failed and was left out. */
  default List<String> warnings() {
    return List.of();
  }

  @Override
  void close();
}
