package org.swarmmon.containerexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.swarmmon.testbed.ConsulAgent;
import org.swarmmon.testbed.ConsulRegistrationCheck;
import org.swarmmon.testbed.FreePorts;
import org.swarmmon.testbed.Http;

/**
 * The container-exporter registers in a real {@code consul agent -dev}: service, tags, scrape metadata and a
 * passing HTTP health check (10s/1s); it registers again when the agent loses it, registers once a Consul
 * that was down at its start comes up, and deregisters on shutdown.
 */
class ConsulRegistrationTest {

  @Test
  void registersWithPassingCheckReregistersAndDeregistersOnShutdown() {
    try (ConsulAgent consul = ConsulAgent.start()) {
      ConsulRegistrationCheck registration = new ConsulRegistrationCheck(consul, "container-exporter");
      int port = FreePorts.next();
      ConfigurableApplicationContext app = SpringApplication.run(ContainerExporterApplication.class,
          registration.springArguments("--server.port=" + port, "--server.address=127.0.0.1",
              "--exporter-toolkit.consul.recheck-interval=1s"));
      try {
        String id = registration.assertRegistered(port, "/metrics", "/actuator/health").path("ServiceID").asText();
        // Consul loses the service (e.g. the agent restarted): the exporter registers again
        registration.deregisterFromAgent(id);
        registration.awaitRegistered(Duration.ofSeconds(30));
      } finally {
        app.close();
      }
      registration.awaitDeregistered(Duration.ofSeconds(30));
    }
  }

  @Test
  void registersOnceAConsulThatWasDownComesUp() {
    int consulPort = FreePorts.next();
    int port = FreePorts.next();
    String[] arguments = {"--server.port=" + port, "--server.address=127.0.0.1",
        "--exporter-toolkit.consul.retry-max=2s",
        "--spring.cloud.consul.enabled=true", "--spring.cloud.consul.discovery.enabled=true",
        "--spring.cloud.consul.host=127.0.0.1", "--spring.cloud.consul.port=" + consulPort,
        "--spring.cloud.consul.discovery.ip-address=127.0.0.1"};
    ConfigurableApplicationContext app = SpringApplication.run(ContainerExporterApplication.class, arguments);
    try {
      // no Consul yet: the exporter serves all the same
      assertThat(Http.get("http://127.0.0.1:" + port + "/metrics").statusCode()).isEqualTo(200);
      try (ConsulAgent consul = ConsulAgent.start(consulPort)) {
        ConsulRegistrationCheck registration = new ConsulRegistrationCheck(consul, "container-exporter");
        registration.assertRegistered(port, "/metrics", "/actuator/health");
        app.close();
        registration.awaitDeregistered(Duration.ofSeconds(30));
      }
    } finally {
      app.close();
    }
  }
}
