package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import java.time.Clock;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ConfigLoader;
import org.swarmmon.collector.remote.RemoteReadManager;
import org.swarmmon.collector.remote.TimeSeries;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;
import org.swarmmon.testbed.FreePorts;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;

/**
 * Queries through the collector's API read Debian's Prometheus 2.42 over remote read: its samples
 * come back (external labels matched and stripped), {@code required_matchers} decides which
 * queries go remote, and a dead endpoint is a warning on a successful answer.
 */
@SpringBootTest(classes = CollectorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteReadTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR;
  private static final References.Started PROMETHEUS;
  private static final long NOW = System.currentTimeMillis() / 1000 * 1000;

  static {
    try {
      DIR = Files.createTempDirectory("collector-remote-read").toRealPath();
      Path promConfig = DIR.resolve("reference.yml");
      Files.writeString(promConfig, "global:\n  scrape_interval: 1m\n");
      PROMETHEUS = References.prometheus(promConfig, "--web.enable-remote-write-receiver");
      List<TimeSeries> series = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        List<TimeSeries.Sample> samples = new ArrayList<>();
        for (int k = 10; k >= 0; k--) {
          samples.add(new TimeSeries.Sample(NOW - k * 30_000L, i * 100 + k));
        }
        series.add(new TimeSeries(Labels.of("__name__", "rr_metric", "cluster", "c1", "team", "a",
            "i", String.valueOf(i)), samples));
      }
      series.add(new TimeSeries(Labels.of("__name__", "rr_metric", "cluster", "other", "team", "a",
          "i", "9"), List.of(new TimeSeries.Sample(NOW, 999))));
      RemoteWrites.send(PROMETHEUS.url(), series);
      Files.writeString(DIR.resolve("prometheus.yml"), """
          global:
            external_labels:
              cluster: c1
          remote_read:
            - url: %s/api/v1/read
              name: reference
              read_recent: true
              required_matchers:
                team: a
            - url: http://127.0.0.1:%d/api/v1/read
              name: dead
              read_recent: true
              remote_timeout: 5s
              required_matchers:
                dead: "yes"
          """.formatted(PROMETHEUS.url(), FreePorts.next()));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("collector.config-file", () -> DIR.resolve("prometheus.yml").toString());
    registry.add("collector.storage.path", () -> DIR.resolve("data").toString());
    registry.add("collector.config-check-interval", () -> "0s");
  }

  @LocalServerPort
  int port;

  @AfterAll
  void stopPrometheus() {
    PROMETHEUS.close();
  }

  private static JsonNode get(String url) throws Exception {
    return JSON.readTree(Http.get(url).body());
  }

  private String collector(String path, String query) {
    return "http://127.0.0.1:" + port + path + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  @Test
  void instantQueryReturnsPrometheusSamples() throws Exception {
    String at = "&time=" + (NOW / 1000);
    JsonNode ours = get(collector("/api/v1/query", "rr_metric{team=\"a\"}") + at);
    JsonNode theirs = get(PROMETHEUS.url() + "/api/v1/query?query="
        + URLEncoder.encode("rr_metric{team=\"a\",cluster=\"c1\"}", StandardCharsets.UTF_8) + at);
    assertThat(ours.path("status").asText()).isEqualTo("success");
    assertThat(ours.has("warnings")).isFalse();
    JsonNode result = ours.path("data").path("result");
    assertThat(result).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode ref = theirs.path("data").path("result").get(i);
      ((com.fasterxml.jackson.databind.node.ObjectNode) ref.path("metric")).remove("cluster");
      assertThat(result.get(i)).isEqualTo(ref);
      assertThat(result.get(i).path("value").get(1).asText()).isEqualTo(String.valueOf(i * 100));
    }
  }

  @Test
  void rangeQueryMatchesPrometheus() throws Exception {
    String range = "&start=" + (NOW / 1000 - 300) + "&end=" + (NOW / 1000) + "&step=30";
    String q = "sum by (team) (rr_metric{team=\"a\"})";
    JsonNode ours = get(collector("/api/v1/query_range", q) + range);
    JsonNode theirs = get(PROMETHEUS.url() + "/api/v1/query_range?query="
        + URLEncoder.encode("sum by (team) (rr_metric{team=\"a\",cluster=\"c1\"})", StandardCharsets.UTF_8)
        + range);
    assertThat(ours.path("data")).isEqualTo(theirs.path("data"));
    assertThat(ours.path("data").path("result").get(0).path("values")).hasSize(11);
  }

  @Test
  void seriesApiListsRemoteSeries() throws Exception {
    String url = "http://127.0.0.1:" + port + "/api/v1/series?match[]="
        + URLEncoder.encode("rr_metric{team=\"a\"}", StandardCharsets.UTF_8)
        + "&start=" + (NOW / 1000 - 600) + "&end=" + (NOW / 1000);
    JsonNode ours = get(url);
    assertThat(ours.path("data")).hasSize(3);
    assertThat(ours.path("data").get(0).toString())
        .isEqualTo("{\"__name__\":\"rr_metric\",\"i\":\"0\",\"team\":\"a\"}");
  }

  @Test
  void queriesWithoutTheRequiredMatchersStayLocal() throws Exception {
    JsonNode ours = get(collector("/api/v1/query", "rr_metric") + "&time=" + (NOW / 1000));
    assertThat(ours.path("status").asText()).isEqualTo("success");
    assertThat(ours.path("data").path("result")).isEmpty();
    assertThat(ours.has("warnings")).isFalse();
  }

  @Test
  void withoutReadRecentOnlyTimeBeforeLocalStorageIsRead() throws Exception {
    Config config = ConfigLoader.parse("""
        global:
          external_labels:
            cluster: c1
        remote_read:
          - url: %s/api/v1/read
            filter_external_labels: false
        """.formatted(PROMETHEUS.url()), "prometheus.yml", Path.of("."));
    long localStart = NOW - 150_000;
    RemoteReadManager manager = new RemoteReadManager(() -> localStart, Clock.systemUTC());
    manager.applyConfig(config);
    List<Matcher> team = List.of(Matcher.equal("__name__", "rr_metric"), Matcher.equal("team", "a"));
    try (Querier q = manager.querier(NOW - 300_000, NOW)) {
      List<Series> series = q.select(team).stream().filter(s -> !s.labels().get("i").equals("9")).toList();
      assertThat(series).extracting(s -> s.labels().get("cluster")).containsExactly("c1", "c1", "c1");
      SampleIterator it = series.get(0).iterator();
      long last = 0;
      int count = 0;
      while (it.next()) {
        last = it.timestamp();
        count++;
      }
      assertThat(last).isEqualTo(localStart);
      assertThat(count).isEqualTo(6);
      assertThat(q.warnings()).isEmpty();
    }
    try (Querier q = manager.querier(localStart + 1, NOW)) {
      assertThat(q.select(team)).isEmpty();
    }
  }

  @Test
  void withoutFilterExternalLabelsOtherClustersAreReadAndKeepTheirLabels() throws Exception {
    Config config = ConfigLoader.parse("""
        global:
          external_labels:
            cluster: c1
        remote_read:
          - url: %s/api/v1/read
            read_recent: true
            filter_external_labels: false
        """.formatted(PROMETHEUS.url()), "prometheus.yml", Path.of("."));
    RemoteReadManager manager = new RemoteReadManager(() -> NOW, Clock.systemUTC());
    manager.applyConfig(config);
    try (Querier q = manager.querier(NOW - 1000, NOW)) {
      List<Series> series = q.select(List.of(Matcher.equal("__name__", "rr_metric"), Matcher.equal("i", "9")));
      assertThat(series).hasSize(1);
      assertThat(series.get(0).labels().get("cluster")).isEqualTo("other");
    }
  }

  @Test
  void deadEndpointIsAWarningNotAnError() throws Exception {
    JsonNode ours = get(collector("/api/v1/query", "rr_metric{dead=\"yes\"}") + "&time=" + (NOW / 1000));
    assertThat(ours.path("status").asText()).isEqualTo("success");
    assertThat(ours.path("data").path("result")).isEmpty();
    assertThat(ours.path("warnings")).hasSize(1);
    assertThat(ours.path("warnings").get(0).asText()).startsWith("remote_read: error sending request");
  }
}
