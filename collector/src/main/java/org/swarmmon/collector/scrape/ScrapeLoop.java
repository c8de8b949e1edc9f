package org.swarmmon.collector.scrape;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.collector.relabel.RelabelConfig;
import org.swarmmon.collector.relabel.Relabeler;
import org.swarmmon.collector.storage.Appendable;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.SampleRejectedException;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.labels.Labels;

/**
 * Scrapes one target and appends what it exposes, as Prometheus's scrape loop does: one appender
 * transaction per scrape, a cache of series references keyed by the raw series bytes, staleness
 * markers for series that disappear (a failed scrape counts as an empty one; tracked by the scrape
 * iteration each cache entry was last seen in), and the synthetic
 * series {@code up}, {@code scrape_duration_seconds}, {@code scrape_samples_scraped}, {@code
 * scrape_samples_post_metric_relabeling} and {@code scrape_series_added}. Scheduling is the
 * pool's job; this class only does one scrape at a given time.
 */
public final class ScrapeLoop {

  private static final Logger LOG = Logger.getLogger(ScrapeLoop.class.getName());

  /** The scrape config parts a loop needs. */
  public record Options(
      long sampleLimit,
      long labelLimit,
      boolean honorLabels,
      boolean honorTimestamps,
      List<RelabelConfig> metricRelabelConfigs,
      long labelNameLengthLimit,
      long labelValueLengthLimit) {

    public Options(long sampleLimit, long labelLimit, boolean honorLabels, boolean honorTimestamps,
        List<RelabelConfig> metricRelabelConfigs) {
      this(sampleLimit, labelLimit, honorLabels, honorTimestamps, metricRelabelConfigs, 0, 0);
    }
  }


  private final Target target;
  private final Scraper scraper;
  private final Appendable storage;
  private final Clock clock;
  private final Options options;
  private final Labels targetLabels;

  private final SeriesCache cache = new SeriesCache();
  private final StringInterner strings = new StringInterner();
  private final Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
  /** Counts calls of {@link #append}; cache entries record the last one they were seen in. */
  private long iteration;
  /** Series appended without a timestamp in the previous and in the current iteration. */
  private ArrayList<SeriesCache.Entry> seriesPrev = new ArrayList<>();
  private ArrayList<SeriesCache.Entry> seriesCur = new ArrayList<>();
  /**
   * The cache entry of each series line of the previous and of the current scrape, in body order
   * (null: not cached). Targets expose their series in the same order every scrape, so the
   * previous scrape's entry at the same position is checked before the hash table: a sequential
   * walk over entries allocated in that order instead of random probes into a large table.
   */
  private ArrayList<SeriesCache.Entry> orderPrev = new ArrayList<>();
  private ArrayList<SeriesCache.Entry> orderCur = new ArrayList<>();
  private final Map<String, Long> reportRefs = new HashMap<>();
  private Instant lastScrape;
  private volatile String forcedError;

  public ScrapeLoop(Target target, Scraper scraper, Appendable storage, Clock clock,
      Options options) {
    this.target = target;
    this.scraper = scraper;
    this.storage = storage;
    this.clock = clock;
    this.options = options;
    this.targetLabels = target.sampleLabels();
  }

  public Target target() {
    return target;
  }

  /** Result of appending one body. */
  record AppendResult(int total, int added, int seriesAdded) {}

  private static final class AppendFailure extends Exception {
    final AppendResult partial;

    AppendFailure(String message, AppendResult partial) {
      super(message);
      this.partial = partial;
    }
  }

