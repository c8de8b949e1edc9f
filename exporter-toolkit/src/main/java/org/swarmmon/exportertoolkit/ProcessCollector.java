package org.swarmmon.exportertoolkit;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard {@code process_*} metrics that Prometheus, Alertmanager and node_exporter serve
 * about themselves (client_golang's process collector): client_java's {@link ProcessMetrics}, which
 * has the same names and help texts, plus {@code process_virtual_memory_max_bytes}, which it lacks.
 */
public final class ProcessCollector {

  static final String VIRTUAL_MEMORY_MAX = "process_virtual_memory_max_bytes";
  private static final Path LIMITS = Path.of("/proc/self/limits");
  /** What client_golang reports for an unlimited address space: RLIM_INFINITY as an unsigned 64-bit number. */
  static final double UNLIMITED = 0x1p64;

  private final PrometheusRegistry registry = new PrometheusRegistry();

  /** The metrics on a registry of their own, for a page built from snapshots ({@link #snapshots()}). */
  public ProcessCollector() {
    register(registry);
  }

  /** Registers the metrics with a service's registry. */
  public static void register(PrometheusRegistry registry) {
    ProcessMetrics.builder().register(registry);
    if (Files.isReadable(LIMITS)) {
      GaugeWithCallback.builder().name(VIRTUAL_MEMORY_MAX)
          .help("Maximum amount of virtual memory available in bytes.")
          .callback(callback -> {
            double max = maxAddressSpace(LIMITS);
            if (!Double.isNaN(max)) {
              callback.call(max);
            }
          })
          .register(registry);
    }
  }

  /** This moment's values. */
  public List<MetricSnapshot> snapshots() {
    MetricSnapshots scrape = registry.scrape();
    List<MetricSnapshot> list = new ArrayList<>(scrape.size());
    scrape.forEach(list::add);
    return list;
  }

  /** A page with this moment's values added. */
  public MetricSnapshots plus(MetricSnapshots page) {
    List<MetricSnapshot> all = snapshots();
    page.forEach(all::add);
    return new MetricSnapshots(all);
  }

  /** The soft limit of "Max address space" in a limits file of procfs, NaN when there is none. */
  static double maxAddressSpace(Path limits) {
    try (BufferedReader reader = Files.newBufferedReader(limits)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("Max address space")) {
          String soft = line.substring("Max address space".length()).trim().split("\\s+", 2)[0];
          return soft.equals("unlimited") ? UNLIMITED : Double.parseDouble(soft);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
