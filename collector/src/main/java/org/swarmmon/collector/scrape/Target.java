package org.swarmmon.collector.scrape;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;

/**
 * One scrape target: its final labels (those starting with {@code __} still in), the labels it
 * was discovered with, and the outcome of its last scrape, as {@code /api/v1/targets} shows them.
 */
public final class Target {

  /** Health as Prometheus names it. */
  public enum Health {
    UP("up"), DOWN("down"), UNKNOWN("unknown");

    private final String text;

    Health(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final String scrapePool;
  private final Labels labels;
  private final Labels discoveredLabels;
  private final Map<String, java.util.List<String>> params;
  private volatile Health health = Health.UNKNOWN;
  private volatile String lastError = "";
  private volatile Instant lastScrape;
  private volatile Duration lastScrapeDuration = Duration.ZERO;
  private volatile Map<String, MetricMetadata> metadata = Map.of();
  /** Built on first use: labels and params never change. */
  private volatile URI url;
  private volatile Duration interval;
  private volatile Duration timeout;

  public Target(String scrapePool, Labels labels, Labels discoveredLabels,
      Map<String, java.util.List<String>> params) {
    this.scrapePool = scrapePool;
    this.labels = labels;
    this.discoveredLabels = discoveredLabels;
    this.params = params;
  }

  public String scrapePool() {
    return scrapePool;
  }

  /** Every label the target has after relabeling, internal {@code __} labels included. */
  public Labels labels() {
    return labels;
  }

  /** The labels attached to scraped samples: those not starting with {@code __}. */
  public Labels sampleLabels() {
    Labels.Builder b = Labels.builder();
    labels.forEach((n, v) -> {
      if (!n.startsWith("__")) {
        b.set(n, v);
      }
    });
    return b.build();
  }

  public Labels discoveredLabels() {
    return discoveredLabels;
  }

  /** The URL scraped: scheme, address and metrics path from the labels, params from __param_*. */
  public URI url() {
    URI u = url;
    if (u == null) {
      u = buildUrl();
      url = u;
    }
    return u;
  }

  private URI buildUrl() {
    Map<String, java.util.List<String>> query = new TreeMap<>(params);
    labels.forEach((n, v) -> {
      if (n.startsWith("__param_")) {
        String key = n.substring("__param_".length());
        java.util.List<String> values = new java.util.ArrayList<>(
            query.getOrDefault(key, java.util.List.of()));
        if (values.isEmpty()) {
          values.add(v);
        } else {
          values.set(0, v);
        }
        query.put(key, values);
      }
    });
    StringBuilder sb = new StringBuilder();
    sb.append(labels.get("__scheme__")).append("://").append(labels.get("__address__"));
    sb.append(labels.get("__metrics_path__"));
    String sep = "?";
    for (Map.Entry<String, java.util.List<String>> e : query.entrySet()) {
      for (String v : e.getValue()) {
        sb.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        sep = "&";
      }
    }
    return URI.create(sb.toString());
  }

  public Duration interval() {
    Duration d = interval;
    if (d == null) {
      d = PromDuration.parse(labels.get("__scrape_interval__"));
      interval = d;
    }
    return d;
  }

  /** The scrape timeout; read at every scrape, so parsed once (labels never change). */
  public Duration timeout() {
    Duration d = timeout;
    if (d == null) {
      d = PromDuration.parse(labels.get("__scrape_timeout__"));
      timeout = d;
    }
    return d;
  }

  /** A stable hash of labels and URL, for identity across syncs and for the start offset. */
  public long hash() {
    long h = labels.fingerprint();
    for (byte b : url().toString().getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  public Health health() {
    return health;
  }

  public String lastError() {
    return lastError;
  }

  /** When the last scrape started, or null before the first. */
  public Instant lastScrape() {
    return lastScrape;
  }

  public Duration lastScrapeDuration() {
    return lastScrapeDuration;
  }

  /** Metadata (HELP/TYPE/UNIT) the target exposed at its last successful scrape, by family. */
  public Map<String, MetricMetadata> metadata() {
    return metadata;
  }

  void report(Instant start, Duration duration, String error) {
    lastScrape = start;
    lastScrapeDuration = duration;
    lastError = error == null ? "" : error;
    health = error == null ? Health.UP : Health.DOWN;
  }

  void metadata(Map<String, MetricMetadata> value) {
    metadata = Map.copyOf(value);
  }
}
