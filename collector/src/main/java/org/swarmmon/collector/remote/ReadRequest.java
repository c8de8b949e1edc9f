package org.swarmmon.collector.remote;

import java.util.List;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;

/**
 * A decoded {@code prometheus.ReadRequest}: its queries and the response types the client accepts,
 * in its order of preference (protobuf enum numbers, unknown ones kept).
 */
public record ReadRequest(List<Query> queries, List<Integer> acceptedResponseTypes) {

  public static final int SAMPLES = 0;
  public static final int STREAMED_XOR_CHUNKS = 1;

  public ReadRequest {
    queries = List.copyOf(queries);
    acceptedResponseTypes = List.copyOf(acceptedResponseTypes);
  }

  /** One {@code Query}: [startMs, endMs] (inclusive), its matchers and hints (null when absent). */
  public record Query(long startMs, long endMs, List<LabelMatcher> matchers, ReadHints hints) {
    public Query {
      matchers = List.copyOf(matchers);
    }
  }

  /**
   * A {@code LabelMatcher} as sent (type EQ = 0, NEQ = 1, RE = 2, NRE = 3); it becomes a {@link
   * Matcher} only when its query runs, where Prometheus reports a bad one (a 500, not a 400).
   */
  public record LabelMatcher(int type, String name, String value) {

    public static LabelMatcher of(Matcher m) {
      int type = switch (m.type()) {
        case EQUAL -> 0;
        case NOT_EQUAL -> 1;
        case REGEX -> 2;
        case NOT_REGEX -> 3;
      };
      return new LabelMatcher(type, m.name(), m.value());
    }

    /** Fails with IllegalArgumentException on an unknown type or a regex that does not compile. */
    public Matcher toMatcher() {
      MatchType t = switch (type) {
        case 0 -> MatchType.EQUAL;
        case 1 -> MatchType.NOT_EQUAL;
        case 2 -> MatchType.REGEX;
        case 3 -> MatchType.NOT_REGEX;
        default -> throw new IllegalArgumentException("invalid matcher type");
      };
      return Matcher.of(t, name, value);
    }
  }

  /** {@code ReadHints}: what the client's engine is about to do with the series. */
  public record ReadHints(long stepMs, String func, long startMs, long endMs, List<String> grouping,
      boolean by, long rangeMs) {
    public ReadHints {
      grouping = List.copyOf(grouping);
    }
  }
}
