package org.swarmmon.nodeexporter.app;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.swarmmon.exportertoolkit.JvmMetricsOnDemand;
import org.swarmmon.exportertoolkit.MetricsServer;
import org.swarmmon.exportertoolkit.ProcessCollector;
import org.swarmmon.exportertoolkit.spring.ConsulRegistrar;
import org.swarmmon.exportertoolkit.spring.ListenAddress;
import org.swarmmon.nodeexporter.collector.NodeCollector;

/**
 * Serves the exporter from the JDK's HTTP server (no servlet container): node_exporter's
 * {@code --web.listen-address} arrives here as {@code server.address} and {@code server.port}.
 * The host's metrics and the exporter's process_* at the telemetry path, its JVM metrics at
 * {@code /actuator/prometheus}, the health check at {@code /health} and {@code /actuator/health}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ConsulRegistrar.class)
class WebServerConfiguration {

  /** Started while the context starts, so a port in use stops the start, as in node_exporter. */
  @Bean(destroyMethod = "close")
  @Lazy(false)
  MetricsServer metricsServer(NodeCollector nodeCollector, Environment env) {
    ProcessCollector process = new ProcessCollector();
    return MetricsServer.builder(ListenAddress.of(env, 9100))
        .threads(env.getProperty("node-exporter.web.threads", Integer.class, 4))
        .metrics(env.getProperty("node-exporter.web.telemetry-path", "/metrics"),
            request -> process.plus(nodeCollector.scrape(request.parameters("collect[]"))))
        .metrics(JvmMetricsOnDemand.PATH, new JvmMetricsOnDemand())
        .fixed("/health", MetricsServer.UP)
        .fixed("/actuator/health", MetricsServer.UP)
        .start();
  }
}
