package org.swarmmon.containerexporter.app;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.swarmmon.containerexporter.metrics.CadvisorMetrics;
import org.swarmmon.containerexporter.metrics.CgroupCollector;
import org.swarmmon.containerexporter.metrics.GroupMetrics;
import org.swarmmon.containerexporter.metrics.Readings;
import org.swarmmon.containerexporter.web.ScrapeEndpoints;

/**
 * Serves the exporter from the JDK's HTTP server: cAdvisor's {@code --port} and {@code --listen_ip}
 * arrive here as {@code server.port} and {@code server.address}.
 */
@Configuration(proxyBeanMethods = false)
class ScrapeEndpointsConfiguration {

  /** Started while the context starts, so a port in use stops the start. */
  @Bean(destroyMethod = "close")
  @Lazy(false)
  ScrapeEndpoints scrapeEndpoints(CgroupCollector collector, CadvisorMetrics cadvisor, GroupMetrics groups,
      Environment env) {
    String host = env.getProperty("server.address", "");
    int port = env.getProperty("server.port", Integer.class, 8080);
    InetSocketAddress address = host.isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    try {
      return ScrapeEndpoints.start(address, env.getProperty("container-exporter.web.threads", Integer.class, 4),
          () -> {
            Readings readings = collector.read();
            List<MetricSnapshot> all = new ArrayList<>(cadvisor.families(readings));
            all.addAll(groups.families(readings));
            return new MetricSnapshots(all);
          },
          new JvmMetricsOnDemand());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /**
   * The exporter's own JVM metrics, registered on the first request for them: they load some 200
   * classes (JMX beans, client_java's instrumentation) and a thread that most deployments, which
   * scrape only /metrics, never use.
   */
  private static final class JvmMetricsOnDemand implements Supplier<MetricSnapshots> {

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
}
