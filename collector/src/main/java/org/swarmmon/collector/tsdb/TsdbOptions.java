package org.swarmmon.collector.tsdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Tsdb} is set up; the defaults are Prometheus's where it has one.
 *
 * @param path data directory (blocks, {@code wal/}, {@code snapshots/}, {@code lock})
 * @param retentionTime blocks older than this (behind the newest block) are deleted; zero: none
 * @param retentionSizeBytes oldest blocks are deleted while blocks + WAL exceed this; zero: none
 * @param walFsyncInterval how often the WAL is fsynced; zero: at every commit
 * @param blockRange time range of the head's blocks (and of chunks' alignment)
 * @param maxBlockDuration compaction never produces blocks longer than this
 * @param walSegmentSize bytes after which a new WAL segment is started
 * @param headChunkFileSize bytes after which a new head chunk file ({@code chunks_head/}) is started
 * @param samplesPerChunk samples after which a head chunk is cut
 * @param backgroundMaintenance whether a background thread syncs, compacts and applies retention
 * @param maintenanceInterval how often the background thread compacts and applies retention
 */
public record TsdbOptions(
    Path path,
    Duration retentionTime,
    long retentionSizeBytes,
    Duration walFsyncInterval,
    Duration blockRange,
    Duration maxBlockDuration,
    long walSegmentSize,
    long headChunkFileSize,
    int samplesPerChunk,
    boolean backgroundMaintenance,
    Duration maintenanceInterval) {

  public TsdbOptions {
    Objects.requireNonNull(path, "path");
    if (retentionTime.isNegative() || retentionSizeBytes < 0 || walFsyncInterval.isNegative()) {
      throw new IllegalArgumentException("retention and fsync interval must not be negative");
    }
    if (blockRange.toMillis() <= 0 || maxBlockDuration.compareTo(blockRange) < 0) {
      throw new IllegalArgumentException("block range must be positive and at most the max block duration");
    }
    if (walSegmentSize < 1024 || samplesPerChunk < 1 || samplesPerChunk > 65535) {
      throw new IllegalArgumentException("WAL segment size or samples per chunk out of range");
    }
    if (headChunkFileSize < 1024 || headChunkFileSize > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("head chunk file size out of range");
    }
  }

  public static Builder builder(Path path) {
    return new Builder(path);
  }

  public static final class Builder {
    private final Path path;
    private Duration retentionTime = Duration.ofDays(15);
    private long retentionSizeBytes;
    private Duration walFsyncInterval = Duration.ofSeconds(1);
    private Duration blockRange = Duration.ofHours(2);
    private Duration maxBlockDuration;
    private long walSegmentSize = 128L << 20;
    private long headChunkFileSize = HeadChunks.DEFAULT_MAX_FILE_SIZE;
    private int samplesPerChunk = 120;
    private boolean backgroundMaintenance = true;
    private Duration maintenanceInterval = Duration.ofMinutes(1);

    private Builder(Path path) {
      this.path = path;
    }

    public Builder retentionTime(Duration d) {
      retentionTime = d;
      return this;
    }

    public Builder retentionSizeBytes(long bytes) {
      retentionSizeBytes = bytes;
      return this;
    }

    public Builder walFsyncInterval(Duration d) {
      walFsyncInterval = d;
      return this;
    }

    public Builder blockRange(Duration d) {
      blockRange = d;
      return this;
    }

    /** Defaults to 10% of the retention time, at most 31 days, at least the block range (as Prometheus). */
    public Builder maxBlockDuration(Duration d) {
      maxBlockDuration = d;
      return this;
    }

    public Builder walSegmentSize(long bytes) {
      walSegmentSize = bytes;
      return this;
    }

    public Builder headChunkFileSize(long bytes) {
      headChunkFileSize = bytes;
      return this;
    }

    public Builder samplesPerChunk(int n) {
      samplesPerChunk = n;
      return this;
    }

    public Builder backgroundMaintenance(boolean on) {
      backgroundMaintenance = on;
      return this;
    }

    public Builder maintenanceInterval(Duration d) {
      maintenanceInterval = d;
      return this;
    }

    public TsdbOptions build() {
      Duration max = maxBlockDuration;
      if (max == null) {
        max = Duration.ofDays(31);
        if (!retentionTime.isZero() && retentionTime.dividedBy(10).compareTo(max) < 0) {
          max = retentionTime.dividedBy(10);
        }
        if (max.compareTo(blockRange) < 0) {
          max = blockRange;
        }
      }
      return new TsdbOptions(path, retentionTime, retentionSizeBytes, walFsyncInterval, blockRange, max,
          walSegmentSize, headChunkFileSize, samplesPerChunk, backgroundMaintenance, maintenanceInterval);
    }
  }
}
