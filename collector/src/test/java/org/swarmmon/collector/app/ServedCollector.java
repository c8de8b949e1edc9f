package org.swarmmon.collector.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Waits;

/**
 * A collector on a random port scraping one local target every second, with the admin API on.
 * Subclasses share the one Spring context (same configuration, so Spring's test cache reuses it).
 */
@SpringBootTest(classes = CollectorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ServedCollector {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DIR;
  static final Path CONFIG;
  static final HttpServer TARGET;
  private static final AtomicLong REQUESTS = new AtomicLong();

  static {
    try {
      DIR = Files.createTempDirectory("collector-web-test");
      CONFIG = DIR.resolve("prometheus.yml");
      TARGET = MetricsTarget.start(() -> {
        long n = REQUESTS.incrementAndGet();
        return """
            # HELP web_test_requests_total Requests the test target served.
            # TYPE web_test_requests_total counter
            web_test_requests_total{path="/a"} %d
            web_test_requests_total{path="/b"} %d
            # HELP web_test_temperature_celsius A gauge.
            # TYPE web_test_temperature_celsius gauge
            web_test_temperature_celsius{room="x"} 21.5
            # HELP web_test_latency_seconds A histogram.
            # TYPE web_test_latency_seconds histogram
            web_test_latency_seconds_bucket{le="0.1"} %d
            web_test_latency_seconds_bucket{le="1"} %d
            web_test_latency_seconds_bucket{le="+Inf"} %d
            web_test_latency_seconds_sum %d
            web_test_latency_seconds_count %d
            """.formatted(n, 2 * n, n, 2 * n, 3 * n, n, 3 * n);
      });
      Files.writeString(CONFIG, scrapeConfig());
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The configuration both the collector and the reference Prometheus run. */
  static String scrapeConfig() {
    return """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: web-test
            static_configs:
              - targets: ['127.0.0.1:%d']
                labels:
                  team: blue
          - job_name: down
            static_configs:
              - targets: ['127.0.0.1:1']
        """.formatted(TARGET.getAddress().getPort());
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("collector.config-file", CONFIG::toString);
    registry.add("collector.storage.path", () -> DIR.resolve("data").toString());
    registry.add("collector.web.enable-admin-api", () -> "true");
    registry.add("collector.config-check-interval", () -> "0s");
    // Spring's tests turn metrics export off by default; the collector serves /metrics from it
    registry.add("management.prometheus.metrics.export.enabled", () -> "true");
  }

  @LocalServerPort
  int port;

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  JsonNode get(String path) {
    try {
      return JSON.readTree(Http.get(url(path)).body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the target has been scraped a few times. */
  void awaitScrapes() throws InterruptedException {
    Waits.until("scraped samples", Duration.ofSeconds(20), () -> get("/api/v1/query?query="
        + "count_over_time(web_test_temperature_celsius%5B1m%5D)").path("data").path("result").path(0)
        .path("value").path(1).asDouble(0) >= 3);
  }
}
