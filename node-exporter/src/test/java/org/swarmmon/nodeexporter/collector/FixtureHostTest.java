package org.swarmmon.nodeexporter.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.exportertoolkit.Exposition;

/**
 * The collectors read a fixture procfs/sysfs tree (src/test/resources/fixtures/host) and their
 * exposition is compared with golden files. Run with {@code -Dgolden.update=true} to rewrite
 * the golden files after an intended change, then review the diff.
 */
class FixtureHostTest {

  static final Path FIXTURES = fixtures();

  @TempDir Path textfileDir;

  static Path fixtures() {
    try {
      return Path.of(FixtureHostTest.class.getResource("/fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** statfs results for the fixture's mounts; /mnt/gone fails as an unreachable NFS mount. */
  static final Statfs FIXTURE_STATFS = mountPoint -> switch (mountPoint.toString()) {
    case "/" -> new Statfs.Result(4096, 66053021, 60554256, 18374600, 16777216, 16189245);
    case "/var/lib/docker" -> new Statfs.Result(4096, 66053021, 60554256, 18374600, 16777216, 16189245);
    case "/srv/my data" -> new Statfs.Result(1024, 1000, 500, 400, 128, 64);
    case "/run" -> new Statfs.Result(4096, 611434, 611000, 611000, 3091463, 3090000);
    default -> throw new IOException("statfs " + mountPoint + ": errno 5");
  };

  @BeforeEach
  void copyTextfiles() throws IOException {
    try (var files = Files.list(FIXTURES.resolve("textfile"))) {
      for (Path f : files.toList()) {
        Path copy = textfileDir.resolve(f.getFileName());
        Files.copy(f, copy);
        Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2026-11-20T10:00:00Z")));
      }
    }
  }

  NodeCollector fixtureCollector() {
    Path host = FIXTURES.resolve("host");
    Path rootfs = host.resolve("rootfs");
    HostPaths paths = new HostPaths(host.resolve("proc"), host.resolve("sys"), rootfs);
    // statfs(2) is called on the mount point under the rootfs; the fixture results are by host path
    Statfs statfs = p -> FIXTURE_STATFS.statfs(Path.of("/").resolve(rootfs.relativize(p)));
    CollectorSettings defaults = CollectorSettings.defaults(paths);
    CollectorSettings settings = new CollectorSettings(paths, host.resolve("udev"), Map.of(), false,
        textfileDir, defaults.mountPointsExclude(), defaults.fsTypesExclude(), Duration.ofSeconds(5),
        "", defaults.diskstatsDeviceExclude(), "", "", defaults.vmstatFields(),
        defaults.netstatFields());
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00.25Z"), ZoneOffset.UTC);
    MetricFamilies constant = new MetricFamilies();
    new BuildInfo("0.1.0", "abc1234", "main", "17.0.15", "linux", "amd64").addTo(constant);
    new NodeIdentity("n0d3id", "swarm-node-1").addTo(constant);
    AtomicLong nanos = new AtomicLong();
    // every collector appears to take exactly 0.5ms
    return new NodeCollector(settings.createCollectors(clock, statfs, 4096), constant,
        () -> nanos.getAndAdd(500_000));
  }

  @Test
  void textFormatMatchesGoldenFile() throws IOException {
    String text = new String(Exposition.write(fixtureCollector().scrape(), "text/plain").bytes(),
        StandardCharsets.UTF_8);
    assertGolden("expected-0.0.4.prom", text.replace(textfileDir.toString(), "TEXTFILE_DIR"));
  }

  @Test
  void openMetricsMatchesGoldenFile() throws IOException {
    Exposition.Body body = Exposition.write(fixtureCollector().scrape(),
        "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5");
    assertThat(body.contentType()).startsWith("application/openmetrics-text");
    assertGolden("expected-openmetrics.txt",
        new String(body.bytes(), StandardCharsets.UTF_8).replace(textfileDir.toString(), "TEXTFILE_DIR"));
  }

  @Test
  void plainScrapersGetTextFormat004() {
    assertThat(Exposition.write(fixtureCollector().scrape(), null).contentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void aFailingCollectorIsReportedAndTheOthersStillAnswer() throws IOException {
    Path proc = textfileDir.resolve("proc-without-loadavg");
    Files.createDirectories(proc);
    Files.copy(FIXTURES.resolve("host/proc/stat"), proc.resolve("stat"));
    HostPaths paths = new HostPaths(proc, FIXTURES.resolve("host/sys"), Path.of("/"));
    NodeCollector collector = new NodeCollector(
        List.of(new LoadavgCollector(paths), new StatCollector(paths)), new MetricFamilies(),
        System::nanoTime);
    String text = new String(Exposition.write(collector.scrape(), null).bytes(), StandardCharsets.UTF_8);
    assertThat(text)
        .contains("node_scrape_collector_success{collector=\"loadavg\"} 0.0")
        .contains("node_scrape_collector_success{collector=\"stat\"} 1.0")
        .contains("node_boot_time_seconds 1.795299446E9")
        .doesNotContain("node_load1 ");
  }

  @Test
  void aMalformedFileIsReportedWithFileAndLine() throws IOException {
    Path proc = textfileDir.resolve("proc-bad");
    Files.createDirectories(proc);
    Files.writeString(proc.resolve("meminfo"), "MemTotal: 1 kB\nMemFree: lots kB\n");
    HostPaths paths = new HostPaths(proc, proc, Path.of("/"));
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> new MeminfoCollector(paths).update(new MetricFamilies()));
    assertThat(e.getMessage()).isEqualTo(proc.resolve("meminfo") + ":2: invalid number \"lots\"");
  }

  static void assertGolden(String name, String actual) throws IOException {
    Path golden = Path.of("src/test/resources/fixtures/golden", name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(golden));
  }
}
