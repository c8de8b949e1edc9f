package org.swarmmon.collector.storage;

/**
 * The write-ahead log's replay at start, as Prometheus's {@code /api/v1/status/walreplay} shows it:
 * the first and last segment to replay and the last one read.
 */
public record WalReplayStatus(int min, int max, int current) {}
