package org.swarmmon.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.relabel.Action;
import org.swarmmon.labels.Labels;

class ConfigLoaderTest {

  private static Config parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, "prometheus.yml", Path.of("/etc/prometheus"));
  }

  @Test
  void prometheusDefaults() throws Exception {
    Config c = parse("scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['a:9100']\n");
    assertThat(c.global().scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.global().scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.global().evaluationInterval()).isEqualTo(Duration.ofMinutes(1));
    ScrapeConfig sc = c.scrapeConfigs().get(0);
    assertThat(sc.scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(sc.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(sc.metricsPath()).isEqualTo("/metrics");
    assertThat(sc.scheme()).isEqualTo("http");
    assertThat(sc.honorTimestamps()).isTrue();
    assertThat(sc.honorLabels()).isFalse();
    assertThat(sc.discovery().staticConfigs().get(0).targets())
        .containsExactly(Labels.of("__address__", "a:9100"));
  }

  @Test
  void fullSwarmpromStyleConfig() throws Exception {
    Config c = parse("""
        global:
          scrape_interval: 15s
          evaluation_interval: 15s
          external_labels:
            monitor: 'promswarm'
        rule_files:
          - "swarm_node.rules.yml"
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['alertmanager:9093']
        scrape_configs:
          - job_name: 'prometheus'
            static_configs:
              - targets: ['localhost:9090']
          - job_name: 'node-exporter'
            scrape_interval: 5s
            basic_auth:
              username: admin
              password_file: secret
            consul_sd_configs:
              - server: 'consul:8500'
                services: ['node-exporter']
                tags: [metrics]
                refresh_interval: 2s
            file_sd_configs:
              - files: ['targets/*.json']
            dns_sd_configs:
              - names: ['tasks.node-exporter']
                type: 'A'
                port: 9100
            relabel_configs:
              - source_labels: [__meta_consul_service]
                target_label: service
              - action: hashmod
                source_labels: [__address__]
                modulus: 4
                target_label: __tmp_hash
            metric_relabel_configs:
              - source_labels: [__name__]
                regex: 'go_.*'
                action: drop
        remote_write:
          - url: http://central:9090/api/v1/write
            queue_config:
              max_shards: 4
        remote_read:
          - url: http://central:9090/api/v1/read
            read_recent: true
        """);
    assertThat(c.global().scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat((Object) c.global().externalLabels()).isEqualTo(Labels.of("monitor", "promswarm"));
    assertThat(c.ruleFiles()).containsExactly("/etc/prometheus/swarm_node.rules.yml");
    assertThat(c.alerting().alertmanagers()).hasSize(1);
    ScrapeConfig node = c.scrapeConfig("node-exporter");
    assertThat(node.scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(node.http().basicAuth().passwordFile()).isEqualTo("/etc/prometheus/secret");
    DiscoveryConfigs.ConsulSd consul = node.discovery().consulSd().get(0);
    assertThat(consul.services()).containsExactly("node-exporter");
    assertThat(consul.tagSeparator()).isEqualTo(",");
    assertThat(consul.allowStale()).isTrue();
    assertThat(consul.refreshInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(node.discovery().fileSd().get(0).files()).containsExactly("/etc/prometheus/targets/*.json");
    assertThat(node.discovery().dnsSd().get(0).port()).isEqualTo(9100);
    assertThat(node.relabelConfigs().get(1).action()).isEqualTo(Action.HASHMOD);
    assertThat(node.metricRelabelConfigs().get(0).action()).isEqualTo(Action.DROP);
    assertThat(c.remoteWrite().get(0).queue().maxShards()).isEqualTo(4);
    assertThat(c.remoteWrite().get(0).queue().capacity()).isEqualTo(2500);
    assertThat(c.remoteRead().get(0).readRecent()).isTrue();
  }

  /** The same file given to promtool 2.42 prints exactly these lines (consul excepted: Debian builds it out). */
  @Test
  void unknownFieldsAndTypeErrorsAsYamlV2ReportsThem() {
    String yaml = """
        global:
          scrape_interval: 15s
          foo: 1
        scrape_configs:
          - job_name: x
            bar: 2
            sample_limit: xyz
            static_configs:
              - targets: ['a:1']
                baz: 1
            file_sd_configs:
              - files: [a.json]
                qq: 1
            basic_auth:
              username: a
              pw: 1
        remote_write:
          - url: http://x
            zz: 1
        alerting:
          alertmanagers:
            - static_configs:
              - targets: [a]
              yy: 1
        """;
    assertThatThrownBy(() -> parse(yaml)).hasMessage("""
        parsing YAML file prometheus.yml: yaml: unmarshal errors:
          line 3: field foo not found in type config.plain
          line 6: field bar not found in type config.ScrapeConfig
          line 7: cannot unmarshal !!str `xyz` into uint
          line 10: field baz not found in type struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }
          line 13: field qq not found in type file.plain
          line 16: field pw not found in type config.plain
          line 19: field zz not found in type config.plain
          line 24: field yy not found in type config.AlertmanagerConfig""");
  }

  @Test
  void typeErrors() {
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    honor_labels: 3\n    sample_limit: -1\n    params: 4\n"))
        .hasMessage("""
            parsing YAML file prometheus.yml: yaml: unmarshal errors:
              line 3: cannot unmarshal !!int `3` into bool
              line 4: cannot unmarshal !!int `-1` into uint
              line 5: cannot unmarshal !!int `4` into url.Values""");
  }

  @Test
  void semanticErrorsKeepPrometheusTextAndAddLineAndField() {
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    scrape_interval: abc\n"))
        .hasMessage("parsing YAML file prometheus.yml: line 3: field scrape_interval: not a valid duration string: \"abc\"");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    scrape_interval: 5s\n    scrape_timeout: 10s\n"))
        .hasMessage("parsing YAML file prometheus.yml: line 4: field scrape_timeout: scrape timeout greater than scrape interval for scrape config with job name \"x\"");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - action: hashmod\n        target_label: x\n"))
        .hasMessage("parsing YAML file prometheus.yml: line 4: relabel configuration for hashmod requires non-zero modulus");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n  - job_name: x\n"))
        .hasMessage("parsing YAML file prometheus.yml: found multiple scrape configs with job name \"x\"");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    relabel_configs:\n      - action: foo\n"))
        .hasMessage("parsing YAML file prometheus.yml: line 4: unknown relabel action \"foo\"");
    assertThatThrownBy(() -> parse("global:\n  external_labels:\n    0a: b\n"))
        .hasMessageEndingWith("\"0a\" is not a valid label name");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    static_configs:\n      - targets: [\"http://a:1\"]\n"))
        .hasMessageEndingWith("\"http://a:1\" is not a valid hostname");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    bearer_token: a\n    bearer_token_file: b\n"))
        .hasMessageEndingWith("at most one of bearer_token & bearer_token_file must be configured");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: \"\"\n"))
        .hasMessageEndingWith("job_name is empty");
    assertThatThrownBy(() -> parse("scrape_configs:\n  -\n"))
        .hasMessageEndingWith("empty or null scrape config section");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    dns_sd_configs:\n      - names: [a]\n        type: A\n"))
        .hasMessageEndingWith("a port is required in DNS-SD configs for all record types except SRV");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    file_sd_configs:\n      - files: [\"/a/*/b.json\"]\n"))
        .hasMessageEndingWith("path name \"/a/*/b.json\" is not valid for file discovery");
  }

  @Test
  void proxyAndAuthFieldsThisCollectorCannotHonourAreRefusedNotIgnored() {
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    no_proxy: localhost\n"))
        .hasMessageContaining("line 3: field no_proxy not found in type config.ScrapeConfig");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    proxy_from_environment: true\n"))
        .hasMessageContaining("line 3: field proxy_from_environment not found in type config.ScrapeConfig");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    proxy_connect_header: {A: [b]}\n"))
        .hasMessageEndingWith("if proxy_connect_header is configured proxy_url must also be configured");
    assertThatThrownBy(() -> parse(
        "scrape_configs:\n  - job_name: x\n    proxy_url: http://p:3128\n    proxy_connect_header: {A: [b]}\n"))
        .hasMessageContaining("line 4").hasMessageEndingWith("proxy_connect_header is not supported by this collector");
    assertThatThrownBy(() -> parse("remote_write:\n  - url: http://r/\n    sigv4: {region: eu-west-1}\n"))
        .hasMessageContaining("line 3").hasMessageEndingWith("sigv4 is not supported by this collector");
  }

  private static String tlsJob(String tls) {
    return "scrape_configs:\n  - job_name: x\n    tls_config:\n"
        + tls.indent(6) + "    static_configs:\n      - targets: ['a:1']\n";
  }

  @Test
  void everyTlsConfigFieldIsRead() throws Exception {
    HttpClientConfig.TlsConfig inline = parse(tlsJob("""
        ca: |
          -----BEGIN CERTIFICATE-----
          MIIB
          -----END CERTIFICATE-----
        cert: CERT-PEM
        key: KEY-PEM
        server_name: nodes.internal
        min_version: TLS11
        max_version: TLS13
        """)).scrapeConfigs().get(0).http().tls();
    assertThat(inline).isEqualTo(new HttpClientConfig.TlsConfig(
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "CERT-PEM", "KEY-PEM",
        "", "", "", "nodes.internal", false, "TLS11", "TLS13"));
    assertThat(inline.toString()).doesNotContain("KEY-PEM");
    HttpClientConfig.TlsConfig files = parse(tlsJob("""
        ca_file: ca.pem
        cert_file: /abs/c.pem
        key_file: k.pem
        insecure_skip_verify: true
        """)).scrapeConfigs().get(0).http().tls();
    assertThat(files).isEqualTo(new HttpClientConfig.TlsConfig("", "", "",
        "/etc/prometheus/ca.pem", "/abs/c.pem", "/etc/prometheus/k.pem", "", true, "", ""));
    // the same record in every place Prometheus takes an http client config
    Config c = parse("""
        alerting:
          alertmanagers:
            - tls_config: {ca: A, min_version: TLS13}
        remote_write:
          - url: https://w
            tls_config: {ca: A, min_version: TLS13}
        remote_read:
          - url: https://r
            tls_config: {ca: A, min_version: TLS13}
        scrape_configs:
          - job_name: c
            consul_sd_configs:
              - tls_config: {ca: A, min_version: TLS13}
        """);
    HttpClientConfig.TlsConfig a = new HttpClientConfig.TlsConfig(
        "A", "", "", "", "", "", "", false, "TLS13", "");
    assertThat(c.alerting().alertmanagers().get(0).http().tls()).isEqualTo(a);
    assertThat(c.remoteWrite().get(0).http().tls()).isEqualTo(a);
    assertThat(c.remoteRead().get(0).http().tls()).isEqualTo(a);
    assertThat(c.scrapeConfigs().get(0).discovery().consulSd().get(0).http().tls()).isEqualTo(a);
  }

  @Test
  void tlsConfigErrorsNameLineAndField() {
    assertThatThrownBy(() -> parse(tlsJob("ca: A\nca_file: a.pem\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 5: field ca_file: "
            + "at most one of ca and ca_file must be configured");
    assertThatThrownBy(() -> parse(tlsJob("cert: C\ncert_file: c.pem\nkey: K\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 5: field cert_file: "
            + "at most one of cert and cert_file must be configured");
    assertThatThrownBy(() -> parse(tlsJob("cert: C\nkey_file: k.pem\nkey: K\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 5: field key_file: "
            + "at most one of key and key_file must be configured");
    assertThatThrownBy(() -> parse(tlsJob("server_name: s\ncert: C\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 5: field cert: "
            + "exactly one of key or key_file must be configured when a client certificate is configured");
    assertThatThrownBy(() -> parse(tlsJob("key: K\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 4: field key: "
            + "exactly one of cert or cert_file must be configured when a client key is configured");
    assertThatThrownBy(() -> parse(tlsJob("cert_file: c.pem\nkey: K\nca_file: x\nkey_file: k\n")))
        .hasMessageEndingWith("at most one of key and key_file must be configured");
    // Prometheus 2.42's own texts where only files are given
    assertThatThrownBy(() -> parse(tlsJob("cert_file: c.pem\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 4: field cert_file: "
            + "client cert file \"c.pem\" specified without client key file");
    assertThatThrownBy(() -> parse(tlsJob("key_file: k.pem\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 4: field key_file: "
            + "client key file \"k.pem\" specified without client cert file");
    assertThatThrownBy(() -> parse(tlsJob("min_version: TLS14\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 4: field min_version: "
            + "unknown TLS version: TLS14");
    assertThatThrownBy(() -> parse(tlsJob("server_name: a\nmax_version: ''\n")))
        .hasMessage("parsing YAML file prometheus.yml: line 5: field max_version: "
            + "unknown TLS version: ");
    assertThatThrownBy(() -> parse(tlsJob("ca_fil: a.pem\n")))
        .hasMessage("parsing YAML file prometheus.yml: yaml: unmarshal errors:\n"
            + "  line 4: field ca_fil not found in type config.plain");
  }

  @Test
  void quotedEmptyBodySizeLimitIsRefusedAsPrometheusDoes() throws Exception {
    // promtool check config (Prometheus 2.42): FAILED: parsing YAML file ...: units: invalid
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    body_size_limit: ''\n"))
        .hasMessage("parsing YAML file prometheus.yml: units: invalid ");
    assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: x\n    body_size_limit: \"\"\n"))
        .hasMessage("parsing YAML file prometheus.yml: units: invalid ");
    // an empty (null) value keeps the default, as yaml.v2 does
    assertThat(parse("scrape_configs:\n  - job_name: x\n    body_size_limit:\n")
        .scrapeConfigs().get(0).bodySizeLimit()).isZero();
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    assertThatThrownBy(() -> parse("scrape_configs:\n  - foo: [\n"))
        .hasMessageStartingWith("parsing YAML file prometheus.yml: yaml: line ");
  }

  @Test
  void loadNamesAMissingFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yml")))
        .hasMessageEndingWith("none.yml: no such file or directory");
    Path f = dir.resolve("p.yml");
    Files.writeString(f, "scrape_configs: []\n");
    assertThat(ConfigLoader.load(f).scrapeConfigs()).isEqualTo(List.of());
  }
}
