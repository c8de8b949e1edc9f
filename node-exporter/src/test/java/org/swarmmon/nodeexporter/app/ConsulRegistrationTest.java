package org.swarmmon.nodeexporter.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.swarmmon.testbed.ConsulAgent;
import org.swarmmon.testbed.ConsulRegistrationCheck;
import org.swarmmon.testbed.FreePorts;

/**
 * node-exporter registers in a real {@code consul agent -dev}: service, tags, scrape metadata and a
 * passing HTTP health check (10s/1s); it registers again when the agent loses it, and deregisters
 * on shutdown.
 */
class ConsulRegistrationTest {

  @Test
  void registersWithPassingCheckReregistersAndDeregistersOnShutdown() {
    try (ConsulAgent consul = ConsulAgent.start()) {
      ConsulRegistrationCheck registration = new ConsulRegistrationCheck(consul, "node-exporter");
      int port = FreePorts.next();
      ConfigurableApplicationContext app = SpringApplication.run(NodeExporterApplication.class,
          registration.springArguments("--server.port=" + port, "--server.address=127.0.0.1",
              "--exporter-toolkit.consul.recheck-interval=1s"));
      try {
        JsonNode entry = registration.assertRegistered(port, "/metrics", "/actuator/health");

        // Consul loses the service (e.g. the agent restarted): the exporter registers again
        registration.deregisterFromAgent(entry.path("ServiceID").asText());
        registration.awaitRegistered(Duration.ofSeconds(30));
      } finally {
        app.close();
      }
      registration.awaitDeregistered(Duration.ofSeconds(30));
    }
  }
}
