package org.swarmmon.exportertoolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
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

/** The JDK-server side: paths, content negotiation, gzip, HEAD, other routes and errors. */
class MetricsServerTest {

  static MetricSnapshots gauge(String name) {
    return MetricSnapshots.of(GaugeSnapshot.builder().name(name).help("A gauge.")
        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("id", "/")).value(42).build())
        .build());
  }

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  MetricsServer server;

  @BeforeEach
  void start() {
    server = MetricsServer.builder(new InetSocketAddress("127.0.0.1", 0)).threads(2)
        .metrics("/metrics", () -> gauge("node_test"))
        .metrics("/actuator/prometheus", () -> gauge("jvm_test"))
        .fixed("/actuator/health", MetricsServer.UP)
        .fixed("/healthz", Reply.text(200, "ok"))
        .route("/page", request -> Reply.text(200, "page " + request.parameter("limit").orElse("none")
            + " " + request.header("X-Self")).withHeader("X-Self", "1"))
        .routeUnder("/api/v1/crashes/", request -> {
          String id = request.path().substring("/api/v1/crashes/".length());
          return id.equals("1") ? Reply.json(200, "{\"id\":\"1\"}") : Reply.json(404, "{\"error\":\"no " + id + "\"}");
        })
        .route("/bad", request -> {
          throw new IllegalArgumentException("limit: not a number");
        })
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = request(path);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30));
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void textFormatByDefaultAndOpenMetricsWhenAsked() throws Exception {
    HttpResponse<byte[]> plain = get("/metrics", "Accept", "*/*");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text(plain))
        .isEqualTo("# HELP node_test A gauge.\n# TYPE node_test gauge\nnode_test{id=\"/\"} 42.0\n");

    HttpResponse<byte[]> om = get("/metrics", "Accept", "application/openmetrics-text;version=1.0.0");
    assertThat(om.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(text(om)).endsWith("# EOF\n");
  }

  @Test
  void gzipWhenAccepted() throws Exception {
    for (String path : new String[] {"/metrics", "/page"}) {
      HttpResponse<byte[]> response = get(path, "Accept-Encoding", "gzip");
      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
      byte[] body = new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
      assertThat(new String(body, StandardCharsets.UTF_8)).containsAnyOf("node_test{id=\"/\"} 42.0", "page none");
    }
    assertThat(get("/metrics", "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding"))
        .isEmpty();
  }

  @Test
  void acceptEncodingParsing() {
    assertThat(MetricsServer.acceptsGzip("gzip, deflate")).isTrue();
    assertThat(MetricsServer.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
    assertThat(MetricsServer.acceptsGzip("*")).isTrue();
    assertThat(MetricsServer.acceptsGzip("gzip;q=0, identity")).isFalse();
    assertThat(MetricsServer.acceptsGzip("gzip; q=0.000")).isFalse();
    assertThat(MetricsServer.acceptsGzip("identity")).isFalse();
    assertThat(MetricsServer.acceptsGzip(null)).isFalse();
  }

  @Test
  void eachPathItsOwnSourceHealthAndNothingElse() throws Exception {
    assertThat(text(get("/actuator/prometheus"))).contains("jvm_test{id=\"/\"} 42.0").doesNotContain("node_test");
    assertThat(text(get("/metrics"))).doesNotContain("jvm_test");
    HttpResponse<byte[]> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(text(health)).isEqualTo("{\"status\":\"UP\"}");
    assertThat(text(get("/healthz"))).isEqualTo("ok");
    assertThat(get("/metrics/more").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(text(get("/nothing"))).isEqualTo("404 page not found\n");
  }

  @Test
  void onlyGetAndHead() throws Exception {
    HttpResponse<byte[]> post = send(request("/metrics").POST(HttpRequest.BodyPublishers.ofString("x")));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    for (String path : new String[] {"/metrics", "/actuator/health", "/page"}) {
      HttpResponse<byte[]> head = send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }

  @Test
  void routesSeeParametersHeadersAndPathsUnderAPrefix() throws Exception {
    HttpResponse<byte[]> page = get("/page?limit=5&x=%20", "X-Self", "yes");
    assertThat(text(page)).isEqualTo("page 5 yes");
    assertThat(page.headers().firstValue("X-Self")).hasValue("1");
    assertThat(text(get("/api/v1/crashes/1"))).isEqualTo("{\"id\":\"1\"}");
    HttpResponse<byte[]> missing = get("/api/v1/crashes/7");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(text(missing)).contains("no 7");
    assertThat(get("/api/v1/crashes").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> bad = get("/bad");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(text(bad)).isEqualTo("limit: not a number\n");
  }

  @Test
  void failedCollectionIsA500AndTheServerKeepsServing() throws Exception {
    server.close();
    server = MetricsServer.builder(new InetSocketAddress("127.0.0.1", 0)).threads(1)
        .metrics("/metrics", () -> {
          throw new IllegalStateException("cgroup root gone");
        })
        .fixed("/health", MetricsServer.UP)
        .start();
    HttpResponse<byte[]> failed = get("/metrics");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(text(failed)).contains("cgroup root gone");
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void refusesBadPathsAndPools() {
    MetricsServer.Builder builder = MetricsServer.builder(new InetSocketAddress("127.0.0.1", 0));
    assertThatThrownBy(() -> builder.threads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.metrics("metrics", () -> gauge("x")))
        .hasMessage("path must start with /, got metrics");
    builder.fixed("/health", MetricsServer.UP);
    assertThatThrownBy(() -> builder.fixed("/health", MetricsServer.UP))
        .hasMessage("path /health is served twice");
    assertThatThrownBy(() -> builder.routeUnder("/api", request -> MetricsServer.UP))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
