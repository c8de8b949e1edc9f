package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.collector.config.ConfigReloader;
import org.swarmmon.collector.remote.TimeSeries;
import org.swarmmon.collector.remote.WriteRequestCodec;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.warmup.QueryWarmUp;
import org.swarmmon.collector.warmup.WarmUpRoute;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Waits;

/** The wired collector: config file, real TSDB, a local target, the management and API endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CollectorApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DIR;
  private static final Path CONFIG;
  private static final HttpServer TARGET;

  static {
    try {
      DIR = Files.createTempDirectory("collector-app-test");
      CONFIG = DIR.resolve("prometheus.yml");
      TARGET = MetricsTarget.start(() -> "# TYPE app_test_metric gauge\napp_test_metric{x=\"1\"} 42\n");
      Files.writeString(CONFIG, config("local"));
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static String config(String job) {
    return """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: %s
            static_configs:
              - targets: ['127.0.0.1:%d']
            relabel_configs:
              - source_labels: [__address__]
                regex: 'nothing-matches'
                action: drop
          - job_name: dropper
            static_configs:
              - targets: ['dropped:1']
            relabel_configs:
              - action: drop
                source_labels: [__address__]
        """.formatted(job, TARGET.getAddress().getPort());
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("collector.config-file", CONFIG::toString);
    registry.add("collector.storage.path", () -> DIR.resolve("data").toString());
    registry.add("collector.web.enable-lifecycle", () -> "true");
    registry.add("collector.web.enable-remote-write-receiver", () -> "true");
    registry.add("collector.config-check-interval", () -> "0s");
    registry.add("collector.query.warm-up-rounds", () -> "2");
  }

  @AfterAll
  static void stopTarget() {
    TARGET.stop(0);
  }

  @LocalServerPort
  int port;

  @Autowired
  Storage storage;

  @Autowired
  ConfigReloader reloader;

  @Autowired
  QueryWarmUpRunner warmUp;

  @Autowired
  WarmUpRoute warmUpRoute;

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private List<Series> select(String name) {
    try (Querier q = storage.querier(0, Long.MAX_VALUE)) {
      return q.select(List.of(Matcher.equal("__name__", name)));
    }
  }

  @Test
  void endToEnd() throws Exception {
    assertThat(Http.get(url("/-/healthy")).body()).isEqualTo("Prometheus Server is Healthy.\n");
    assertThat(Http.get(url("/-/ready")).statusCode()).isEqualTo(200);

    Waits.until("a scrape stored in the TSDB", Duration.ofSeconds(15),
        () -> !select("app_test_metric").isEmpty() && !select("up").isEmpty());
    Labels stored = select("app_test_metric").get(0).labels();
    assertThat(stored.toMap()).containsEntry("job", "local").containsEntry("x", "1")
        .containsEntry("instance", "127.0.0.1:" + TARGET.getAddress().getPort());

    Waits.until("target scraped", Duration.ofSeconds(10), () -> {
      JsonNode t = targets().path("data").path("activeTargets");
      return t.size() == 1 && t.get(0).path("health").asText().equals("up");
    });
    JsonNode data = targets().path("data");
    JsonNode active = data.path("activeTargets").get(0);
    assertThat(active.path("scrapePool").asText()).isEqualTo("local");
    assertThat(active.path("scrapeUrl").asText())
        .isEqualTo("http://127.0.0.1:" + TARGET.getAddress().getPort() + "/metrics");
    assertThat(active.path("labels").path("job").asText()).isEqualTo("local");
    assertThat(active.path("discoveredLabels").path("__address__").asText()).startsWith("127.0.0.1:");
    assertThat(active.path("lastError").asText()).isEmpty();
    assertThat(active.path("scrapeInterval").asText()).isEqualTo("1s");
    assertThat(active.has("lastScrape") && active.has("lastScrapeDuration")).isTrue();
    assertThat(data.path("droppedTargets").get(0).path("discoveredLabels").path("__address__").asText())
        .isEqualTo("dropped:1");

    // a bad file is refused over /-/reload and the running config stays
    Files.writeString(CONFIG, config("local") + "    bogus: 1\n");
    HttpResponse<String> bad = Http.send(HttpRequest.newBuilder(URI.create(url("/-/reload")))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(bad.statusCode()).isEqualTo(500);
    assertThat(bad.body()).contains("field bogus not found in type config.ScrapeConfig");
    assertThat(reloader.current().scrapeConfig("local")).isNotNull();

    // a good one is applied
    Files.writeString(CONFIG, config("renamed"));
    HttpResponse<String> good = Http.send(HttpRequest.newBuilder(URI.create(url("/-/reload")))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(good.statusCode()).isEqualTo(200);
    Waits.until("renamed pool", Duration.ofSeconds(10), () -> targets().path("data").path("activeTargets")
        .findValuesAsText("scrapePool").contains("renamed"));

    // remote-write receiver
    long now = System.currentTimeMillis();
    byte[] body = WriteRequestCodec.encode(List.of(new TimeSeries(
        Labels.of("__name__", "pushed_metric", "src", "rw"), List.of(new TimeSeries.Sample(now, 7)))));
    HttpResponse<String> written = Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/write")))
        .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertThat(written.statusCode()).isEqualTo(204);
    assertThat(select("pushed_metric")).hasSize(1);
    HttpResponse<String> garbage = Http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/write")))
        .POST(HttpRequest.BodyPublishers.ofString("not snappy")).build());
    assertThat(garbage.statusCode()).isEqualTo(400);
  }

  private JsonNode targets() {
    try {
      return JSON.readTree(Http.get(url("/api/v1/targets")).body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theQueryWarmUpRunsThroughTheApiOnAScratchDatabaseAndLeavesNothingInTheRealOne() throws Exception {
    QueryWarmUp.Report report = warmUp.result().get(2, java.util.concurrent.TimeUnit.MINUTES);

    assertThat(report.queries()).isEqualTo(QueryWarmUp.queries(2));
    assertThat(report.emptyResults()).isZero();
    try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      assertThat(q.select(List.of(Matcher.regex("__name__", "warmup_.+")))).isEmpty();
    }
    // its requests went through the API to the scratch database, and are not counted as the users' are
    assertThat(warmUpRoute.routed()).isGreaterThanOrEqualTo(QueryWarmUp.queries(2));
    String metrics = Http.get(url("/metrics")).body();
    assertThat(metrics).doesNotContain("handler=\"/api/v1/query_range\"")
        .doesNotContain("handler=\"/api/v1/label/{name}/values\"")
        .doesNotContain("handler=\"/api/v1/status/buildinfo\"");
    // and outside the warm-up the header is an ordinary one: the real storage answers
    HttpResponse<String> values = Http.send(HttpRequest.newBuilder(
        URI.create(url("/api/v1/label/__name__/values"))).header(WarmUpRoute.HEADER, "0".repeat(32)).build());
    assertThat(values.body()).doesNotContain("warmup_");
  }
}
