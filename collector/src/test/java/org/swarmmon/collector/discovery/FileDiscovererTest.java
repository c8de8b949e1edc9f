package org.swarmmon.collector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.config.DiscoveryConfigs.FileSd;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.labels.Labels;

class FileDiscovererTest {

  @Test
  void readsJsonAndYamlAndKeepsTargetsOfABrokenFile(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("a.json");
    Path yaml = dir.resolve("b.yml");
    Files.writeString(json, "[{\"targets\": [\"h1:9100\", \"h2:9100\"], \"labels\": {\"env\": \"prod\"}}]");
    Files.writeString(yaml, "- targets: ['h3:9100']\n");
    FileDiscoverer d = new FileDiscoverer(
        new FileSd(List.of(dir.resolve("*.json").toString(), dir.resolve("*.yml").toString()),
            Duration.ofMinutes(5)),
        Clock.systemUTC(), x -> { }, Duration.ofSeconds(1));
    List<TargetGroup> groups = d.refresh(true);
    assertThat(groups).hasSize(2);
    TargetGroup a = groups.stream().filter(g -> g.source().startsWith(json.toString())).findFirst().orElseThrow();
    assertThat(a.targets()).containsExactly(Labels.of("__address__", "h1:9100"), Labels.of("__address__", "h2:9100"));
    assertThat(a.labels().get("env")).isEqualTo("prod");
    assertThat(a.labels().get("__meta_filepath")).isEqualTo(json.toString());
    assertThat(d.changed()).isFalse();

    Files.writeString(json, "[{\"targets\": [\"h1:9100\"], \"labelz\": {}}]");
    assertThat(d.changed()).isTrue();
    groups = d.refresh(true);
    assertThat(d.errors().get(json)).contains(json.toString()).contains("field labelz not found");
    assertThat(groups.stream().mapToInt(g -> g.targets().size()).sum()).isEqualTo(3);

    Files.delete(yaml);
    groups = d.refresh(true);
    assertThat(groups.stream().filter(g -> g.source().startsWith(yaml.toString())))
        .allMatch(g -> g.targets().isEmpty());
  }
}
