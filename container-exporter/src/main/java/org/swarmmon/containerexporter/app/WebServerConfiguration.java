package org.swarmmon.containerexporter.app;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.swarmmon.containerexporter.metrics.CadvisorMetrics;
import org.swarmmon.containerexporter.metrics.CgroupCollector;
import org.swarmmon.containerexporter.metrics.GroupMetrics;
import org.swarmmon.containerexporter.metrics.Readings;
import org.swarmmon.exportertoolkit.JvmMetricsOnDemand;
import org.swarmmon.exportertoolkit.MetricsServer;
import org.swarmmon.exportertoolkit.ProcessCollector;
import org.swarmmon.exportertoolkit.Reply;
import org.swarmmon.exportertoolkit.spring.ConsulRegistrar;
import org.swarmmon.exportertoolkit.spring.ListenAddress;

/**
 * Serves the exporter from the JDK's HTTP server: cAdvisor's {@code --port} and {@code --listen_ip}
 * arrive here as {@code server.port} and {@code server.address}. The container metrics at
 * {@code /metrics} with the exporter's process_*, its JVM metrics at {@code /actuator/prometheus}, the health check
 * at {@code /actuator/health} and at cAdvisor's {@code /healthz}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ConsulRegistrar.class)
class WebServerConfiguration {

  /** Started while the context starts, so a port in use stops the start. */
  @Bean(destroyMethod = "close")
  @Lazy(false)
  MetricsServer metricsServer(CgroupCollector collector, CadvisorMetrics cadvisor, GroupMetrics groups,
      Environment env) {
    ProcessCollector process = new ProcessCollector();
    return MetricsServer.builder(ListenAddress.of(env, 8080))
        .threads(env.getProperty("container-exporter.web.threads", Integer.class, 4))
        .metrics("/metrics", () -> {
          Readings readings = collector.read();
          List<MetricSnapshot> all = new ArrayList<>(cadvisor.families(readings));
          all.addAll(groups.families(readings));
          all.addAll(process.snapshots());
          return new MetricSnapshots(all);
        })
        .metrics(JvmMetricsOnDemand.PATH, new JvmMetricsOnDemand())
        .fixed("/actuator/health", MetricsServer.UP)
        .fixed("/healthz", Reply.text(200, "ok"))
        .start();
  }
}
