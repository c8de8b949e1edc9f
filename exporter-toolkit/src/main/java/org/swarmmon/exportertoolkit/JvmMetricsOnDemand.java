package org.swarmmon.exportertoolkit;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Supplier;

/**
 * The exporter's own JVM metrics (client_java's names), registered on the first request for them:
 * they load some 200 classes (JMX beans, the instrumentation) and a thread that most deployments,
 * which scrape only /metrics, never use.
 */
public final class JvmMetricsOnDemand implements Supplier<MetricSnapshots> {

  /** Where the exporters serve them (the path Spring Boot's actuator used). */
  public static final String PATH = "/actuator/prometheus";

  private PrometheusRegistry registry;

  @Override
  public synchronized MetricSnapshots get() {
    if (registry == null) {
      registry = new PrometheusRegistry();
      JvmMetrics.builder().register(registry);
    }
    return registry.scrape();
  }
}
