package org.swarmmon.collector.tsdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.storage.StorageAdmin;
import org.swarmmon.collector.storage.StorageMetric;
import org.swarmmon.collector.storage.StorageStats;
import org.swarmmon.collector.storage.TsdbStatus;
import org.swarmmon.collector.storage.WalReplayStatus;
import org.swarmmon.labels.Matcher;

/**
 * The collector's time-series database: a head in memory backed by a write-ahead log, and
 * immutable blocks on disk that the head is compacted into. Open it with {@link #open}.
 */
public final class Tsdb implements Storage, StorageAdmin, StorageStats {

  private static final Logger LOG = Logger.getLogger(Tsdb.class.getName());

  private final TsdbOptions options;
  private final Clock clock;
  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  final TsdbMetrics metrics = new TsdbMetrics();
  final Head head;
  private final HeadChunks headChunks;
  private final Wal wal;
  private final List<Long> ranges;
  private volatile List<Block> blocks;
  private final ReentrantLock maintenance = new ReentrantLock();
  private final ScheduledExecutorService scheduler;
  private volatile long lastSync;
  private volatile boolean closed;

  private Tsdb(TsdbOptions options, Clock clock) throws IOException {
    this.options = options;
    this.clock = clock;
    this.dir = options.path();
    Files.createDirectories(dir);
    lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      l = null; // held by this same JVM
    }
    if (l == null) {
      lockChannel.close();
      throw new IOException("lock DB directory " + dir + ": resource temporarily unavailable (another process uses it)");
    }
    lock = l;
    long range = options.blockRange().toMillis();
    ranges = Compactor.ranges(range, options.maxBlockDuration().toMillis());
    HeadReplayer replayer = new HeadReplayer();
    try {
      headChunks = HeadChunks.open(dir.resolve("chunks_head"), options.headChunkFileSize(), metrics, replayer::loaded);
    } catch (IOException | RuntimeException e) {
      closeLock();
      throw e;
    }
    head = new Head(range, options.samplesPerChunk(), metrics, headChunks);
    try {
      blocks = BlockDirs.load(dir);
      metrics.reloads.increment();
      long blocksMax = blocks.stream().mapToLong(Block::maxTime).max().orElse(Long.MIN_VALUE);
      head.setMinValidTime(blocksMax);
      replayer.start(head);
      wal = Wal.openAndReplay(dir.resolve("wal"), options.walSegmentSize(), metrics, replayer);
    } catch (IOException | RuntimeException e) {
      headChunks.close();
      closeLock();
      throw e;
    }
    head.truncate(head.minValidTime()); // drops series that ended with no samples
    LOG.log(Level.INFO, "TSDB opened path=" + dir + " blocks=" + blocks.size() + " headSeries=" +
        head.byRef.size() + " mmappedChunks=" + replayer.mappedChunks + " replayedSamples=" + replayer.samples);
    lastSync = clock.millis();
    if (options.backgroundMaintenance()) {
      // two threads: a long compaction must not hold up the WAL fsyncs
      scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "tsdb-maintenance");
        t.setDaemon(true);
        return t;
      });
      long tick = Math.max(10, Math.min(1000, options.walFsyncInterval().toMillis() / 2));
      scheduler.scheduleWithFixedDelay(this::syncTick, tick, tick, TimeUnit.MILLISECONDS);
      long every = Math.max(10, Math.min(1000, options.maintenanceInterval().toMillis() / 2));
      scheduler.scheduleWithFixedDelay(this::maintenanceTick, every, every, TimeUnit.MILLISECONDS);
    } else {
      scheduler = null;
    }
  }

  /** Opens (creating if needed) the database in {@code options.path()}, replaying its WAL. */
  public static Tsdb open(TsdbOptions options, Clock clock) throws IOException {
    return new Tsdb(options, clock);
  }

  @Override
  public Appender appender() {
    if (closed) {
      throw new IllegalStateException("TSDB is closed");
    }
    return new HeadAppender(head, wal, this::afterCommit);
  }

  private void afterCommit() {
    if (options.walFsyncInterval().isZero()) {
      syncWal();
    }
  }

  @Override
  public Querier querier(long mint, long maxt) {
    return new TsdbQuerier(head, blocks, mint, maxt);
  }

  @Override
  public long startTime() {
    long min = head.isEmpty() ? Long.MAX_VALUE : head.minTime();
    for (Block b : blocks) {
      min = Math.min(min, b.minTime());
    }
    return min;
  }

  /** Makes every committed sample durable now. */
  public void syncWal() {
    try {
      wal.sync();
      metrics.walFsyncs.increment();
      lastSync = clock.millis();
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "WAL fsync failed: " + e.toString());
    }
  }

  /** Number of commits written to the WAL, and how many of them are known to be fsynced. */
  public long walCommitsLogged() {
    return wal.loggedLogs();
  }

  public long walCommitsSynced() {
    return wal.syncedLogs();
  }

  private void syncTick() {
    if (clock.millis() - lastSync >= options.walFsyncInterval().toMillis()) {
      syncWal();
    }
  }

  private void maintenanceTick() {
    try {
      if (clock.millis() - lastMaintenance >= options.maintenanceInterval().toMillis()) {
        lastMaintenance = clock.millis();
        maintain();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "TSDB maintenance failed: " + e.toString(), e);
    }
  }

  private volatile long lastMaintenance;

  /**
   * Compacts the head into blocks when it spans 1.5 block ranges, merges blocks, and applies
   * retention. The background thread calls it; tests with a fake clock call it directly.
   */
  public void maintain() {
    maintenance.lock();
    try {
      if (closed) {
        return;
      }
      compactHead();
      compactBlocks();
      applyRetention();
    } catch (IOException e) {
      metrics.compactionsFailed.increment();
      LOG.log(Level.SEVERE, "TSDB compaction failed: " + e.toString(), e);
    } finally {
      maintenance.unlock();
    }
  }

  private void compactHead() throws IOException {
    long range = options.blockRange().toMillis();
    while (!head.isEmpty() && head.maxTime() - head.minTime() > range / 2 * 3) {
      long mint = Math.floorDiv(head.minTime(), range) * range;
      long maxt = mint + range;
      synchronized (head.commitLock) {
        // fences commits validated earlier: nothing may enter the window once it is being written
        head.setMinValidTime(maxt);
      }
      String ulid = Ulid.next(clock.millis());
      Path written = BlockWriter.write(dir, ulid, mint, maxt, 1, List.of(), List.of(),
          head.allSeries(mint, maxt - 1));
      if (written != null) {
        addBlocks(List.of(Block.open(written)), List.of());
        metrics.compactions.increment();
        LOG.log(Level.INFO, "head compacted into block " + ulid + " mint=" + mint + " maxt=" + maxt);
      }
      truncateHead(maxt);
    }
  }

  private void truncateHead(long mint) throws IOException {
    int lastSegment;
    synchronized (head.commitLock) {
      head.truncate(mint);
      lastSegment = wal.cut();
    }
    // full chunks are not in the checkpoint: the ones closed before its records were taken must
    // be durable before the WAL segments that also hold their samples are deleted
    List<Wal.Record> records = head.checkpointRecords();
    headChunks.sync();
    wal.checkpoint(lastSegment, records);
    headChunks.truncate(mint);
  }

  private void compactBlocks() throws IOException {
    while (true) {
      List<Block> group = Compactor.plan(blocks, ranges, head.isEmpty() ? Long.MIN_VALUE : head.minTime());
      if (group.isEmpty()) {
        return;
      }
      long mint = group.stream().mapToLong(Block::minTime).min().orElseThrow();
      long maxt = group.stream().mapToLong(Block::maxTime).max().orElseThrow();
      int level = group.stream().mapToInt(b -> b.meta.compaction().level()).max().orElse(1) + 1;
      List<String> sources = new ArrayList<>();
      List<BlockMeta.Parent> parents = new ArrayList<>();
      for (Block b : group) {
        sources.addAll(b.meta.compaction().sources());
        parents.add(new BlockMeta.Parent(b.meta.ulid(), b.minTime(), b.maxTime()));
      }
      String ulid = Ulid.next(clock.millis());
      Path written = BlockWriter.write(dir, ulid, mint, maxt, level, sources, parents,
          BlockWriter.merge(group.stream().map(Block::allSeries).toList()));
      addBlocks(written == null ? List.of() : List.of(Block.open(written)), group);
      metrics.compactions.increment();
      LOG.log(Level.INFO, "compacted " + group.size() + " blocks into " +
          (written == null ? "nothing" : ulid) + " mint=" + mint + " maxt=" + maxt);
    }
  }

  /** Swaps blocks in and out of the served list, then deletes the removed ones' directories. */
  private void addBlocks(List<Block> added, List<Block> removed) throws IOException {
    synchronized (this) {
      List<Block> next = new ArrayList<>(blocks);
      next.removeAll(removed);
      next.addAll(added);
      next.sort(Comparator.comparingLong(Block::minTime));
      blocks = List.copyOf(next);
    }
    for (Block b : removed) {
      BlockDirs.delete(b.dir);
    }
    long max = blocks.stream().mapToLong(Block::maxTime).max().orElse(Long.MIN_VALUE);
    head.setMinValidTime(max);
  }

  private void applyRetention() throws IOException {
    List<Block> current = blocks;
    if (current.isEmpty()) {
      return;
    }
    List<Block> doomed = new ArrayList<>();
    long retention = options.retentionTime().toMillis();
    if (retention > 0) {
      long newest = current.stream().mapToLong(Block::maxTime).max().orElseThrow();
      for (Block b : current) {
        if (newest - b.maxTime() > retention) {
          doomed.add(b);
        }
      }
      if (!doomed.isEmpty()) {
        metrics.timeRetentions.increment();
      }
    }
    long limit = options.retentionSizeBytes();
    if (limit > 0) {
      long total = wal.sizeBytes();
      for (Block b : current) {
        if (!doomed.contains(b)) {
          total += b.sizeBytes();
        }
      }
      boolean any = false;
      for (Block b : current) { // oldest first
        if (total <= limit) {
          break;
        }
        if (!doomed.contains(b)) {
          doomed.add(b);
          total -= b.sizeBytes();
          any = true;
        }
      }
      if (any) {
        metrics.sizeRetentions.increment();
      }
    }
    if (!doomed.isEmpty()) {
      LOG.log(Level.INFO, "retention deletes " + doomed.size() + " block(s): " +
          (doomed.stream().map(b -> b.meta.ulid()).toList()));
      addBlocks(List.of(), doomed);
    }
  }

  // ---- admin ----

  @Override
  public void deleteSeries(List<Matcher> matchers, long mint, long maxt) {
    maintenance.lock();
    try {
      for (Block b : blocks) {
        b.delete(matchers, mint, maxt);
      }
      synchronized (head.commitLock) {
        Head.Deletion deleted = head.delete(matchers, mint, maxt);
        if (deleted != null) {
          wal.log(List.of(Head.tombstonesRecord(deleted.refs(), deleted.range().mint(), deleted.range().maxt())));
        }
      }
    } finally {
      maintenance.unlock();
    }
  }

  @Override
  public void cleanTombstones() {
    maintenance.lock();
    try {
      for (Block b : blocks) {
        if (!b.hasTombstones()) {
          continue;
        }
        String ulid = Ulid.next(clock.millis());
        Path written = BlockWriter.write(dir, ulid, b.minTime(), b.maxTime(), b.meta.compaction().level(),
            b.meta.compaction().sources(), List.of(new BlockMeta.Parent(b.meta.ulid(), b.minTime(), b.maxTime())),
            b.allSeries());
        addBlocks(written == null ? List.of() : List.of(Block.open(written)), List.of(b));
        LOG.log(Level.INFO, "tombstones cleaned: block " + b.meta.ulid() + " rewritten as " +
            (written == null ? "nothing" : ulid));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("clean tombstones failed", e);
    } finally {
      maintenance.unlock();
    }
  }

  @Override
  public Path snapshot(boolean skipHead) {
    maintenance.lock();
    try {
      return Snapshots.create(dir.resolve("snapshots"), blocks, skipHead ? null : head, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot failed", e);
    } finally {
      maintenance.unlock();
    }
  }

  // ---- stats ----

  @Override
  public TsdbStatus status(int limit) {
    return StatusReport.of(head, limit);
  }

  @Override
  public WalReplayStatus walReplay() {
    return wal.replayed();
  }

  @Override
  public List<StorageMetric> metrics() {
    List<StorageMetric> out = metrics.counters();
    List<Block> bs = blocks;
    boolean empty = head.isEmpty();
    out.add(TsdbMetrics.gauge("prometheus_tsdb_head_series", "Total number of series in the head block.", head.byRef.size()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_head_chunks", "Total number of chunks in the head block.", head.chunkCount()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_head_min_time", "Minimum time bound of the head block.", empty ? 0 : head.minTime()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_head_max_time", "Maximum timestamp of the head block.", empty ? 0 : head.maxTime()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_blocks_loaded", "Number of currently loaded data blocks", bs.size()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_storage_blocks_bytes", "The number of bytes that are currently used for local storage by all blocks.",
        bs.stream().mapToLong(Block::sizeBytes).sum()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_wal_storage_size_bytes", "Size of the write log directory.", wal.sizeBytes()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_head_chunks_storage_size_bytes", "Size of the chunks_head directory.", headChunks.sizeBytes()));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_retention_limit_bytes", "Max number of bytes to be retained in the tsdb blocks, configure 0 means disabled",
        options.retentionSizeBytes()));
    long lowest = startTime();
    out.add(TsdbMetrics.gauge("prometheus_tsdb_lowest_timestamp", "Lowest timestamp value stored in the database.", lowest == Long.MAX_VALUE ? 0 : lowest));
    out.add(TsdbMetrics.gauge("prometheus_tsdb_tombstones", "Number of deletion intervals in blocks (swarmmon).",
        bs.stream().mapToLong(Block::tombstoneCount).sum()));
    return out;
  }

  /** Blocks currently served (for tests and diagnostics). */
  List<Block> blocks() {
    return blocks;
  }

  @Override
  public void close() throws IOException {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    maintenance.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      synchronized (head.commitLock) {
        try {
          wal.close();
        } finally {
          headChunks.close();
        }
      }
    } finally {
      maintenance.unlock();
      closeLock();
    }
  }

  private void closeLock() throws IOException {
    if (lock.isValid()) {
      lock.release();
    }
    lockChannel.close();
  }
}