  /** Scrapes once, started at {@code start}, appending one transaction. */
  public synchronized void scrapeAndReport(Instant start) {
    long appendTime = start.toEpochMilli();
    String error = null;
    Scraper.Response response = null;
    String forced = forcedError;
    if (forced != null) {
      error = forced;
    } else {
      try {
        response = scraper.scrape(target.url(), target.timeout(), buffer);
      } catch (Scraper.ScrapeException e) {
        error = e.getMessage();
      }
    }
    Duration duration = Duration.between(start, clock.instant());
    if (duration.isNegative()) {
      duration = Duration.ZERO;
    }
    Appender app = storage.appender();
    AppendResult result = new AppendResult(0, 0, 0);
    Map<String, MetricMetadata> metadata = new HashMap<>();
    try {
      if (response != null) {
        result = append(app, response.contentType(), response.body(), response.length(),
            appendTime, metadata);
      } else {
        result = append(app, "", null, 0, appendTime, null);
      }
    } catch (AppendFailure e) {
      app.rollback();
      // references handed out inside the rolled back transaction may not exist
      cache.clear();
      strings.clear();
      seriesCur.clear();
      orderPrev.clear();
      orderCur.clear();
      app = storage.appender();
      result = e.partial;
      error = e.getMessage();
      metadata = null;
      try {
        append(app, "", null, 0, appendTime, null);
      } catch (AppendFailure impossible) {
        app.rollback();
        app = storage.appender();
      }
    }
    try {
      report(app, appendTime, duration, result, error == null);
      app.commit();
    } catch (RuntimeException e) {
      app.rollback();
      LOG.log(Level.WARNING, "appending scrape of " + target.url() + " failed", e);
      error = error == null ? e.toString() : error;
    }
    if (metadata != null && response != null) {
      target.metadata(metadata);
    }
    target.report(start, duration, error);
    lastScrape = start;
  }

  private AppendResult append(Appender app, String contentType, byte[] body, int length,
      long defaultTime, Map<String, MetricMetadata> metadata) throws AppendFailure {
    int total = 0;
    int added = 0;
    int seriesAdded = 0;
    int seen = 0;
    long iter = ++iteration;
    boolean empty = length == 0;
    boolean limitExceeded = false;
    if (!empty) {
      ExpositionParser parser = ExpositionParser.forContentType(contentType, body, length);
      try {
        ExpositionParser.Entry entry;
        while ((entry = parser.next()) != null) {
          if (entry != ExpositionParser.Entry.SERIES) {
            recordMetadata(parser, entry, metadata);
            continue;
          }
          int index = total++;
          long hash = parser.seriesHash();
          SeriesCache.Entry cached = index < orderPrev.size() ? orderPrev.get(index) : null;
          if (!SeriesCache.matches(cached, hash, parser)) {
            cached = cache.get(hash, parser);
          }
          orderCur.add(cached);
          if (cached != null && cached.lastIter != iter) {
            cached.lastIter = iter;
            seen++;
          }
          if (cached != null && cached.labels == null) {
            continue; // dropped by relabeling
          }
          long t = options.honorTimestamps() && parser.hasTimestamp()
              ? parser.timestamp() : defaultTime;
          Labels lset;
          if (cached != null) {
            lset = cached.labels;
          } else {
            lset = mutateSampleLabels(parser.labels(strings));
            if (lset == null || lset.metricName().isEmpty()) {
              SeriesCache.Entry dropped =
                  new SeriesCache.Entry(parser.seriesBytes(), hash, 0, null);
              dropped.lastIter = iter;
              seen++;
              cache.put(dropped);
              orderCur.set(index, dropped);
              continue;
            }
            String limitError = checkLabelLimits(lset);
            if (limitError != null) {
              throw new AppendFailure(limitError, new AppendResult(total, added, seriesAdded));
            }
          }
          added++;
          if (options.sampleLimit() > 0 && added > options.sampleLimit()) {
            limitExceeded = true;
            continue;
          }
          long ref;
          try {
            ref = app.append(cached == null ? 0 : cached.ref, lset, t, parser.value());
          } catch (SampleRejectedException e) {
            LOG.fine(() -> "sample rejected for " + target.url() + ": " + e.getMessage());
            continue;
          }
          if (cached == null) {
            cached = new SeriesCache.Entry(parser.seriesBytes(), hash, ref, lset);
            cached.lastIter = iter;
            seen++;
            cache.put(cached);
            orderCur.set(index, cached);
            seriesAdded++;
          } else {
            cached.ref = ref;
          }
          boolean track = !(options.honorTimestamps() && parser.hasTimestamp());
          if (track && cached.staleIter != iter) {
            cached.staleIter = iter;
            seriesCur.add(cached);
          }
        }
      } catch (ParseException e) {
        throw new AppendFailure(e.getMessage(), new AppendResult(total, added, seriesAdded));
      } catch (RuntimeException e) {
        // a body the parser did not foresee fails this scrape (rolled back, target down with the
        // reason), never the loop: the target must not stay "unknown" with a half-open appender
        throw new AppendFailure("unexpected error reading the scraped body at line " + parser.line()
            + ": " + e, new AppendResult(total, added, seriesAdded));
      }
    }
    if (limitExceeded) {
      seriesCur.clear();
      throw new AppendFailure("sample limit exceeded", new AppendResult(total, added, seriesAdded));
    }
    writeStaleMarkers(app, defaultTime, iter);
    ArrayList<SeriesCache.Entry> swap = seriesPrev;
    seriesPrev = seriesCur;
    seriesCur = swap;
    seriesCur.clear();
    swap = orderPrev;
    orderPrev = orderCur;
    orderCur = swap;
    orderCur.clear();
    if (!empty && cache.size() > 2 * Math.max(512, seen)) {
      cache.evictOlderThan(iter);
      strings.clear();
    }
    return new AppendResult(total, added, seriesAdded);
  }

