package org.swarmmon.collector.storage;

import java.util.List;

/** Storage's numbers: for {@code /api/v1/status/tsdb} and for its self-metrics. */
public interface StorageStats {

  /** The status Prometheus's {@code /api/v1/status/tsdb} shows, each top list at most {@code limit} long. */
  TsdbStatus status(int limit);

  /** How far the write-ahead log's replay at start got (done once the storage is open). */
  WalReplayStatus walReplay();

  /** A consistent-enough snapshot of every self-metric, to be published by the app layer. */
  List<StorageMetric> metrics();
}
