package org.swarmmon.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parts of {@code /api/v1/status/config} that {@code StatusApiParityTest} cannot compare with
 * Debian's Prometheus: {@code consul_sd_configs} (its build leaves Consul SD out), checked against
 * Prometheus 2.42's {@code consul.SDConfig} (field order, {@code DefaultSDConfig}: server
 * localhost:8500, tag_separator ",", scheme http, allow_stale true, refresh_interval 30s, secret
 * token), and yaml.v2's quoting of awkward strings, as Prometheus 2.42 printed them.
 */
class ConfigRendererTest {

  private static String render(String yaml) throws ConfigException {
    return ConfigRenderer.render(ConfigLoader.parse(yaml, "prometheus.yml", Path.of("/etc/prometheus")));
  }

  /** Prometheus 2.42 printed this file back as {@code 8d} and {@code 400d}, not 1w1d and 1y5d. */
  @Test
  void durationsPrintYearsAndWeeksOnlyWhenExact() throws Exception {
    String out = render("""
        global:
          scrape_interval: 8d
          scrape_timeout: 10s
          evaluation_interval: 400d
        """);
    assertThat(out).isEqualTo("""
        global:
          scrape_interval: 8d
          scrape_timeout: 10s
          evaluation_interval: 400d
        """);
  }

  @Test
  void consulWithPrometheusDefaultsAndSecretsHidden() throws Exception {
    String out = render("""
        scrape_configs:
          - job_name: consul
            consul_sd_configs:
              - token: consul-acl-t0ken
              - server: 127.0.0.1:8500
                path_prefix: /consul
                token: other-t0ken
                datacenter: dc1
                namespace: ns
                partition: part
                scheme: https
                services: [web, api]
                tags: [prod]
                node_meta: {rack: r1, az: a}
                tag_separator: ';'
                allow_stale: false
                refresh_interval: 1m
                basic_auth:
                  username: c
                  password: consul-http-p4ss
                tls_config:
                  insecure_skip_verify: true
        """);
    assertThat(out).isEqualTo("""
        global:
          scrape_interval: 1m
          scrape_timeout: 10s
          evaluation_interval: 1m
        scrape_configs:
        - job_name: consul
          honor_timestamps: true
          scrape_interval: 1m
          scrape_timeout: 10s
          metrics_path: /metrics
          scheme: http
          follow_redirects: true
          enable_http2: true
          consul_sd_configs:
          - server: localhost:8500
            token: <secret>
            tag_separator: ','
            scheme: http
            allow_stale: true
            refresh_interval: 30s
            follow_redirects: true
            enable_http2: true
          - server: 127.0.0.1:8500
            path_prefix: /consul
            token: <secret>
            datacenter: dc1
            namespace: ns
            partition: part
            tag_separator: ;
            scheme: https
            allow_stale: false
            refresh_interval: 1m
            services:
            - web
            - api
            tags:
            - prod
            node_meta:
              az: a
              rack: r1
            basic_auth:
              username: c
              password: <secret>
            tls_config:
              insecure_skip_verify: true
            follow_redirects: true
            enable_http2: true
        """);
    assertThat(out).doesNotContain("consul-acl-t0ken", "other-t0ken", "consul-http-p4ss");
  }

  @Test
  void ourOwnConsulFieldsShowOnlyWhenSet() throws Exception {
    String out = render("""
        scrape_configs:
          - job_name: consul
            consul_sd_configs:
              - services: [web]
                health_filter: any
        """);
    assertThat(out).contains("    health_filter: any\n").doesNotContain("filter: \"\"");
    assertThat(render("scrape_configs: [{job_name: c, consul_sd_configs: [{}]}]"))
        .doesNotContain("health_filter").doesNotContain("filter:");
  }

  @Test
  void tlsConfigInlineFieldsWithTheKeyHiddenAndVersionsAsPrometheus242PrintsThem() throws Exception {
    String out = render("""
        scrape_configs:
          - job_name: t
            tls_config:
              ca: CA-PEM
              cert: CERT-PEM
              key: tls-k3y-pem
              server_name: nodes.internal
              min_version: TLS10
              max_version: TLS12
        """);
    assertThat(out).contains("""
          tls_config:
            ca: CA-PEM
            cert: CERT-PEM
            key: <secret>
            server_name: nodes.internal
            insecure_skip_verify: false
            min_version: 769
            max_version: 771
          follow_redirects: true
        """).doesNotContain("tls-k3y-pem");
  }

