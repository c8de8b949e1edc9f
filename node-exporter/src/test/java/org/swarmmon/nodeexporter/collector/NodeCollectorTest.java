package org.swarmmon.nodeexporter.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Collectors run at scrape time, all or those {@code collect[]} names. */
class NodeCollectorTest {

  private static Collector constant(String name, double value) {
    return new Collector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void update(MetricFamilies out) {
        out.gauge("node_" + name + "_value", "A test value.", value);
      }
    };
  }

  private final NodeCollector node = new NodeCollector(
      List.of(constant("loadavg", 1), constant("time", 2), constant("uname", 3)), new MetricFamilies(), () -> 0);

  private static List<String> families(io.prometheus.metrics.model.snapshots.MetricSnapshots snapshots) {
    return snapshots.stream().map(MetricSnapshot::getMetadata).map(m -> m.getPrometheusName()).sorted().toList();
  }

  @Test
  void collectNamesTheCollectorsThatRun() {
    assertThat(families(node.scrape(List.of("time", "loadavg", "time")))).containsExactly(
        "node_loadavg_value", "node_scrape_collector_duration_seconds", "node_scrape_collector_success",
        "node_time_value");
    assertThat(families(node.scrape(List.of()))).isEqualTo(families(node.scrape()))
        .contains("node_uname_value");
  }

  @Test
  void aCollectorNotRunningIsDisabledAndAnUnknownOneMissingAsNodeExporterWordsIt() {
    assertThatThrownBy(() -> node.scrape(List.of("loadavg", "cpu")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Couldn't create filtered metrics handler: couldn't create collector: disabled collector: cpu");
    assertThatThrownBy(() -> node.scrape(List.of("nope")))
        .hasMessage("Couldn't create filtered metrics handler: couldn't create collector: missing collector: nope");
  }
}
