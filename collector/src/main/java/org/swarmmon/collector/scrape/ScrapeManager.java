package org.swarmmon.collector.scrape;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ScrapeConfig;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.collector.storage.Appendable;
import org.swarmmon.labels.Labels;

/**
 * One scrape pool per scrape config: takes target groups from discovery and configs from reloads,
 * and answers what {@code /api/v1/targets} and {@code /api/v1/metadata} show.
 */
public final class ScrapeManager implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ScrapeManager.class.getName());

  private final Appendable storage;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService scrapers;
  private final Map<String, ScrapePool> pools = new LinkedHashMap<>();
  private final Map<String, List<TargetGroup>> pendingGroups = new HashMap<>();
  private long jitterSeed;

  public ScrapeManager(Appendable storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
    this.scheduler = Executors.newScheduledThreadPool(2, threads("scrape-scheduler"));
    // a cached pool whose idle threads live for 10 minutes instead of one: with targets spread
    // over the interval the pool's size varies from tick to tick, and a thread started anew pays
    // its stack, allocation buffer and socket buffer cache again
    this.scrapers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.MINUTES,
        new SynchronousQueue<>(), threads("scrape"));
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Starts, reloads or stops pools so they match {@code config}'s scrape configs. As Prometheus's
   * scrape manager, a pool that cannot take its new config is left as it was and the others are
   * still applied; the failures are thrown together at the end, naming each scrape pool.
   */
  public synchronized void applyConfig(Config config) {
    jitterSeed = jitterSeed(config.global().externalLabels());
    Set<String> jobs = new LinkedHashSet<>();
    List<String> failures = new ArrayList<>();
    for (ScrapeConfig sc : config.scrapeConfigs()) {
      jobs.add(sc.jobName());
      try {
        ScrapePool pool = pools.get(sc.jobName());
        if (pool == null) {
          pool = new ScrapePool(sc, storage, clock, scheduler, scrapers, jitterSeed);
          pools.put(sc.jobName(), pool);
          List<TargetGroup> pending = pendingGroups.get(sc.jobName());
          if (pending != null) {
            pool.sync(pending);
          }
        } else {
          pool.reload(sc);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "error reloading scrape pool scrape_pool=" + sc.jobName(), e);
        failures.add("scrape_pool=" + sc.jobName() + ": " + e.getMessage());
      }
    }
    for (String job : new ArrayList<>(pools.keySet())) {
      if (!jobs.contains(job)) {
        pools.remove(job).stop(true);
        pendingGroups.remove(job);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("error reloading scrape pools: " + String.join("; ", failures));
    }
  }

  /** Discovery's latest complete list of target groups for {@code job}. */
  public synchronized void updateTargets(String job, List<TargetGroup> groups) {
    pendingGroups.put(job, List.copyOf(groups));
    ScrapePool pool = pools.get(job);
    if (pool != null) {
      pool.sync(groups);
    }
  }

  public synchronized ScrapePool pool(String job) {
    return pools.get(job);
  }

  /** Active targets by scrape pool, in config order. */
  public synchronized Map<String, List<Target>> activeTargets() {
    Map<String, List<Target>> out = new LinkedHashMap<>();
    pools.forEach((job, pool) -> out.put(job, pool.activeTargets()));
    return out;
  }

  /** Dropped targets' discovered labels by scrape pool. */
  public synchronized Map<String, List<Labels>> droppedTargets() {
    Map<String, List<Labels>> out = new LinkedHashMap<>();
    pools.forEach((job, pool) -> out.put(job, pool.droppedTargets()));
    return out;
  }

  /** Distinct metadata per metric family over all active targets, as /api/v1/metadata lists it. */
  public Map<String, List<MetricMetadata>> metadata() {
    Map<String, List<MetricMetadata>> out = new TreeMap<>();
    for (List<Target> targets : activeTargets().values()) {
      for (Target t : targets) {
        t.metadata().forEach((family, m) -> {
          List<MetricMetadata> list = out.computeIfAbsent(family, k -> new ArrayList<>());
          if (!list.contains(m)) {
            list.add(m);
          }
        });
      }
    }
    return out;
  }

  private static long jitterSeed(Labels externalLabels) {
    long h = 0xcbf29ce484222325L;
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "";
    }
    for (byte b : (host + externalLabels).getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Stops every loop without staleness markers (a restart resumes where it was). */
  @Override
  public synchronized void close() {
    for (ScrapePool pool : pools.values()) {
      pool.stop(false);
    }
    pools.clear();
    scheduler.shutdownNow();
    scrapers.shutdownNow();
    try {
      scrapers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
