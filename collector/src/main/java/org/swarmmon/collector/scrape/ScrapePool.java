package org.swarmmon.collector.scrape;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.collector.config.HttpClients;
import org.swarmmon.collector.config.ScrapeConfig;
import org.swarmmon.collector.storage.Appendable;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.labels.Labels;

/**
 * The targets of one scrape config and a loop per target. A sync with new target groups starts
 * loops for new targets and stops those of vanished ones, which get staleness markers once they
 * have not come back for two intervals, as in Prometheus.
 */
public final class ScrapePool {

  private static final Logger LOG = Logger.getLogger(ScrapePool.class.getName());

  private final Appendable storage;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService scrapers;
  private final long jitterSeed;
  private ScrapeConfig config;
  private Scraper scraper;
  private List<TargetGroup> groups = List.of();
  private final Map<Long, Running> loops = new LinkedHashMap<>();
  private List<Labels> dropped = List.of();

  private record Running(ScrapeLoop loop, ScheduledFuture<?> future, AtomicBoolean busy) {}

  public ScrapePool(ScrapeConfig config, Appendable storage, Clock clock,
      ScheduledExecutorService scheduler, ExecutorService scrapers, long jitterSeed) {
    this.storage = storage;
    this.clock = clock;
    this.scheduler = scheduler;
    this.scrapers = scrapers;
    this.jitterSeed = jitterSeed;
    setConfig(config);
  }

  private void setConfig(ScrapeConfig cfg) {
    Scraper next = new Scraper(HttpClients.build(cfg.http(), cfg.scrapeTimeout()), cfg.http(),
        cfg.bodySizeLimit());
    this.config = cfg;
    this.scraper = next;
  }

  public synchronized ScrapeConfig config() {
    return config;
  }

  /** Replaces the pool's targets with those of {@code newGroups}. */
  public synchronized void sync(List<TargetGroup> newGroups) {
    this.groups = List.copyOf(newGroups);
    List<Labels> newDropped = new ArrayList<>();
    Map<Long, Target> wanted = new LinkedHashMap<>();
    for (TargetLabels.Outcome o : TargetLabels.fromGroups(groups, config)) {
      if (o.error() != null) {
        LOG.warning("creating target failed for scrape pool " + config.jobName() + ": "
            + o.error() + " " + o.discovered());
        continue;
      }
      if (o.dropped()) {
        newDropped.add(o.discovered());
        continue;
      }
      Target t = new Target(config.jobName(), o.labels(), o.discovered(), config.params());
      wanted.putIfAbsent(t.hash(), t);
    }
    String forced = null;
    if (config.targetLimit() > 0 && wanted.size() > config.targetLimit()) {
      forced = "target_limit exceeded (number of targets: " + wanted.size() + ", limit: "
          + config.targetLimit() + ")";
      LOG.warning("scrape pool " + config.jobName() + ": " + forced);
    }
    dropped = newDropped;
    for (Long hash : new ArrayList<>(loops.keySet())) {
      if (!wanted.containsKey(hash)) {
        stopLoop(loops.remove(hash), true);
      }
    }
    for (Map.Entry<Long, Target> e : wanted.entrySet()) {
      if (!loops.containsKey(e.getKey())) {
        loops.put(e.getKey(), startLoop(e.getValue()));
      }
    }
    for (Running r : loops.values()) {
      r.loop().setForcedError(forced);
    }
  }

  /**
   * Applies a changed scrape config: every loop restarts with it (no staleness in between). A config
   * whose HTTP client cannot be built (e.g. an unreadable CA file) is refused before anything
   * stops, so the pool goes on scraping with the config it had.
   */
  public synchronized void reload(ScrapeConfig cfg) {
    if (cfg.equals(config)) {
      return;
    }
    setConfig(cfg);
    for (Running r : loops.values()) {
      stopLoop(r, false);
    }
    loops.clear();
    sync(groups);
  }

  /** Stops every loop; with {@code staleness}, their series get staleness markers. */
  public synchronized void stop(boolean staleness) {
    for (Running r : loops.values()) {
      stopLoop(r, staleness);
    }
    loops.clear();
  }

  private Running startLoop(Target target) {
    ScrapeLoop loop = new ScrapeLoop(target, scraper, storage, clock,
        new ScrapeLoop.Options(config.sampleLimit(), config.labelLimit(), config.honorLabels(),
            config.honorTimestamps(), config.metricRelabelConfigs(),
            config.labelNameLengthLimit(), config.labelValueLengthLimit()));
    long interval = target.interval().toMillis();
    long offset = offset(target.hash() ^ jitterSeed, interval, clock.millis());
    AtomicBoolean busy = new AtomicBoolean();
    ScheduledFuture<?> future = scheduler.scheduleAtFixedRate(() -> {
      if (!busy.compareAndSet(false, true)) {
        return; // the previous scrape still runs: skip this tick, as Prometheus's ticker does
      }
      Instant start = clock.instant();
      try {
        scrapers.execute(() -> {
          try {
            loop.scrapeAndReport(start);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scrape of " + target.url() + " failed", e);
          } finally {
            busy.set(false);
          }
        });
      } catch (RuntimeException e) {
        busy.set(false);
      }
    }, offset, interval, TimeUnit.MILLISECONDS);
    return new Running(loop, future, busy);
  }

  private void stopLoop(Running r, boolean staleness) {
    r.future().cancel(false);
    r.loop().close();
    if (!staleness) {
      return;
    }
    Instant last = r.loop().lastScrape();
    if (last == null) {
      return;
    }
    Duration interval = r.loop().target().interval();
    Instant now = clock.instant();
    Instant staleTime = last.plus(interval);
    while (staleTime.isBefore(now)) {
      staleTime = staleTime.plus(interval);
    }
    long delay = Duration.between(now, staleTime).plus(interval).plus(interval.dividedBy(10))
        .toMillis();
    Instant markerTime = staleTime;
    try {
      scheduler.schedule(() -> scrapers.execute(() -> r.loop().writeEndOfRunStaleness(markerTime)),
          delay, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      LOG.fine("scheduler stopped: no staleness markers for " + r.loop().target().url());
    }
  }

  /** Prometheus's start offset: spreads targets over the interval by their hash. */
  static long offset(long hash, long intervalMillis, long nowMillis) {
    long base = intervalMillis - Math.floorMod(nowMillis, intervalMillis);
    long offset = Long.remainderUnsigned(hash, intervalMillis);
    long next = base + offset;
    if (next > intervalMillis) {
      next -= intervalMillis;
    }
    return next;
  }

  long jitterSeed() {
    return jitterSeed;
  }

  public synchronized List<Target> activeTargets() {
    List<Target> out = new ArrayList<>();
    for (Running r : loops.values()) {
      out.add(r.loop().target());
    }
    out.sort(Comparator.comparing(t -> t.labels().toString()));
    return out;
  }

  public synchronized List<Labels> droppedTargets() {
    return dropped;
  }

  /** The loops, for tests that drive scrapes themselves. */
  synchronized List<ScrapeLoop> loops() {
    return loops.values().stream().map(Running::loop).toList();
  }
}
