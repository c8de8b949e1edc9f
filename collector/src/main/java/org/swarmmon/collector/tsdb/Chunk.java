package org.swarmmon.collector.tsdb;

import org.swarmmon.collector.chunkenc.XorChunk;

/** An encoded XOR chunk with the time range [mint, maxt] (inclusive) of its samples. */
record Chunk(long mint, long maxt, byte[] data) {

  int samples() {
    return XorChunk.count(data);
  }

  boolean overlaps(long from, long to) {
    return mint <= to && maxt >= from;
  }
}