  /**
   * Stale markers for the series appended last iteration but not this one. Two lines can map to
   * the same series (relabeling, spacing); a series still appended under another line is no
   * candidate, which only needs checking when there are candidates.
   */
  private void writeStaleMarkers(Appender app, long time, long iter) {
    List<SeriesCache.Entry> gone = null;
    for (SeriesCache.Entry e : seriesPrev) {
      if (e.staleIter != iter) {
        if (gone == null) {
          gone = new ArrayList<>();
        }
        gone.add(e);
      }
    }
    if (gone == null) {
      return;
    }
    java.util.Set<Labels> current = new java.util.HashSet<>();
    for (SeriesCache.Entry e : seriesCur) {
      current.add(e.labels);
    }
    java.util.Set<Labels> marked = new java.util.HashSet<>();
    for (SeriesCache.Entry e : gone) {
      if (current.contains(e.labels) || !marked.add(e.labels)) {
        continue;
      }
      try {
        app.append(e.ref, e.labels, time, StaleNaN.VALUE);
      } catch (SampleRejectedException ignored) {
        // out of order or duplicate: the series came back meanwhile
      }
    }
  }

  private static void recordMetadata(ExpositionParser parser, ExpositionParser.Entry entry,
      Map<String, MetricMetadata> metadata) {
    if (metadata == null) {
      return;
    }
    MetricMetadata m = metadata.getOrDefault(parser.family(), MetricMetadata.NONE);
    metadata.put(parser.family(), switch (entry) {
      case HELP -> m.withHelp(parser.help());
      case TYPE -> m.withType(parser.type());
      case UNIT -> m.withUnit(parser.unit());
      default -> m;
    });
  }

  /** Target labels into the sample's, conflicts resolved as Prometheus does, then relabeling. */
  Labels mutateSampleLabels(Labels exposed) {
    Labels.Builder b = exposed.toBuilder();
    if (options.honorLabels()) {
      targetLabels.forEach((n, v) -> {
        if (!exposed.has(n)) {
          b.set(n, v);
        }
      });
    } else {
      Map<String, String> conflicts = new HashMap<>();
      targetLabels.forEach((n, v) -> {
        String existing = exposed.get(n);
        if (!existing.isEmpty()) {
          conflicts.put(n, existing);
        }
        b.set(n, v);
      });
      for (Map.Entry<String, String> c : conflicts.entrySet()) {
        String name = "exported_" + c.getKey();
        while (exposed.has(name) || targetLabels.has(name)) {
          name = "exported_" + name;
        }
        b.set(name, c.getValue());
      }
    }
    Labels res = b.build();
    return options.metricRelabelConfigs().isEmpty()
        ? res : Relabeler.process(res, options.metricRelabelConfigs());
  }

