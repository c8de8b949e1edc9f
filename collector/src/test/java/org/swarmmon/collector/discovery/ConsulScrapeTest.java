package org.swarmmon.collector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ConfigLoader;
import org.swarmmon.collector.scrape.MemoryStorage;
import org.swarmmon.collector.scrape.ScrapeManager;
import org.swarmmon.collector.scrape.Target;
import org.swarmmon.testbed.ConsulAgent;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;
import org.swarmmon.testbed.Waits;

/** consul_sd_configs against a real Consul agent, scraping Debian's real node_exporter. */
class ConsulScrapeTest {

  private static final Duration INTERVAL = Duration.ofSeconds(2);

  private static Config config(ConsulAgent consul) throws Exception {
    return ConfigLoader.parse("""
        global:
          scrape_interval: 2s
          scrape_timeout: 2s
        scrape_configs:
          - job_name: consul
            consul_sd_configs:
              - server: 127.0.0.1:%d
                services: [node-exporter]
                refresh_interval: 1s
            relabel_configs:
              - source_labels: [__meta_consul_service]
                target_label: service
        """.formatted(consul.httpPort()), "prometheus.yml", Path.of("."));
  }

  private static void register(ConsulAgent consul, String json) {
    var r = Http.send(HttpRequest.newBuilder(URI.create(consul.url() + "/v1/agent/service/register"))
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void scrapesARegisteredNodeExporterWithinOneIntervalAndMarksItStaleAfterDeregistration() throws Exception {
    try (ConsulAgent consul = ConsulAgent.start();
        References.Started ne = References.nodeExporter()) {
      int port = URI.create(ne.url()).getPort();
      String instance = "127.0.0.1:" + port;
      MemoryStorage storage = new MemoryStorage();
      try (ScrapeManager scrape = new ScrapeManager(storage, Clock.systemUTC());
          DiscoveryManager discovery = new DiscoveryManager(Clock.systemUTC(), scrape::updateTargets,
              Duration.ofSeconds(1), Duration.ofSeconds(2))) {
        Config config = config(consul);
        scrape.applyConfig(config);
        discovery.applyConfig(config);
        // an unhealthy instance (TTL check never passed) must not become a target
        register(consul, """
            {"Name": "node-exporter", "ID": "ne-sick", "Address": "127.0.0.2", "Port": 1,
             "Check": {"TTL": "30s", "Status": "critical"}}""");
        Thread.sleep(1500); // let the watch settle on the catalog before the healthy registration

        Instant registered = Instant.now();
        register(consul, """
            {"Name": "node-exporter", "ID": "ne1", "Address": "127.0.0.1", "Port": %d,
             "Tags": ["metrics", "linux"], "Meta": {"role": "worker"}}""".formatted(port));
        Waits.until("up == 1 for " + instance, Duration.ofSeconds(20), () -> storage.samples("up").stream()
            .anyMatch(s -> s.labels().get("instance").equals(instance) && s.v() == 1));
        Instant firstUp = Instant.ofEpochMilli(storage.samples("up").stream()
            .filter(s -> s.labels().get("instance").equals(instance)).findFirst().orElseThrow().t());
        Duration lag = Duration.between(registered, firstUp);
        System.out.println("first scrape " + lag.toMillis() + " ms after registration (interval "
            + INTERVAL.toMillis() + " ms)");
        // the target starts at its hash offset within the interval; 1s of slack for discovery on a busy machine
        assertThat(lag).isLessThanOrEqualTo(INTERVAL.plusSeconds(1));

        List<Target> targets = scrape.activeTargets().get("consul");
        assertThat(targets).hasSize(1);
        Map<String, String> meta = targets.get(0).discoveredLabels().toMap();
        assertThat(meta).containsEntry("__meta_consul_service", "node-exporter")
            .containsEntry("__meta_consul_service_id", "ne1")
            .containsEntry("__meta_consul_node", "testbed")
            .containsEntry("__meta_consul_dc", "dc1")
            .containsEntry("__meta_consul_address", "127.0.0.1")
            .containsEntry("__meta_consul_service_address", "127.0.0.1")
            .containsEntry("__meta_consul_service_port", String.valueOf(port))
            .containsEntry("__meta_consul_tags", ",metrics,linux,")
            .containsEntry("__meta_consul_health", "passing")
            .containsEntry("__meta_consul_service_metadata_role", "worker")
            .containsKey("__meta_consul_tagged_address_lan");
        assertThat(targets.get(0).sampleLabels().toMap()).containsEntry("service", "node-exporter")
            .containsEntry("job", "consul").containsEntry("instance", instance);
        assertThat(storage.samples("node_cpu_seconds_total")).isNotEmpty();

        Instant deregistered = Instant.now();
        var r = Http.send(HttpRequest.newBuilder(URI.create(consul.url() + "/v1/agent/service/deregister/ne1"))
            .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(200);
        Waits.until("staleness marker on up", Duration.ofSeconds(20), () -> storage.samples("up").stream()
            .anyMatch(s -> s.labels().get("instance").equals(instance) && s.stale()));
        assertThat(scrape.activeTargets().get("consul")).isEmpty();
        long staleAt = storage.samples("up").stream().filter(MemoryStorage.Sample::stale)
            .findFirst().orElseThrow().t();
        System.out.println("staleness markers stamped " + (staleAt - deregistered.toEpochMilli())
            + " ms after deregistration");
        assertThat(storage.samples("node_cpu_seconds_total")).anyMatch(MemoryStorage.Sample::stale);
      }
    }
  }

  @Test
  void keepsTheLastTargetsWhenConsulGoesAway() throws Exception {
    ConsulAgent consul = ConsulAgent.start();
    try (References.Started ne = References.nodeExporter()) {
      int port = URI.create(ne.url()).getPort();
      MemoryStorage storage = new MemoryStorage();
      try (ScrapeManager scrape = new ScrapeManager(storage, Clock.systemUTC());
          DiscoveryManager discovery = new DiscoveryManager(Clock.systemUTC(), scrape::updateTargets,
              Duration.ofSeconds(1), Duration.ofSeconds(2))) {
        Config config = config(consul);
        scrape.applyConfig(config);
        discovery.applyConfig(config);
        register(consul, """
            {"Name": "node-exporter", "ID": "ne1", "Address": "127.0.0.1", "Port": %d}""".formatted(port));
        Waits.until("a target", Duration.ofSeconds(20), () -> !scrape.activeTargets().get("consul").isEmpty());
        consul.close();
        int upBefore = storage.samples("up").size();
        Waits.until("scrapes going on without consul", Duration.ofSeconds(20),
            () -> storage.samples("up").size() >= upBefore + 2);
        assertThat(scrape.activeTargets().get("consul")).hasSize(1);
        assertThat(storage.samples("up")).noneMatch(MemoryStorage.Sample::stale);
      }
    } finally {
      consul.close();
    }
  }
}
