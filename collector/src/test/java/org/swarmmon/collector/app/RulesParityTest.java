package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;

/**
 * Done-when 2: one scrape target whose value the test sets, scraped by Debian's Prometheus 2.42 and
 * by the collector with the same configuration and rule file; both show the alert going pending →
 * firing → resolved, with the same labels and rendered annotations, through /api/v1/alerts; and
 * both serve the same rule and process self-metrics (names, types, help, labels, quantiles).
 */
@SpringBootTest(classes = CollectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulesParityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicReference<String> VALUE = new AtomicReference<>("10");
  private static final Path DIR;
  private static final Path CONFIG;
  private static final HttpServer TARGET;

  static {
    try {
      DIR = Files.createTempDirectory("collector-rules-parity");
      CONFIG = DIR.resolve("prometheus.yml");
      TARGET = MetricsTarget.start(
          () -> "# TYPE parity_value gauge\nparity_value{room=\"x\"} " + VALUE.get() + "\n");
      Files.writeString(DIR.resolve("rules.yml"), """
          groups:
            - name: parity
              rules:
                - alert: ParityHigh
                  expr: parity_value > 50
                  for: 3s
                  labels:
                    severity: page
                    room_upper: '{{ $labels.room | toUpper }}'
                  annotations:
                    summary: 'value {{ $value }} in {{ $labels.room }} ({{ humanize $value }})'
                    instance: '{{ $labels.instance }}'
          """);
      Files.writeString(CONFIG, """
          global:
            scrape_interval: 1s
            scrape_timeout: 1s
            evaluation_interval: 1s
          rule_files: [rules.yml]
          scrape_configs:
            - job_name: parity
              static_configs:
                - targets: ['127.0.0.1:%d']
          """.formatted(TARGET.getAddress().getPort()));
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("collector.config-file", CONFIG::toString);
    registry.add("collector.storage.path", () -> DIR.resolve("data").toString());
    registry.add("collector.config-check-interval", () -> "0s");
    // Spring's tests turn metrics export off by default; the collector serves /metrics from it
    registry.add("management.prometheus.metrics.export.enabled", () -> "true");
  }

  @LocalServerPort
  int port;

  /** state per alert (by labels) or "none"; with the alert's labels and annotations. */
  private static String observe(String base) throws IOException {
    JsonNode alerts = JSON.readTree(Http.get(base + "/api/v1/alerts").body()).path("data").path("alerts");
    if (alerts.isEmpty()) {
      return "none";
    }
    JsonNode a = alerts.get(0);
    Map<String, String> labels = new TreeMap<>();
    a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, String> ann = new TreeMap<>();
    a.path("annotations").fields().forEachRemaining(e -> ann.put(e.getKey(), e.getValue().asText()));
    return a.path("state").asText() + " " + labels + " " + ann;
  }

  private static void record(List<String> seen, String s) {
    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(s)) {
      seen.add(s);
    }
  }

  @Test
  void sameAlertsMoveThroughTheSameStates() throws Exception {
    try (References.Started prometheus = References.prometheus(CONFIG)) {
      String ours = "http://127.0.0.1:" + port;
      List<String> ref = new ArrayList<>();
      List<String> got = new ArrayList<>();
      Thread.sleep(3000);
      record(ref, observe(prometheus.url()));
      record(got, observe(ours));
      VALUE.set("100");
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline
          && !(ref.toString().contains("firing") && got.toString().contains("firing"))) {
        record(ref, observe(prometheus.url()));
        record(got, observe(ours));
        Thread.sleep(100);
      }
      VALUE.set("10");
      deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline
          && !(ref.get(ref.size() - 1).equals("none") && got.get(got.size() - 1).equals("none"))) {
        record(ref, observe(prometheus.url()));
        record(got, observe(ours));
        Thread.sleep(100);
      }
      assertThat(ref.get(ref.size() - 1)).isEqualTo("none");
      assertThat(got).as("prometheus saw %s", ref).isEqualTo(ref);
      assertThat(got).hasSize(4);
      assertThat(got.get(1)).startsWith("pending {alertname=ParityHigh").contains("room_upper=X")
          .contains("summary=value 100 in x (100)");
      assertThat(got.get(2)).startsWith("firing ");

      List<String> theirs = selfMetrics(Http.get(prometheus.url() + "/metrics").body());
      List<String> mine = selfMetrics(Http.get(ours + "/metrics").body());
      assertThat(theirs).contains("prometheus_rule_evaluation_duration_seconds{quantile=\"0.99\"}",
          "prometheus_rule_group_duration_seconds_count", "process_resident_memory_bytes",
          "# TYPE process_cpu_seconds_total counter");
      assertThat(mine).isEqualTo(theirs);
    }
  }

  /** Self-metric families whose HELP, TYPE and series (names and labels, no values) must be Prometheus's. */
  private static final java.util.regex.Pattern COMPARED = java.util.regex.Pattern.compile(
      "(# (HELP|TYPE) )?(process_[a-z_]+|prometheus_rule_(evaluation_duration_seconds|group_duration_seconds"
          + "|evaluation_failures_total|evaluations_total)(_sum|_count)?)[ {].*");

  private static List<String> selfMetrics(String page) {
    return page.lines().filter(l -> COMPARED.matcher(l).matches())
        .map(l -> l.startsWith("#") ? l : l.substring(0, l.lastIndexOf(' ')))
        .sorted().toList();
  }
}
