package org.swarmmon.nodeexporter.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeExporterFlagsTest {

  @Test
  void swarmpromCommandLineTranslatesUnchanged() {
    // swarmprom's node-exporter service, with the old flag name it still uses
    var t = NodeExporterFlags.translate(
        "--path.sysfs=/host/sys",
        "--path.procfs=/host/proc",
        "--collector.textfile.directory=/etc/node-exporter/",
        "--collector.filesystem.ignored-mount-points=^/(sys|proc|dev|host|etc)($$|/)",
        "--no-collector.ipvs");
    assertThat(t.springArgs()).containsExactly(
        "--node-exporter.path.sysfs=/host/sys",
        "--node-exporter.path.procfs=/host/proc",
        "--node-exporter.collector.textfile.directory=/etc/node-exporter/",
        "--node-exporter.collector.filesystem.mount-points-exclude=^/(sys|proc|dev|host|etc)($$|/)",
        "--node-exporter.collector.ipvs.enabled=false");
    assertThat(t.ignored()).isEmpty();
  }

  @Test
  void valuesMayFollowAsTheNextArgument() {
    var t = NodeExporterFlags.translate(
        "--path.rootfs", "/rootfs", "--collector.filesystem.fs-types-exclude", "^(tmpfs)$",
        "--web.listen-address", ":9101");
    assertThat(t.springArgs()).containsExactly(
        "--node-exporter.path.rootfs=/rootfs",
        "--node-exporter.collector.filesystem.fs-types-exclude=^(tmpfs)$",
        "--server.port=9101");
  }

  @Test
  void listenAddressWithHostSetsServerAddress() {
    assertThat(NodeExporterFlags.translate("--web.listen-address=127.0.0.1:9100").springArgs())
        .containsExactly("--server.port=9100", "--server.address=127.0.0.1");
    assertThat(NodeExporterFlags.translate("--web.listen-address=[::1]:9100").springArgs())
        .containsExactly("--server.port=9100", "--server.address=::1");
    assertThat(NodeExporterFlags.translate("--web.listen-address=:9100").springArgs())
        .containsExactly("--server.port=9100");
  }

  @Test
  void badListenAddressIsRejectedNamingTheFlag() {
    assertThatThrownBy(() -> NodeExporterFlags.translate("--web.listen-address=9100"))
        .hasMessage("--web.listen-address=9100: address 9100: missing port in address");
    assertThatThrownBy(() -> NodeExporterFlags.translate("--web.listen-address=:http"))
        .hasMessage("--web.listen-address=:http: invalid port http");
  }

  @Test
  void collectorsAreSwitchedOnAndOff() {
    var t = NodeExporterFlags.translate(
        "--collector.disable-defaults", "--collector.cpu", "--no-collector.netdev",
        "--collector.meminfo=false");
    assertThat(t.springArgs()).containsExactly(
        "--node-exporter.collector.disable-defaults=true",
        "--node-exporter.collector.cpu.enabled=true",
        "--node-exporter.collector.netdev.enabled=false",
        "--node-exporter.collector.meminfo.enabled=false");
  }

  @Test
  void vmstatAndNetstatFieldsSetTheirProperties() {
    var t = NodeExporterFlags.translate("--collector.vmstat.fields=^(pswp|nr_free).*",
        "--no-collector.vmstat", "--collector.netstat.fields", "^Tcp_.*", "--collector.pressure");
    assertThat(t.springArgs()).containsExactly(
        "--node-exporter.collector.vmstat.fields=^(pswp|nr_free).*",
        "--node-exporter.collector.vmstat.enabled=false",
        "--node-exporter.collector.netstat.fields=^Tcp_.*",
        "--node-exporter.collector.pressure.enabled=true");
    assertThat(t.ignored()).isEmpty();
  }

  @Test
  void oldAndNewNameOfTheSameFlagAreMutuallyExclusive() {
    assertThatThrownBy(() -> NodeExporterFlags.translate(
        "--collector.filesystem.mount-points-exclude=^/x",
        "--collector.filesystem.ignored-mount-points=^/y"))
        .hasMessage("--collector.filesystem.mount-points-exclude and "
            + "--collector.filesystem.ignored-mount-points are mutually exclusive");
  }

  @Test
  void flagsOfCollectorsWeDoNotHaveAreReportedNotFatal() {
    var t = NodeExporterFlags.translate(
        "--collector.ipvs.labels", "ipvs_backend", "--web.disable-exporter-metrics",
        "--path.procfs=/host/proc");
    assertThat(t.springArgs()).containsExactly("--node-exporter.path.procfs=/host/proc");
    assertThat(t.ignored()).containsExactly(
        "--collector.ipvs.labels=ipvs_backend", "--web.disable-exporter-metrics");
  }

  @Test
  void versionOnlyPrintsTheVersion() {
    assertThat(NodeExporterFlags.translate("--version").versionOnly()).isTrue();
    assertThat(NodeExporterFlags.translate("--path.procfs=/p").versionOnly()).isFalse();
  }

  @Test
  void springPropertiesPassThrough() {
    var t = NodeExporterFlags.translate("--spring.cloud.consul.enabled=true", "--log.level=debug");
    assertThat(t.springArgs()).containsExactly(
        "--logging.level.org.swarmmon=DEBUG", "--spring.cloud.consul.enabled=true");
  }

  @Test
  void aValueFlagWithoutValueIsAnError() {
    assertThatThrownBy(() -> NodeExporterFlags.translate("--path.procfs"))
        .hasMessage("expected argument for flag '--path.procfs'");
    assertThatThrownBy(() -> NodeExporterFlags.translate("/host/proc"))
        .hasMessage("unexpected /host/proc, try --help");
  }
}
