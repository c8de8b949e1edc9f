package org.swarmmon.dockerdexporter.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.swarmmon.dockerdexporter.crash.CrashApi;
import org.swarmmon.dockerdexporter.crash.CrashLog;
import org.swarmmon.dockerdexporter.exposition.MetricsPage;
import org.swarmmon.dockerdexporter.exposition.NativeMetricsSource;
import org.swarmmon.exportertoolkit.JvmMetricsOnDemand;
import org.swarmmon.exportertoolkit.MetricsServer;
import org.swarmmon.exportertoolkit.Reply;
import org.swarmmon.exportertoolkit.spring.ConsulRegistrar;
import org.swarmmon.exportertoolkit.spring.ListenAddress;

/**
 * Serves the exporter from the JDK's HTTP server (no servlet container) on {@code server.address}
 * and {@code server.port}: {@code /metrics} (our families and process_*, then the engine's native ones), the crash
 * reports under {@code /api/v1/crashes}, the exporter's own JVM metrics at
 * {@code /actuator/prometheus}, the health check at {@code /actuator/health}.
 */
@Configuration(proxyBeanMethods = false)
@Import(ConsulRegistrar.class)
class WebServerConfiguration {

  /** Started while the context starts, so a port in use stops the start. */
  @Bean(destroyMethod = "close")
  MetricsServer metricsServer(MetricsPage page, CrashLog crashes, Clock clock, Environment env) {
    CrashApi api = new CrashApi(crashes, clock);
    return MetricsServer.builder(ListenAddress.of(env, 9323))
        .threads(env.getProperty("dockerd-exporter.web.threads", Integer.class, 4))
        // a request carrying our own header is our native fetch reaching ourselves: no fetch again
        .route("/metrics", request -> new Reply(200, MetricsPage.CONTENT_TYPE,
            Map.of(NativeMetricsSource.SELF_HEADER, "1"),
            page.render(request.header(NativeMetricsSource.SELF_HEADER) == null).getBytes(StandardCharsets.UTF_8)))
        .route(CrashApi.PATH, api::list)
        .routeUnder(CrashApi.PATH + "/", api::one)
        .metrics(JvmMetricsOnDemand.PATH, new JvmMetricsOnDemand())
        .fixed("/actuator/health", MetricsServer.UP)
        .fixed("/actuator/info", Reply.json(200, "{}"))
        .start();
  }
}