  @Test
  void everySecretIsHidden() throws Exception {
    String out = render("""
        scrape_configs:
          - job_name: a
            basic_auth: {username: u, password: s1-basic}
            static_configs: [{targets: ['h:1']}]
          - job_name: b
            authorization: {type: Bearer, credentials: s2-authz}
          - job_name: c
            bearer_token: s3-bearer
          - job_name: d
            bearer_token_file: /run/secrets/token
        alerting:
          alertmanagers:
            - basic_auth: {username: am, password: s4-am}
              static_configs: [{targets: ['am:9093']}]
        remote_write:
          - url: http://rw/write
            authorization: {credentials: s5-rw}
        remote_read:
          - url: http://rr/read
            basic_auth: {username: r, password: s6-rr}
        """);
    assertThat(out).doesNotContain("s1-basic", "s2-authz", "s3-bearer", "s4-am", "s5-rw", "s6-rr");
    assertThat(out.split("<secret>", -1)).hasSize(7);
    assertThat(out).contains("    credentials_file: /run/secrets/token\n");
  }

  @Test
  void stringsQuotedAsYamlV2QuotesThem() {
    // label values and Prometheus 2.42's output for them (multi-line strings aside)
    Map<String, String> want = new LinkedHashMap<>();
    want.put("x y", "x y");
    want.put("2", "\"2\"");
    want.put("true", "\"true\"");
    want.put("#x", "'#x'");
    want.put("a: b", "'a: b'");
    want.put("it's", "it's");
    want.put(" lead", "' lead'");
    want.put("", "\"\"");
    want.put("-", "'-'");
    want.put("x:", "'x:'");
    want.put("1:20", "\"1:20\"");
    want.put("0x1F", "\"0x1F\"");
    want.put("null", "\"null\"");
    want.put("~", "\"~\"");
    want.put("@a", "'@a'");
    want.put("a#b", "a#b");
    want.put("a #b", "'a #b'");
    want.put("tab\there", "\"tab\\there\"");
    want.put("é", "é");
    want.put("[x]", "'[x]'");
    want.put("x,y", "x,y");
    want.put("*", "'*'");
    want.put("- a", "'- a'");
    want.put("yes", "\"yes\"");
    want.put("n", "\"n\"");
    want.put(".5", "\".5\"");
    want.put(":", "':'");
    want.put(";", ";");
    want.put("$1", "$1");
    want.put("${1}", "${1}");
    want.put("(.*):(\\d+)", "(.*):(\\d+)");
    want.put("<secret>", "<secret>");
    want.put("0", "\"0\"");
    want.put("go_.*", "go_.*");
    want.forEach((in, out) -> assertThat(YamlWriter.scalar(in)).as(in).isEqualTo(out));
  }

  @Test
  void emptyRegexIsNullAsInPrometheus() throws Exception {
    assertThat(render("""
        scrape_configs:
          - job_name: a
            relabel_configs:
              - action: labelmap
                regex: ''
        """)).contains("""
          relabel_configs:
          - separator: ;
            regex: null
            replacement: $1
            action: labelmap
        """);
  }

  @Test
  void bodySizeLimitReadAndPrintedAsPrometheusUnits() throws Exception {
    assertThat(Base2Bytes.parse("10MB")).isEqualTo(10L << 20);
    assertThat(Base2Bytes.parse("10MiB")).isEqualTo(10L << 20);
    assertThat(Base2Bytes.parse("1.5KB")).isEqualTo(1536);
    assertThat(Base2Bytes.parse("1KiB512B")).isEqualTo(1536);
    assertThat(Base2Bytes.parse("0")).isZero();
    assertThat(Base2Bytes.format(10L << 20)).isEqualTo("10MiB");
    assertThat(Base2Bytes.format(1536)).isEqualTo("1KiB512B");
    assertThat(Base2Bytes.format(1L << 30)).isEqualTo("1GiB");
    // the errors promtool 2.42 prints for these
    assertThatThrownBy(() -> render("scrape_configs: [{job_name: a, body_size_limit: 1000}]"))
        .hasMessage("parsing YAML file prometheus.yml: units: unknown unit  in 1000");
    assertThatThrownBy(() -> render("scrape_configs: [{job_name: a, body_size_limit: 10mb}]"))
        .hasMessage("parsing YAML file prometheus.yml: units: unknown unit mb in 10mb");
    assertThat(render("scrape_configs: [{job_name: a, body_size_limit: 10MB}]"))
        .contains("  scheme: http\n  body_size_limit: 10MiB\n");
  }
}
