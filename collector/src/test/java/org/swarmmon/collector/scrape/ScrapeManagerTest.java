package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ConfigLoader;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.labels.Labels;

class ScrapeManagerTest {

  @TempDir Path dir;

  private Config config(String aExtra, String bInterval) throws Exception {
    return ConfigLoader.parse("""
        scrape_configs:
          - job_name: a
            scrape_interval: 1h
            %s
          - job_name: b
            scrape_interval: %s
        """.formatted(aExtra, bInterval), "prometheus.yml", dir);
  }

  @Test
  void aPoolThatCannotTakeItsNewConfigKeepsItsOldOneAndTheOthersAreStillApplied() throws Exception {
    try (ScrapeManager manager = new ScrapeManager(new MemoryStorage(), Clock.systemUTC())) {
      manager.applyConfig(config("", "1h"));
      manager.updateTargets("a", List.of(new TargetGroup(
          List.of(Labels.of("__address__", "127.0.0.1:9")), Labels.EMPTY, "static:0")));
      assertThat(manager.activeTargets().get("a")).hasSize(1);

      Config bad = config("tls_config: {ca_file: missing-ca.pem}", "2h");
      assertThatThrownBy(() -> manager.applyConfig(bad))
          .hasMessageContaining("scrape_pool=a")
          .hasMessageContaining("missing-ca.pem");
      assertThat(manager.pool("a").config().http().tls().caFile()).isEmpty();
      assertThat(manager.activeTargets().get("a")).hasSize(1);
      assertThat(manager.pool("b").config().scrapeInterval()).isEqualTo(Duration.ofHours(2));
    }
  }
}
