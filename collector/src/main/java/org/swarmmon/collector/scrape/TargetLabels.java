package org.swarmmon.collector.scrape;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.swarmmon.collector.config.ScrapeConfig;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.collector.relabel.Relabeler;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;

/** Turns discovered target groups into targets, as Prometheus's {@code PopulateLabels} does. */
public final class TargetLabels {

  /** The outcome for one discovered target: a target, a dropped one, or an error. */
  public record Outcome(Labels labels, Labels discovered, String error) {
    public boolean dropped() {
      return labels == null && error == null;
    }
  }

  private TargetLabels() {}

  /** The targets of {@code groups}: kept ones, dropped ones (with their discovered labels). */
  public static List<Outcome> fromGroups(List<TargetGroup> groups, ScrapeConfig cfg) {
    List<Outcome> out = new java.util.ArrayList<>();
    for (TargetGroup group : groups) {
      for (Labels target : group.targets()) {
        Labels.Builder b = group.labels().toBuilder();
        target.forEach(b::set);
        out.add(populate(b.build(), cfg));
      }
    }
    return out;
  }

  public static Outcome populate(Labels discovered, ScrapeConfig cfg) {
    Labels.Builder b = discovered.toBuilder();
    setIfAbsent(b, discovered, "job", cfg.jobName());
    setIfAbsent(b, discovered, "__scrape_interval__", PromDuration.format(cfg.scrapeInterval()));
    setIfAbsent(b, discovered, "__scrape_timeout__", PromDuration.format(cfg.scrapeTimeout()));
    setIfAbsent(b, discovered, "__metrics_path__", cfg.metricsPath());
    setIfAbsent(b, discovered, "__scheme__", cfg.scheme());
    for (Map.Entry<String, List<String>> e : cfg.params().entrySet()) {
      if (!e.getValue().isEmpty()) {
        b.set("__param_" + e.getKey(), e.getValue().get(0));
      }
    }
    Labels pre = b.build();
    Labels lset = Relabeler.process(pre, cfg.relabelConfigs());
    if (lset == null) {
      return new Outcome(null, pre, null);
    }
    String addr = lset.get("__address__");
    if (addr.isEmpty()) {
      return new Outcome(null, Labels.EMPTY, "no address");
    }
    Labels.Builder out = lset.toBuilder();
    if (needsPort(addr)) {
      switch (lset.get("__scheme__")) {
        case "http", "" -> addr = addr + ":80";
        case "https" -> addr = addr + ":443";
        default -> {
          return new Outcome(null, pre, "invalid scheme: \"" + cfg.scheme() + "\"");
        }
      }
      out.set("__address__", addr);
    }
    if (addr.contains("/")) {
      return new Outcome(null, pre, "\"" + addr + "\" is not a valid hostname");
    }
    String interval = lset.get("__scrape_interval__");
    String timeout = lset.get("__scrape_timeout__");
    Duration i;
    Duration t;
    try {
      i = PromDuration.parse(interval);
    } catch (IllegalArgumentException e) {
      return new Outcome(null, pre, "error parsing scrape interval: " + e.getMessage());
    }
    if (i.isZero()) {
      return new Outcome(null, pre, "scrape interval cannot be 0");
    }
    try {
      t = PromDuration.parse(timeout);
    } catch (IllegalArgumentException e) {
      return new Outcome(null, pre, "error parsing scrape timeout: " + e.getMessage());
    }
    if (t.isZero()) {
      return new Outcome(null, pre, "scrape timeout cannot be 0");
    }
    if (t.compareTo(i) > 0) {
      return new Outcome(null, pre, "scrape timeout cannot be greater than scrape interval (\""
          + timeout + "\" > \"" + interval + "\")");
    }
    lset.forEach((n, v) -> {
      if (n.startsWith("__meta_")) {
        out.remove(n);
      }
    });
    if (lset.get("instance").isEmpty()) {
      out.set("instance", addr);
    }
    return new Outcome(out.build(), pre, null);
  }

  private static void setIfAbsent(Labels.Builder b, Labels l, String name, String value) {
    if (l.get(name).isEmpty()) {
      b.set(name, value);
    }
  }

  /** Whether {@code addr} has no port (IPv6 in brackets understood), as Prometheus checks. */
  private static boolean needsPort(String addr) {
    if (addr.startsWith("[")) {
      int close = addr.indexOf(']');
      return close >= 0 && close == addr.length() - 1;
    }
    int colon = addr.lastIndexOf(':');
    if (colon < 0) {
      return true;
    }
    return addr.indexOf(':') != colon && false;
  }
}
