package org.swarmmon.collector.remote;

import java.util.List;
import org.swarmmon.labels.Labels;

/**
 * A {@code prometheus.ChunkedReadResponse}: series of the query at {@code queryIndex} of the request,
 * each with encoded chunks (one series may span several responses).
 */
public record ChunkedReadResponse(List<ChunkedSeries> chunkedSeries, long queryIndex) {

  public ChunkedReadResponse {
    chunkedSeries = List.copyOf(chunkedSeries);
  }

  /** {@code ChunkedSeries}: sorted labels and chunks in start-time order. */
  public record ChunkedSeries(Labels labels, List<Chunk> chunks) {
    public ChunkedSeries {
      chunks = List.copyOf(chunks);
    }
  }

  /**
   * {@code Chunk}: [minTimeMs, maxTimeMs] of its samples, its encoding ({@code Chunk.Encoding}, XOR
   * = 1) and its bytes, which are not copied.
   */
  public record Chunk(long minTimeMs, long maxTimeMs, int type, byte[] data) {}
}
