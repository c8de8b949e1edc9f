package org.swarmmon.collector.tsdb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.swarmmon.collector.storage.StorageMetric;
import org.swarmmon.collector.storage.StorageMetric.Type;

/** The TSDB's counters; gauges are computed when {@link Tsdb#metrics()} is called. */
final class TsdbMetrics {

  final LongAdder samplesAppended = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder outOfBounds = new LongAdder();
  final LongAdder seriesCreated = new LongAdder();
  final LongAdder seriesRemoved = new LongAdder();
  final LongAdder headTruncations = new LongAdder();
  final LongAdder walCorruptions = new LongAdder();
  final LongAdder walTruncations = new LongAdder();
  final LongAdder walFsyncs = new LongAdder();
  final LongAdder checkpointCreations = new LongAdder();
  final LongAdder compactions = new LongAdder();
  final LongAdder compactionsFailed = new LongAdder();
  final LongAdder reloads = new LongAdder();
  final LongAdder timeRetentions = new LongAdder();
  final LongAdder sizeRetentions = new LongAdder();
  final LongAdder walReplayUnknownRefs = new LongAdder();
  final LongAdder mmapChunkCorruptions = new LongAdder();

  List<StorageMetric> counters() {
    List<StorageMetric> out = new ArrayList<>();
    counter(out, "prometheus_tsdb_head_samples_appended_total", "Total number of appended samples.", samplesAppended);
    counter(out, "prometheus_tsdb_out_of_order_samples_total", "Total number of out of order samples ingestion failed attempts due to out of order being disabled.", outOfOrder);
    counter(out, "prometheus_tsdb_out_of_bound_samples_total", "Total number of out of bound samples ingestion failed attempts with out of order support disabled.", outOfBounds);
    counter(out, "swarmmon_tsdb_duplicate_samples_total", "Total number of samples rejected for a duplicate timestamp with a different value.", duplicates);
    counter(out, "prometheus_tsdb_head_series_created_total", "Total number of series created in the head", seriesCreated);
    counter(out, "prometheus_tsdb_head_series_removed_total", "Total number of series removed in the head", seriesRemoved);
    counter(out, "prometheus_tsdb_head_truncations_total", "Total number of head truncations attempted.", headTruncations);
    counter(out, "prometheus_tsdb_wal_corruptions_total", "Total number of WAL corruptions.", walCorruptions);
    counter(out, "prometheus_tsdb_mmap_chunk_corruptions_total", "Total number of memory-mapped chunk corruptions.", mmapChunkCorruptions);
    counter(out, "prometheus_tsdb_wal_truncations_total", "Total number of write log truncations attempted.", walTruncations);
    counter(out, "swarmmon_tsdb_wal_fsyncs_total", "Total number of WAL fsyncs.", walFsyncs);
    counter(out, "prometheus_tsdb_checkpoint_creations_total", "Total number of checkpoint creations attempted.", checkpointCreations);
    counter(out, "prometheus_tsdb_compactions_total", "Total number of compactions that were executed for the partition.", compactions);
    counter(out, "prometheus_tsdb_compactions_failed_total", "Total number of compactions that failed for the partition.", compactionsFailed);
    counter(out, "prometheus_tsdb_reloads_total", "Number of times the database reloaded block data from disk.", reloads);
    counter(out, "prometheus_tsdb_time_retentions_total", "The number of times that blocks were deleted because the maximum time limit was exceeded.", timeRetentions);
    counter(out, "prometheus_tsdb_size_retentions_total", "The number of times that blocks were deleted because the maximum number of bytes was exceeded.", sizeRetentions);
    return out;
  }

  private static void counter(List<StorageMetric> out, String name, String help, LongAdder value) {
    out.add(new StorageMetric(name, Type.COUNTER, help, value.sum()));
  }

  static StorageMetric gauge(String name, String help, double value) {
    return new StorageMetric(name, Type.GAUGE, help, value);
  }
}
