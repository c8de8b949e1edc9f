package org.swarmmon.nodeexporter.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.exportertoolkit.Exposition;
import org.swarmmon.nodeexporter.collector.DiskstatsCollector.DeviceFilter;

/**
 * A fake procfs where {@code net/} (the reader's own namespace, a container's) and {@code 1/net/}
 * (the host init's) differ, as under {@code --path.procfs=/host/proc} in a container.
 */
class NetworkNamespaceTest {

  static final String HEADER = """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
      """;

  @TempDir Path procfs;

  void writeTree(boolean withHostInit) throws IOException {
    Files.createDirectories(procfs.resolve("net"));
    Files.writeString(procfs.resolve("net/dev"), HEADER
        + "    lo:  100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0\n");
    Files.writeString(procfs.resolve("net/sockstat"), "sockets: used 89\nTCP: inuse 1\n");
    if (withHostInit) {
      Files.createDirectories(procfs.resolve("1/net"));
      Files.writeString(procfs.resolve("1/net/dev"), HEADER
          + "    lo:  200 2 0 0 0 0 0 0 200 2 0 0 0 0 0 0\n"
          + "  eth0:  970511504 63682 0 0 0 0 0 0 5998427 57104 0 0 0 0 0 0\n");
      Files.writeString(procfs.resolve("1/net/sockstat"), "sockets: used 89\nTCP: inuse 42\n");
    }
  }

  String scrape(NetworkNamespace namespace) {
    HostPaths paths = new HostPaths(procfs, procfs.resolve("sys"), Path.of("/"))
        .withNetworkNamespace(namespace);
    NodeCollector collector = new NodeCollector(
        List.of(new NetdevCollector(paths, DeviceFilter.of("", "")), new SockstatCollector(paths, 4096)),
        new MetricFamilies(), System::nanoTime);
    return new String(Exposition.write(collector.scrape(), null).bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void autoReadsTheHostInitsNamespaceWhenProcfsIsMountedElsewhere() throws IOException {
    writeTree(true);
    assertThat(scrape(NetworkNamespace.AUTO))
        .contains("node_network_receive_bytes_total{device=\"eth0\"} 9.70511504E8")
        .contains("node_network_receive_bytes_total{device=\"lo\"} 200.0")
        .contains("node_sockstat_TCP_inuse 42.0");
  }

  @Test
  void hostInitReadsOneNet() throws IOException {
    writeTree(true);
    assertThat(scrape(NetworkNamespace.HOST_INIT))
        .contains("node_network_receive_bytes_total{device=\"eth0\"}")
        .contains("node_sockstat_TCP_inuse 42.0");
  }

  @Test
  void selfReadsNetAsNodeExporterDoes() throws IOException {
    writeTree(true);
    assertThat(scrape(NetworkNamespace.SELF))
        .contains("node_network_receive_bytes_total{device=\"lo\"} 100.0")
        .contains("node_sockstat_TCP_inuse 1.0")
        .doesNotContain("device=\"eth0\"");
  }

  @Test
  void autoFallsBackToNetWhenOneNetIsMissing() throws IOException {
    writeTree(false);
    assertThat(scrape(NetworkNamespace.AUTO))
        .contains("node_scrape_collector_success{collector=\"netdev\"} 1.0")
        .contains("node_network_receive_bytes_total{device=\"lo\"} 100.0")
        .contains("node_sockstat_TCP_inuse 1.0");
  }

  @Test
  void autoKeepsTheOwnProcAsNodeExporterDoes() {
    assertThat(NetworkNamespace.AUTO.netDirectory(Path.of("/proc"))).isEqualTo(Path.of("/proc/net"));
    assertThat(NetworkNamespace.AUTO.netDirectory(Path.of("/proc/"))).isEqualTo(Path.of("/proc/net"));
    assertThat(HostPaths.defaults().net("dev")).isEqualTo(Path.of("/proc/net/dev"));
  }

  @Test
  void parsesTheSettingAndNamesItWhenWrong() {
    assertThat(NetworkNamespace.parse("host-init")).isEqualTo(NetworkNamespace.HOST_INIT);
    assertThat(NetworkNamespace.parse(" SELF ")).isEqualTo(NetworkNamespace.SELF);
    assertThat(NetworkNamespace.parse("auto")).isEqualTo(NetworkNamespace.AUTO);
    assertThatThrownBy(() -> NetworkNamespace.parse("host"))
        .hasMessage("node-exporter.network-namespace=host: expected self, host-init or auto");
  }
}
