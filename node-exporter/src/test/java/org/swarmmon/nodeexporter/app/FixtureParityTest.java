package org.swarmmon.nodeexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.swarmmon.exportertoolkit.Exposition;
import org.swarmmon.nodeexporter.collector.CollectorSettings;
import org.swarmmon.nodeexporter.collector.HostPaths;
import org.swarmmon.nodeexporter.collector.MetricFamilies;
import org.swarmmon.nodeexporter.collector.NodeCollector;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;

/**
 * One collector at a time on the fixture tree (src/test/resources/fixtures/host), ours and Debian's
 * prometheus-node-exporter 1.5 with the same {@code --path.*} flags: the same families, HELP texts,
 * types, label sets and values.
 */
class FixtureParityTest {

  static final Pattern HELP = Pattern.compile("(?m)^# HELP (\\S+) (.*)$");

  static Path host() {
    try {
      return Path.of(FixtureParityTest.class.getResource("/fixtures/host").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"entropy", "filefd", "netstat", "os", "pressure", "sockstat", "vmstat"})
  void sameOutputAsNodeExporterOnTheFixture(String collector) {
    Path host = host();
    Run run = run(collector, new HostPaths(host.resolve("proc"), host.resolve("sys"), host.resolve("rootfs")));
    Scrape mine = Scrape.parse(run.ours);
    Scrape reference = Scrape.parse(run.theirs);
    assertThat(reference.value("node_scrape_collector_success", "{collector=\"" + collector + "\"}"))
        .isEqualTo(1.0);
    assertThat(mine.value("node_scrape_collector_success", "{collector=\"" + collector + "\"}"))
        .isEqualTo(1.0);
    Map<String, Map<String, Double>> theirSamples = collectorsOwn(reference.samples());
    assertThat(theirSamples).isNotEmpty();
    assertThat(collectorsOwn(mine.samples())).isEqualTo(theirSamples);
    for (String family : theirSamples.keySet()) {
      assertThat(mine.types().get(family)).as(family).isEqualTo(reference.types().get(family));
    }
    assertThat(collectorsOwn(helps(run.ours))).isEqualTo(collectorsOwn(helps(run.theirs)));
  }

  /** Without its files (no PSI, no os-release, IPv4 and IPv6 off...) a collector fails or not as node_exporter's does. */
  @ParameterizedTest
  @ValueSource(strings = {"entropy", "filefd", "netstat", "os", "pressure", "sockstat", "vmstat"})
  void emptyHostSucceedsOrFailsAsNodeExporter(String collector, @TempDir Path empty) {
    Run run = run(collector, new HostPaths(empty, empty, empty));
    Scrape mine = Scrape.parse(run.ours);
    Scrape reference = Scrape.parse(run.theirs);
    String success = "{collector=\"" + collector + "\"}";
    assertThat(mine.value("node_scrape_collector_success", success))
        .isEqualTo(reference.value("node_scrape_collector_success", success));
    assertThat(collectorsOwn(mine.samples())).isEqualTo(collectorsOwn(reference.samples()));
  }

  record Run(String ours, String theirs) {}

  static Run run(String collector, HostPaths paths) {
    CollectorSettings d = CollectorSettings.defaults(paths);
    CollectorSettings settings = new CollectorSettings(paths, d.udevData(), Map.of(collector, true),
        true, null, d.mountPointsExclude(), d.fsTypesExclude(), d.mountTimeout(), "",
        d.diskstatsDeviceExclude(), "", "", d.vmstatFields(), d.netstatFields());
    String ours = new String(Exposition.write(new NodeCollector(
        settings.createCollectors(Clock.systemUTC(), p -> null), new MetricFamilies(),
        System::nanoTime).scrape(), null).bytes(), StandardCharsets.UTF_8);
    String theirs;
    try (References.Started reference = References.nodeExporter(
        "--path.procfs=" + paths.procfs(), "--path.sysfs=" + paths.sysfs(),
        "--path.rootfs=" + paths.rootfs(), "--collector.disable-defaults", "--collector." + collector)) {
      theirs = Http.get(reference.url() + "/metrics").body();
    }
    return new Run(ours, theirs);
  }

  static <V> Map<String, V> collectorsOwn(Map<String, V> byFamily) {
    Map<String, V> own = new TreeMap<>(byFamily);
    own.keySet().removeIf(n -> !n.startsWith("node_") || n.startsWith("node_scrape_collector_")
        || n.startsWith("node_exporter_"));
    return own;
  }

  static Map<String, String> helps(String body) {
    Map<String, String> helps = new TreeMap<>();
    Matcher m = HELP.matcher(body);
    while (m.find()) {
      helps.put(m.group(1), m.group(2));
    }
    return helps;
  }
}
