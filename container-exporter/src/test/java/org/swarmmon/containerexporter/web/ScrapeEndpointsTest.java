package org.swarmmon.containerexporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScrapeEndpointsTest {

  private static final MetricSnapshots CONTAINERS = new MetricSnapshots(GaugeSnapshot.builder()
      .name("container_memory_usage_bytes").help("Current memory usage in bytes")
      .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("id", "/")).value(42).build())
      .build());
  private static final MetricSnapshots JVM = new MetricSnapshots(GaugeSnapshot.builder()
      .name("jvm_threads_current").help("Current thread count")
      .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(7).build())
      .build());

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ScrapeEndpoints endpoints;

  @BeforeEach
  void start() throws IOException {
    endpoints = ScrapeEndpoints.start(new InetSocketAddress("127.0.0.1", 0), 2, () -> CONTAINERS, () -> JVM);
  }

  @AfterEach
  void stop() {
    endpoints.close();
  }

  @Test
  void metricsInTheTextFormatOrOpenMetricsByAcceptHeader() throws Exception {
    HttpResponse<String> text = get("/metrics", "Accept", "*/*");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text.body()).contains("container_memory_usage_bytes{id=\"/\"} 42.0").doesNotContain("jvm_");

    HttpResponse<String> openMetrics = get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/openmetrics-text"));
    assertThat(openMetrics.body()).endsWith("# EOF\n");
  }

  @Test
  void gzipWhenTheScraperAcceptsIt() throws Exception {
    HttpResponse<byte[]> response = http.send(request("/metrics").header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("container_memory_usage_bytes");
    }
    assertThat(ScrapeEndpoints.gzipAccepted("deflate, gzip;q=0.5")).isTrue();
    assertThat(ScrapeEndpoints.gzipAccepted("*")).isTrue();
    assertThat(ScrapeEndpoints.gzipAccepted("gzip;q=0, identity")).isFalse();
    assertThat(ScrapeEndpoints.gzipAccepted("gzip; q=0.000")).isFalse();
    assertThat(ScrapeEndpoints.gzipAccepted("identity")).isFalse();
    assertThat(ScrapeEndpoints.gzipAccepted(null)).isFalse();
  }

  @Test
  void jvmMetricsHealthAndNothingElse() throws Exception {
    assertThat(get("/actuator/prometheus").body()).contains("jvm_threads_current 7").doesNotContain("container_");
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(get("/healthz").body()).isEqualTo("ok");
    assertThat(get("/metrics/other").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.send(request("/metrics").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    HttpResponse<String> head = http.send(request("/metrics").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void aFailingCollectionAnswers500AndTheServerGoesOn() throws Exception {
    try (ScrapeEndpoints failing = ScrapeEndpoints.start(new InetSocketAddress("127.0.0.1", 0), 1,
        () -> {
          throw new IllegalStateException("cgroup root gone");
        }, () -> JVM)) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + failing.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("cgroup root gone");
      assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + failing.port() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + path)).timeout(Duration.ofSeconds(10));
  }
}