  private void report(Appender app, long ts, Duration duration, AppendResult r, boolean up) {
    appendReport(app, "up", ts, up ? 1 : 0);
    appendReport(app, "scrape_duration_seconds", ts, duration.toNanos() / 1e9);
    appendReport(app, "scrape_samples_scraped", ts, r.total());
    appendReport(app, "scrape_samples_post_metric_relabeling", ts, r.added());
    appendReport(app, "scrape_series_added", ts, r.seriesAdded());
  }

  private void appendReport(Appender app, String name, long ts, double value) {
    Labels.Builder b = Labels.builder().set(Labels.METRIC_NAME, name);
    targetLabels.forEach(b::set);
    Labels lset = b.build();
    try {
      long ref = app.append(reportRefs.getOrDefault(name, 0L), lset, ts, value);
      reportRefs.put(name, ref);
    } catch (SampleRejectedException e) {
      LOG.fine(() -> "report sample rejected for " + target.url() + ": " + e.getMessage());
    }
  }

  /**
   * The target is gone: writes staleness markers at {@code staleTime} for every series of its
   * last scrape and for its synthetic series, as Prometheus does once the target has not come
   * back for two intervals.
   */
  public synchronized void writeEndOfRunStaleness(Instant staleTime) {
    if (lastScrape == null) {
      return;
    }
    Appender app = storage.appender();
    try {
      long t = staleTime.toEpochMilli();
      append(app, "", null, 0, t, null);
      for (String name : List.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
          "scrape_samples_post_metric_relabeling", "scrape_series_added")) {
        appendReport(app, name, t, StaleNaN.VALUE);
      }
      app.commit();
    } catch (AppendFailure | RuntimeException e) {
      app.rollback();
      LOG.log(Level.WARNING, "writing staleness markers for " + target.url() + " failed", e);
    }
  }

  /** Closes the loop's connection to its target; called once the loop is no longer scheduled. */
  public void close() {
    buffer.close();
  }

  /** Makes every scrape fail with {@code error} (null to stop), as a breached target_limit does. */
  public void setForcedError(String error) {
    forcedError = error;
  }

  /** When the last scrape started, or null. */
  public synchronized Instant lastScrape() {
    return lastScrape;
  }

  /** Prometheus's label limit errors, or null when the series is within the limits. */
  private String checkLabelLimits(Labels lset) {
    if (options.labelLimit() > 0 && lset.size() > options.labelLimit()) {
      return "label_limit exceeded (metric: " + abbreviate(lset.metricName())
          + ", number of labels: " + lset.size() + ", limit: " + options.labelLimit() + ")";
    }
    for (int i = 0; i < lset.size(); i++) {
      String name = lset.name(i);
      String value = lset.value(i);
      if (options.labelNameLengthLimit() > 0 && name.length() > options.labelNameLengthLimit()) {
        return "label_name_length_limit exceeded (metric: " + abbreviate(lset.metricName())
            + ", label name: " + abbreviate(name) + ", length: " + name.length() + ", limit: "
            + options.labelNameLengthLimit() + ")";
      }
      if (options.labelValueLengthLimit() > 0 && value.length() > options.labelValueLengthLimit()) {
        return "label_value_length_limit exceeded (metric: " + abbreviate(lset.metricName())
            + ", label name: " + abbreviate(name) + ", value: \"" + abbreviate(value)
            + "\", length: " + value.length() + ", limit: " + options.labelValueLengthLimit() + ")";
      }
    }
    return null;
  }

  private static String abbreviate(String s) {
    return s.length() <= 50 ? s : s.substring(0, 50);
  }
}
