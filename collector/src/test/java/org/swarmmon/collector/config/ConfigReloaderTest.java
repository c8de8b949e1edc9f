package org.swarmmon.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloaderTest {

  @Test
  void badNewFileIsRefusedAndTheRunningConfigStays(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, "scrape_configs:\n  - job_name: a\n");
    ConfigReloader reloader = new ConfigReloader(file, null, Clock.systemUTC());
    List<Config> applied = new ArrayList<>();
    reloader.onApply(applied::add);
    reloader.reload();
    assertThat(applied).hasSize(1);
    assertThat(reloader.reloadIfChanged()).isFalse();

    Files.writeString(file, "scrape_configs:\n  - job_name: a\n    foo: 1\n");
    assertThat(reloader.reloadIfChanged()).isTrue();
    assertThat(applied).hasSize(1);
    assertThat(reloader.lastReloadSuccessful()).isFalse();
    assertThat(reloader.current().scrapeConfigs().get(0).jobName()).isEqualTo("a");
    assertThatThrownBy(reloader::reload)
        .hasMessageContaining("line 3: field foo not found in type config.ScrapeConfig");
    assertThat(reloader.reloadIfChanged()).isFalse();

    Files.writeString(file, "scrape_configs:\n  - job_name: b\n");
    assertThat(reloader.reloadIfChanged()).isTrue();
    assertThat(applied).hasSize(2);
    assertThat(reloader.current().scrapeConfigs().get(0).jobName()).isEqualTo("b");
    assertThat(reloader.lastReloadSuccessful()).isTrue();
    assertThat(reloader.currentYaml()).contains("- job_name: b\n  honor_timestamps: true\n");
  }
}
