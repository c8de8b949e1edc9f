package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusFlagsTest {

  private static String[] t(String... args) {
    return PrometheusFlags.toSpringArgs(args);
  }

  @Test
  void swarmpromCommandLine() {
    assertThat(t("--config.file=/etc/prometheus/prometheus.yml",
        "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention=24h",
        "--web.console.libraries=/usr/share/prometheus/console_libraries",
        "--web.console.templates=/usr/share/prometheus/consoles", "--web.enable-lifecycle"))
        .containsExactly("--collector.config-file=/etc/prometheus/prometheus.yml",
            "--collector.storage.path=/prometheus", "--collector.web.enable-lifecycle=true",
            "--collector.storage.retention-time=24h");
  }

  @Test
  void valuesAsSeparateArguments() {
    assertThat(t("--config.file", "p.yml", "--web.listen-address", "0.0.0.0:9091",
        "--query.timeout", "1m", "--query.max-samples", "100", "--query.max-concurrency", "4",
        "--query.lookback-delta", "2m", "--web.external-url", "http://x/", "--web.config.file", "w.yml",
        "--storage.tsdb.retention.size", "1GB"))
        .containsExactly("--collector.config-file=p.yml", "--server.address=0.0.0.0",
            "--server.port=9091", "--collector.query.timeout=1m", "--collector.query.max-samples=100",
            "--collector.query.max-concurrency=4", "--collector.query.lookback-delta=2m",
            "--collector.web.external-url=http://x/", "--collector.web.config-file=w.yml",
            "--collector.storage.retention-size=1GB");
  }

  @Test
  void remoteReadLimitsTakeKingpinNumbers() {
    assertThat(t("--storage.remote.read-sample-limit=5e7", "--storage.remote.read-concurrent-limit", "4",
        "--storage.remote.read-max-bytes-in-frame=1048576"))
        .containsExactly("--collector.storage.remote-read-sample-limit=50000000",
            "--collector.storage.remote-read-concurrent-limit=4",
            "--collector.storage.remote-read-max-bytes-in-frame=1048576");
    assertThatThrownBy(() -> t("--storage.remote.read-sample-limit=lots"))
        .hasMessageContaining("invalid syntax for --storage.remote.read-sample-limit");
  }

  @Test
  void listenAddressWithoutHost() {
    assertThat(t("--web.listen-address=:9090")).containsExactly("--server.port=9090");
  }

  @Test
  void newRetentionFlagWinsOverTheOldOne() {
    assertThat(t("--storage.tsdb.retention.time=7d", "--storage.tsdb.retention=1d"))
        .containsExactly("--collector.storage.retention-time=7d");
  }

  @Test
  void booleanForms() {
    assertThat(t("--web.enable-remote-write-receiver", "--web.enable-admin-api=false",
        "--no-web.enable-lifecycle"))
        .containsExactly("--collector.web.enable-remote-write-receiver=true",
            "--collector.web.enable-admin-api=false", "--collector.web.enable-lifecycle=false");
  }

  @Test
  void springArgumentsPassThrough() {
    assertThat(t("--server.port=1234", "--spring.main.banner-mode=off"))
        .containsExactly("--server.port=1234", "--spring.main.banner-mode=off");
  }

  @Test
  void badUsage() {
    assertThatThrownBy(() -> t("--config.file"))
        .hasMessage("expected argument for flag '--config.file'");
    assertThatThrownBy(() -> t("--web.listen-address=9090"))
        .hasMessage("address 9090: missing port in address");
    assertThatThrownBy(() -> t("--web.enable-lifecycle=maybe"))
        .hasMessageContaining("invalid syntax");
  }

  @Test
  void storageSizes() {
    assertThat(StorageWiring.bytes("512MB")).isEqualTo(512L << 20);
    assertThat(StorageWiring.bytes("")).isZero();
    assertThat(StorageWiring.retentionTime("0")).isNull();
    assertThatThrownBy(() -> StorageWiring.bytes("lots")).hasMessageContaining("invalid size");
  }
}
