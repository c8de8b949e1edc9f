package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Waits;
import org.swarmmon.testbed.References;

/**
 * {@code /api/v1/status/config} and {@code /api/v1/format_query} side by side with Debian's
 * Prometheus 2.42 loading the same file: the same YAML document (defaults filled in, secrets
 * hidden) and the same pretty-printed queries. Debian's build refuses {@code consul_sd_configs},
 * so that section is compared with Prometheus's documented defaults in {@code ConfigRendererTest}.
 */
@SpringBootTest(classes = CollectorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusApiParityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> SECRETS = List.of("am-s3cret-pass", "am-bearer-tok",
      "scrape-p4ssw0rd", "scrape-bearer-t0ken", "rw-s3cret", "rr-t0ken");
  private static final Path DIR;
  private static final Path CONFIG;

  static {
    try {
      DIR = Files.createTempDirectory("collector-status-parity").toRealPath();
      CONFIG = DIR.resolve("prometheus.yml");
      Files.createDirectories(DIR.resolve("rules"));
      Files.createDirectories(DIR.resolve("secrets"));
      Files.writeString(DIR.resolve("extra.rules.yml"), "groups: []\n");
      Files.writeString(DIR.resolve("secrets/pass.txt"), "file-password\n");
      Files.writeString(CONFIG, """
          global:
            scrape_interval: 20s
            evaluation_interval: 30s
            external_labels:
              cluster: swarm-a
              replica: "1"
          rule_files:
            - rules/*.yml
            - extra.rules.yml
          alerting:
            alert_relabel_configs:
              - action: labeldrop
                regex: replica
            alertmanagers:
              - static_configs:
                  - targets: ['127.0.0.1:1']
                path_prefix: /am
                timeout: 5s
                basic_auth:
                  username: am-user
                  password: am-s3cret-pass
              - scheme: https
                api_version: v2
                authorization:
                  credentials: am-bearer-tok
                tls_config:
                  insecure_skip_verify: true
                  min_version: TLS11
                relabel_configs:
                  - source_labels: [__meta_dns_name]
                    target_label: am
                dns_sd_configs:
                  - names: [alertmanager.example.invalid]
                    type: A
                    port: 1
          scrape_configs:
            - job_name: prometheus
              static_configs:
                - targets: ['127.0.0.1:1', '127.0.0.1:2']
                  labels:
                    team: infra
                    tier: "2"
            - job_name: nodes
              scrape_interval: 5s
              scrape_timeout: 3s
              metrics_path: /custom/metrics
              scheme: https
              honor_labels: true
              honor_timestamps: false
              params:
                module: [http_2xx]
                target: ['a:1', 'b #2']
              body_size_limit: 1.5KB
              sample_limit: 1000
              target_limit: 20
              label_limit: 30
              label_name_length_limit: 40
              label_value_length_limit: 50
              basic_auth:
                username: scraper
                password: scrape-p4ssw0rd
              tls_config:
                server_name: nodes.internal
                insecure_skip_verify: true
                min_version: TLS12
                max_version: TLS13
              file_sd_configs:
                - files: ['targets/*.json']
                  refresh_interval: 1m
              static_configs:
                - targets: ['127.0.0.1:3']
              relabel_configs:
                - source_labels: [__address__, __meta_x]
                  separator: ':'
                  regex: '(.*):(\\d+)'
                  target_label: host
                  replacement: '${1}'
                - action: hashmod
                  source_labels: [__address__]
                  modulus: 8
                  target_label: __tmp_hash
                - action: keep
                  source_labels: [__tmp_hash]
                  regex: '0'
                - action: labelmap
                  regex: '__meta_(.+)'
                - action: lowercase
                  source_labels: [job]
                  target_label: job_lower
              metric_relabel_configs:
                - action: drop
                  source_labels: [__name__]
                  regex: 'go_.*'
            - job_name: dns
              bearer_token: scrape-bearer-t0ken
              dns_sd_configs:
                - names: [_node._tcp.example.invalid]
                - names: [db.example.invalid]
                  type: A
                  port: 1
                  refresh_interval: 10s
            - job_name: filepass
              basic_auth:
                username: u2
                password_file: secrets/pass.txt
              follow_redirects: false
              enable_http2: false
              proxy_url: http://127.0.0.1:1
              static_configs:
                - targets: ['127.0.0.1:4']
          remote_write:
            - url: http://127.0.0.1:1/write
              name: central
              remote_timeout: 10s
              headers:
                X-Scope-OrgID: tenant-1
              basic_auth:
                username: rw
                password: rw-s3cret
              write_relabel_configs:
                - source_labels: [__name__]
                  regex: 'expensive_.*'
                  action: drop
              queue_config:
                capacity: 5000
                max_shards: 10
            - url: http://127.0.0.1:1/write2
              send_exemplars: true
              send_native_histograms: true
              queue_config:
                retry_on_http_429: true
                batch_send_deadline: 1m30s
              metadata_config:
                send: false
                send_interval: 30s
                max_samples_per_send: 100
          remote_read:
            - url: http://127.0.0.1:1/read
              read_recent: true
              required_matchers:
                env: prod
              authorization:
                type: Token
                credentials: rr-t0ken
            - url: http://127.0.0.1:1/read2
              name: second
              filter_external_labels: false
              headers:
                X-B: b
                X-A: a
          """);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Expressions short and long; Prometheus splits those over 100 bytes. */
  private static final String[] QUERIES = {
    "up",
    "sum(rate(http_requests_total[5m]))",
    "sum by(job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by(job) (rate(http_requests_total[5m]))",
    "sum by (job, instance, code) (rate(http_requests_total{job=\"api-server\", handler=~\"/api/v1/.*\"}[5m]))",
    "histogram_quantile(0.99, sum by (le, job) (rate(request_duration_seconds_bucket{job=\"api\", route!~\"/health|/ready\"}[10m])))",
    "topk(10, sum without (instance) (rate(container_cpu_usage_seconds_total{container_label_com_docker_swarm_service_name!=\"\"}[1m])))",
    "quantile by (job) (0.9, avg_over_time(node_load1{job=\"node\", instance=~\"worker-.*\"}[15m]) / count by (job, instance) (node_cpu_seconds_total{mode=\"idle\"}))",
    "count_values without (instance) (\"version\", build_info{job=\"collector\", branch=\"main\", revision=~\"[0-9a-f]+\"})",
    "rate(http_requests_total[5m]) / ignoring (code) group_left sum without (code) (rate(http_requests_total{environment=\"production\"}[5m]))",
    "sum by (instance) (node_memory_MemTotal_bytes) * on (instance) group_right (job, team) sum by (instance, job, team) (up{team=~\"infra|platform\"})",
    "node_filesystem_avail_bytes{fstype!=\"\", job=\"node\"} / node_filesystem_size_bytes{fstype!=\"\", job=\"node\"} * 100 < 10 and node_filesystem_readonly{job=\"node\"} == 0",
    "(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)",
    "max_over_time(rate(demo_api_request_duration_seconds_count{method=\"GET\", status=\"200\"}[1m])[30m:1m] @ start() offset 5m)",
    "avg_over_time(sum by (job) (rate(process_cpu_seconds_total{job=~\"collector|node-exporter|container-exporter\"}[2m]))[1h:])",
    "rate(http_requests_total{job=\"api-server-with-a-rather-long-name\", handler=\"/api/v1/query_range\"}[5m] offset 1w)",
    "http_requests_total{job=\"api-server-with-a-rather-long-name\", handler=\"/api/v1/query_range\", method=\"POST\"} @ 1700000000",
    "label_replace(label_replace(up{job=\"api-server\", service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"bar\", \"$1\", \"job\", \"(.*)\")",
    "label_join(node_uname_info{nodename=~\"swarm-worker-.*\", machine=\"x86_64\"}, \"id\", \"/\", \"nodename\", \"machine\", \"release\")",
    "clamp(predict_linear(node_filesystem_free_bytes{mountpoint=\"/\", fstype=~\"ext4|xfs\"}[6h], 4 * 3600), 0, 1e12)",
    "holt_winters(sum by (service) (rate(container_network_receive_bytes_total{interface=\"eth0\"}[5m]))[1h:1m], 0.3, 0.7)",
    "\"a string literal that is long enough to be over the column limit of one hundred characters, certainly\"",
    "-sum by (job) (rate(http_requests_total{code=\"500\", job=\"a-very-long-job-name-for-testing\"}[5m])) * -1",
    "1 + 2 * 3 - 4 / 5 % 6 ^ 7 + 8 * 9 - 10 / 11 + 12 * 13 - 14 / 15 + 16 * 17 - 18 / 19 + 20 * 21 - 22 / 23",
    "up == bool on (instance, job) group_left (version) build_info{job=\"collector-with-a-long-job-name\", env=\"prod\"}",
    "absent_over_time(up{job=\"collector\", instance=\"collector-1.swarm.internal:9090\", team=\"monitoring\"}[10m])",
    "sort_desc(sum by (service) (increase(container_restarts_total{container_label_com_docker_swarm_service_name=~\".+\"}[1h])))",
    "scalar(sum(up{job=\"node\"})) / scalar(count(node_uname_info{job=\"node\", nodename=~\"swarm-.*\", sysname=\"Linux\"}))",
    "vector(1) unless on () (count(up{job=\"collector\"} == 1) > 0 and count(up{job=\"alert-manager\"} == 1) > 0)",
    "sum without (le) (rate(request_duration_seconds_bucket{le=\"0.5\"}[5m])) / ignoring (le) sum without (le) (rate(request_duration_seconds_count[5m]))",
    "bottomk(3, avg by (node) (1 - rate(node_cpu_seconds_total{mode=\"idle\"}[5m] @ end())))",
    "count by (job) (changes(process_start_time_seconds{job=\"alertmanager\"}[10m]) > 4) / count by (job) (up{job=\"alertmanager\"}) >= 0.5",
    "sum(rate(x[5m])) by (job)",
    "-(-(-(node_memory_MemAvailable_bytes{job=\"node\", instance=\"swarm-manager-1:9100\"} / node_memory_MemTotal_bytes)))",
    "{__name__=~\"http_.*_total\", job=\"api-server-with-a-rather-long-name\", handler=\"/api/v1/query_range\"}[5m:30s]",
    "time() - max by (job) (process_start_time_seconds{job=~\"collector|alert-manager|node-exporter|container-exporter\"})",
    // 100 characters in canonical form but 112 UTF-8 bytes: Prometheus splits it
    "sum_over_time(rate(events_total{place=\"cr\u00e8me br\u00fbl\u00e9e\", step=\"d\u00e9j\u00e0\", note=\"\u00fcn\u00efc\u00f6d\u00e9 v\u00e4l\u00fc\u00e9\"}[5m])[30m:1m])",
  };

  private References.Started prometheus;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("collector.config-file", CONFIG::toString);
    registry.add("collector.storage.path", () -> DIR.resolve("data").toString());
    registry.add("collector.config-check-interval", () -> "0s");
  }

  @LocalServerPort
  int port;

  @BeforeAll
  void startPrometheus() {
    prometheus = References.prometheus(CONFIG);
  }

  @AfterAll
  void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private String ours() {
    return "http://127.0.0.1:" + port;
  }

  private static JsonNode get(String url) throws IOException {
    return JSON.readTree(Http.get(url).body());
  }

  @Test
  void configIsTheSameDocumentAsPrometheus() throws Exception {
    JsonNode theirs = get(prometheus.url() + "/api/v1/status/config");
    String body = Http.get(ours() + "/api/v1/status/config").body();
    JsonNode mine = JSON.readTree(body);
    assertThat(mine.path("status").asText()).isEqualTo("success");
    String ourYaml = mine.path("data").path("yaml").asText();
    String theirYaml = theirs.path("data").path("yaml").asText();
    assertThat(YAML.readTree(ourYaml)).isEqualTo(YAML.readTree(theirYaml));
    // Beyond the parsed document: the text itself, field order and quoting included.
    assertThat(ourYaml).isEqualTo(theirYaml);
    for (String secret : SECRETS) {
      assertThat(body).doesNotContain(secret);
    }
    assertThat(ourYaml).contains("password: <secret>", "credentials: <secret>");
  }

  @Test
  void scrapePoolsAreTheSameAsPrometheus() throws Exception {
    // Prometheus makes its pools once discovery's first target sets arrive
    Waits.until("Prometheus's scrape pools", Duration.ofSeconds(30),
        () -> Http.get(prometheus.url() + "/api/v1/scrape_pools").body().contains("\"scrapePools\":[\""));
    JsonNode theirs = get(prometheus.url() + "/api/v1/scrape_pools");
    assertThat(get(ours() + "/api/v1/scrape_pools")).isEqualTo(theirs);
    assertThat(theirs.path("data").path("scrapePools").size()).isGreaterThan(1);
  }

  @Test
  void formatQueryIsTheSameAsPrometheus() throws Exception {
    assertThat(QUERIES.length).isGreaterThanOrEqualTo(30);
    List<String> differences = new ArrayList<>();
    int split = 0;
    for (String q : QUERIES) {
      String path = "/api/v1/format_query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
      JsonNode theirs = get(prometheus.url() + path);
      JsonNode mine = get(ours() + path);
      assertThat(theirs.path("status").asText()).as(q).isEqualTo("success");
      if (!theirs.equals(mine)) {
        differences.add(q + "\n--- Prometheus:\n" + theirs.path("data").asText()
            + "\n--- collector:\n" + mine.path("data").asText() + mine.path("error").asText());
      }
      if (theirs.path("data").asText().contains("\n")) {
        split++;
      }
    }
    assertThat(differences).isEmpty();
    // most cases must exercise the splitting, not only the one-line form
    assertThat(split).isGreaterThan(QUERIES.length / 2);
  }
}
