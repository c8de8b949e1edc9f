package org.swarmmon.dockerdexporter.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsPageTest {

  static final String NATIVE = """
      # HELP engine_daemon_container_actions_seconds The number of seconds it takes to process each container action
      # TYPE engine_daemon_container_actions_seconds histogram
      engine_daemon_container_actions_seconds_bucket{action="changes",le="0.005"} 1
      engine_daemon_container_actions_seconds_bucket{action="changes",le="+Inf"} 1
      engine_daemon_container_actions_seconds_sum{action="changes"} 0
      engine_daemon_container_actions_seconds_count{action="changes"} 1
      # HELP engine_daemon_health_checks_total The total number of health checks
      # TYPE engine_daemon_health_checks_total counter
      engine_daemon_health_checks_total 7
      # HELP swarm_node_info Information related to the swarm
      # TYPE swarm_node_info gauge
      swarm_node_info{node_id="n1",swarm_id="s1"} 1
      # HELP swarm_node_manager Whether this node is a manager or not
      # TYPE swarm_node_manager gauge
      swarm_node_manager 0
      """;

  @Test
  void nativeFamiliesAreSplitWithTheirSamples() {
    NativeFamilies families = NativeFamilies.parse(NATIVE);
    assertThat(families.names()).containsExactly(
        "engine_daemon_container_actions_seconds", "engine_daemon_health_checks_total", "swarm_node_info",
        "swarm_node_manager");
    String kept = families.without(Set.of("engine_daemon_health_checks_total"));
    assertThat(kept).contains("engine_daemon_container_actions_seconds_count{action=\"changes\"} 1")
        .contains("swarm_node_manager 0").doesNotContain("engine_daemon_health_checks_total");
  }

  @Test
  void aFamilyWeProduceIsNotPassedThroughTwice() {
    List<MetricSnapshot> ours = List.of(
        CounterSnapshot.builder().name("engine_daemon_health_checks").help("h")
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(1).build()).build(),
        GaugeSnapshot.builder().name("dockerd_exporter_engine_up").help("u")
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(1).build()).build());
    Set<String> names = MetricsPage.exposedNames(ours);
    assertThat(names).contains("engine_daemon_health_checks_total", "dockerd_exporter_engine_up");
    String merged = NativeFamilies.parse(NATIVE).without(names);
    assertThat(merged).doesNotContain("engine_daemon_health_checks_total")
        .contains("swarm_node_manager");
  }

  @Test
  void ourSwarmNodeInfoReplacesTheEnginesOnThePage() {
    List<MetricSnapshot> ours = List.of(InfoSnapshot.builder().name("swarm_node")
        .help("Information related to the swarm")
        .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(
            "node_id", "n1", "node_name", "host1", "role", "manager", "swarm_id", "s1")).build())
        .build());
    // what render(true) puts together: our page, then the engine's families we do not produce
    String merged = new MetricsPage(List.of(() -> ours), null).render(false)
        + NativeFamilies.parse(NATIVE).without(MetricsPage.exposedNames(ours));
    assertThat(merged).containsOnlyOnce("# TYPE swarm_node_info gauge")
        .contains("swarm_node_info{node_id=\"n1\",node_name=\"host1\",role=\"manager\",swarm_id=\"s1\"} 1")
        .doesNotContain("swarm_node_info{node_id=\"n1\",swarm_id=\"s1\"} 1")
        .contains("swarm_node_manager 0");
  }

  @Test
  void aUrlOnOurOwnPortOnLoopbackIsOurselves() {
    assertThat(NativeMetricsSource.pointsAtOwnPort(URI.create("http://127.0.0.1:9323/metrics"), 9323)).isTrue();
    assertThat(NativeMetricsSource.pointsAtOwnPort(URI.create("http://localhost:9323/metrics"), 9323)).isTrue();
    assertThat(NativeMetricsSource.pointsAtOwnPort(URI.create("http://127.0.0.1:9323/metrics"), 9324)).isFalse();
    assertThat(new NativeMetricsSource("http://127.0.0.1:9323/metrics", java.time.Duration.ofSeconds(1), 9323)
        .fetch()).isEmpty();
  }
}
