package org.swarmmon.dockerdexporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swarmmon.dockerdexporter.it.SharedSwarm.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Swarm metrics against the shared engine as a single-node swarm; the test's services are removed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE = "swarmmon-test/busybox:1";
  private final String service = "sxm-" + Long.toString(System.nanoTime(), 36);
  private ExporterUnderTest exporter;

  @BeforeAll
  void start() {
    SharedSwarm.join(IMAGE);
    exporter = ExporterUnderTest.start(Map.of("dockerd.metrics-url", ""));
  }

  @AfterAll
  void stop() {
    run(List.of("docker", "service", "rm", service));
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void nodeInfoAndServiceReplicasFollowServiceCreateScaleAndRm() {
    String url = exporter.metricsUrl();
    String[] node = docker("node", "inspect", "self", "--format",
        "{{.ID}}|{{.Description.Hostname}}|{{.Description.Engine.EngineVersion}}").split("\\|");
    String swarmId = docker("info", "--format", "{{.Swarm.Cluster.ID}}");
    String page = Scrape.await(url, WAIT, "swarm_node_info", v -> v == 1,
        "availability", "active", "engine_version", node[2], "node_id", node[0], "node_name", node[1],
        "role", "manager", "state", "ready", "swarm_id", swarmId);

    docker("service", "create", "--detach", "--no-resolve-image", "--network", "host",
        "--name", service, "--label", "com.docker.stack.namespace=teststack", "--replicas", "1",
        IMAGE, "/bin/busybox", "sleep", "3600");
    String[] labels = {"mode", "replicated", "service", service, "stack", "teststack"};
    Scrape.await(url, WAIT, "dockerd_exporter_swarm_service_replicas_desired", v -> v == 1, labels);
    page = Scrape.await(url, WAIT, "dockerd_exporter_swarm_service_replicas_running", v -> v == 1, labels);
    assertThat(Scrape.valueOr0(page, "dockerd_exporter_swarm_service_tasks",
        "service", service, "stack", "teststack", "state", "running")).isEqualTo(1);

    docker("service", "scale", "--detach", service + "=2");
    Scrape.await(url, WAIT, "dockerd_exporter_swarm_service_replicas_desired", v -> v == 2, labels);
    page = Scrape.await(url, WAIT, "dockerd_exporter_swarm_service_replicas_running", v -> v == 2, labels);
    assertThat(Scrape.valueOr0(page, "dockerd_exporter_swarm_service_tasks",
        "service", service, "stack", "teststack", "state", "running")).isEqualTo(2);

    docker("service", "rm", service);
    Scrape.awaitValue(WAIT, "the removed service's series to disappear", () -> {
      String p = Scrape.page(url);
      return Scrape.value(p, "dockerd_exporter_swarm_service_replicas_desired", labels).isEmpty() ? p : null;
    });
  }

  private static void run(List<String> command) {
    SecondDockerd.exec(command, Duration.ofSeconds(60));
  }
}
