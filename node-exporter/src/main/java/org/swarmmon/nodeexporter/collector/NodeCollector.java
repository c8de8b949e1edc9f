package org.swarmmon.nodeexporter.collector;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the enabled collectors at scrape time. Each collector's success and duration is reported
 * in {@code node_scrape_collector_success} and {@code node_scrape_collector_duration_seconds}; a
 * failing collector never fails the scrape.
 */
public final class NodeCollector {

  private static final Logger LOG = Logger.getLogger(NodeCollector.class.getName());

  private final List<Collector> collectors;
  private final MetricFamilies constant;
  private final LongSupplier nanoTime;

  /**
   * @param constant samples that never change while running (build info, node identity)
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public NodeCollector(List<Collector> collectors, MetricFamilies constant, LongSupplier nanoTime) {
    this.collectors = List.copyOf(collectors);
    this.constant = constant;
    this.nanoTime = nanoTime;
  }

  public List<String> collectorNames() {
    return collectors.stream().map(Collector::name).toList();
  }

  public MetricSnapshots scrape() {
    return run(collectors);
  }

  /**
   * Only the named collectors, as node_exporter's {@code /metrics?collect[]=<name>}; none named:
   * all of them.
   *
   * @throws IllegalArgumentException worded as node_exporter's 400 answer when a name is not an
   *     enabled collector
   */
  public MetricSnapshots scrape(List<String> only) {
    if (only.isEmpty()) {
      return scrape();
    }
    for (String name : only) {
      if (collectors.stream().noneMatch(c -> c.name().equals(name))) {
        throw new IllegalArgumentException("Couldn't create filtered metrics handler: couldn't create collector: "
            + (CollectorSettings.ALL.contains(name) ? "disabled" : "missing") + " collector: " + name);
      }
    }
    return run(collectors.stream().filter(c -> only.contains(c.name())).toList());
  }

  private MetricSnapshots run(List<Collector> selected) {
    List<MetricSnapshot> all = new ArrayList<>(constant.snapshots());
    Set<String> names = new HashSet<>();
    all.forEach(s -> names.add(s.getMetadata().getPrometheusName()));
    MetricFamilies scrape = new MetricFamilies();
    for (Collector collector : selected) {
      long start = nanoTime.getAsLong();
      boolean success;
      List<MetricSnapshot> snapshots = List.of();
      try {
        MetricFamilies out = new MetricFamilies();
        collector.update(out);
        snapshots = out.snapshots();
        success = true;
      } catch (NoDataException e) {
        LOG.log(Level.FINE, "collector returned no data: name=" + collector.name() + " err=" + e.getMessage());
        success = false;
      } catch (Exception e) {
        LOG.log(Level.WARNING, "collector failed: name=" + collector.name() + " err=" + e);
        success = false;
      }
      double seconds = (nanoTime.getAsLong() - start) / 1e9;
      for (MetricSnapshot s : snapshots) {
        if (names.add(s.getMetadata().getPrometheusName())) {
          all.add(s);
        } else {
          LOG.warning("collector " + collector.name() + " returned " + s.getMetadata().getName()
              + ", which another collector already exposes; dropped");
        }
      }
      scrape.gauge("node_scrape_collector_duration_seconds",
          "node_exporter: Duration of a collector scrape.", seconds, "collector", collector.name());
      scrape.gauge("node_scrape_collector_success",
          "node_exporter: Whether a collector succeeded.", success ? 1 : 0, "collector", collector.name());
    }
    all.addAll(scrape.snapshots());
    return new MetricSnapshots(all);
  }
}
