package org.swarmmon.nodeexporter.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CollectorSettingsTest {

  final HostPaths paths = new HostPaths(Path.of("/proc"), Path.of("/sys"), Path.of("/"));

  CollectorSettings with(Map<String, Boolean> enabled, boolean disableDefaults, String mountExclude) {
    CollectorSettings d = CollectorSettings.defaults(paths);
    return new CollectorSettings(paths, d.udevData(), enabled, disableDefaults, null, mountExclude,
        d.fsTypesExclude(), d.mountTimeout(), "", d.diskstatsDeviceExclude(), "", "",
        d.vmstatFields(), d.netstatFields());
  }

  @Test
  void everyCollectorIsOnByDefaultAndCanBeSwitchedOff() {
    CollectorSettings s = with(Map.of("netdev", false), false, ".");
    assertThat(s.createCollectors(Clock.systemUTC(), p -> null).stream().map(Collector::name))
        .containsExactly("cpu", "diskstats", "entropy", "filefd", "filesystem", "loadavg", "meminfo",
            "netstat", "os", "pressure", "sockstat", "stat", "textfile", "time", "uname", "vmstat");
  }

  @Test
  void disableDefaultsKeepsOnlyTheNamedCollectors() {
    CollectorSettings s = with(Map.of("cpu", true, "meminfo", true), true, ".");
    assertThat(s.createCollectors(Clock.systemUTC(), p -> null).stream().map(Collector::name))
        .containsExactly("cpu", "meminfo");
  }

  @Test
  void badPatternNamesTheFlag() {
    assertThatThrownBy(() -> with(Map.of(), false, "^/(dev").createCollectors(Clock.systemUTC(), p -> null))
        .hasMessageStartingWith("--collector.filesystem.mount-points-exclude=^/(dev: ");
  }

  @Test
  void badFieldsPatternNamesTheFlag() {
    CollectorSettings d = CollectorSettings.defaults(paths);
    CollectorSettings s = new CollectorSettings(paths, d.udevData(), Map.of(), false, null,
        d.mountPointsExclude(), d.fsTypesExclude(), d.mountTimeout(), "", d.diskstatsDeviceExclude(),
        "", "", d.vmstatFields(), "^(Tcp_");
    assertThatThrownBy(() -> s.createCollectors(Clock.systemUTC(), p -> null))
        .hasMessageStartingWith("--collector.netstat.fields=^(Tcp_: ");
  }

  @Test
  void unknownCollectorIsRejected() {
    assertThatThrownBy(() -> with(Map.of("nosuch", true), false, ".").createCollectors(Clock.systemUTC(), p -> null))
        .hasMessage("missing collector: nosuch");
  }

  @Test
  void aHangingMountIsReportedAsDeviceErrorWithinTheTimeout() throws Exception {
    Path proc = Path.of(getClass().getResource("/fixtures/host/proc").toURI());
    HostPaths fixture = new HostPaths(proc, proc, Path.of("/"));
    CountDownLatch release = new CountDownLatch(1);
    Statfs hangsOnNfs = p -> {
      if (p.toString().equals("/mnt/gone")) {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new java.io.IOException("interrupted", e);
        }
      }
      return new Statfs.Result(4096, 10, 5, 4, 100, 50);
    };
    try (FilesystemCollector collector = new FilesystemCollector(fixture,
        Pattern.compile(FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE),
        Pattern.compile(FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE), hangsOnNfs,
        Duration.ofMillis(200))) {
      MetricFamilies out = new MetricFamilies();
      collector.update(out);
      String text = new String(org.swarmmon.exportertoolkit.Exposition.write(
          new io.prometheus.metrics.model.snapshots.MetricSnapshots(out.snapshots()), null).bytes());
      assertThat(text)
          .contains("node_filesystem_device_error{device=\"nfs:/export\",fstype=\"nfs4\",mountpoint=\"/mnt/gone\"} 1.0")
          .contains("node_filesystem_size_bytes{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"} 40960.0");
    } finally {
      release.countDown();
    }
  }
}
