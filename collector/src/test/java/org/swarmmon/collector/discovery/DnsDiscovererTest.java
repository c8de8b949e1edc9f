package org.swarmmon.collector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.config.DiscoveryConfigs.DnsSd;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.labels.Labels;
import org.swarmmon.testbed.ConsulAgent;
import org.swarmmon.testbed.Http;

/** dns_sd_configs against a real DNS server: the Consul agent's DNS interface. */
class DnsDiscovererTest {

  @Test
  void srvAndARecords() throws Exception {
    try (ConsulAgent consul = ConsulAgent.start()) {
      int dnsPort = new ObjectMapper().readTree(Http.get(consul.url() + "/v1/agent/self").body())
          .path("DebugConfig").path("DNSPort").asInt();
      assertThat(dnsPort).isPositive();
      var r = Http.send(HttpRequest.newBuilder(URI.create(consul.url() + "/v1/agent/service/register"))
          .PUT(HttpRequest.BodyPublishers.ofString(
              "{\"Name\": \"web\", \"ID\": \"web1\", \"Address\": \"127.0.0.1\", \"Port\": 8080}"))
          .build());
      assertThat(r.statusCode()).isEqualTo(200);
      List<String> servers = List.of("127.0.0.1:" + dnsPort);

      DnsDiscoverer srv = new DnsDiscoverer(new DnsSd(List.of("web.service.consul"), "SRV", 0,
          Duration.ofSeconds(30)), d -> { }, servers);
      List<TargetGroup> groups = srv.refresh();
      assertThat(groups).hasSize(1);
      assertThat(groups.get(0).source()).isEqualTo("web.service.consul");
      Labels t = groups.get(0).targets().get(0);
      assertThat(t.get("__address__")).endsWith(".consul:8080");
      assertThat(t.get("__meta_dns_srv_record_port")).isEqualTo("8080");
      assertThat(t.get("__meta_dns_srv_record_target")).doesNotEndWith(".");
      assertThat(t.get("__meta_dns_name")).isEqualTo("web.service.consul");

      DnsDiscoverer a = new DnsDiscoverer(new DnsSd(List.of("web.service.consul"), "A", 9100,
          Duration.ofSeconds(30)), d -> { }, servers);
      assertThat(a.refresh().get(0).targets())
          .containsExactly(Labels.of("__address__", "127.0.0.1:9100", "__meta_dns_name", "web.service.consul"));

      // a failing lookup keeps the last targets
      consul.close();
      assertThat(a.refresh().get(0).targets()).hasSize(1);
    }
  }
}
