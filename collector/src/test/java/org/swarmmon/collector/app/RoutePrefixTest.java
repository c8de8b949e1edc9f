package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.collector.warmup.QueryWarmUp;
import org.swarmmon.testbed.Http;

/**
 * {@code --web.external-url} with a path: the collector serves under it, as Prometheus does behind
 * a reverse proxy, the start-up warm-up included.
 */
// inline, not dynamic: the context path is derived before dynamic property sources are added
@SpringBootTest(classes = CollectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "collector.web.external-url=https://proxy.example.org/monitoring/prometheus/")
class RoutePrefixTest {

  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("collector-route-prefix").toRealPath();
      Files.writeString(DIR.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("collector.config-file", () -> DIR.resolve("prometheus.yml").toString());
    registry.add("collector.storage.path", () -> DIR.resolve("data").toString());
    registry.add("collector.query.warm-up-rounds", () -> "1");
  }

  @LocalServerPort
  int port;

  @Autowired
  QueryWarmUpRunner warmUp;

  @Autowired
  Environment env;

  @Test
  void servesUnderThePathOfTheExternalUrl() throws Exception {
    String base = "http://127.0.0.1:" + port;
    String prefixed = base + "/monitoring/prometheus";
    assertThat(Http.get(prefixed + "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(Http.get(prefixed + "/api/v1/status/buildinfo").body()).contains("\"version\":\"2.42.0\"");
    assertThat(Http.get(prefixed + "/api/v1/query?query=1").body()).contains("\"resultType\":\"scalar\"");
    assertThat(Http.get(prefixed + "/").body()).contains("ui/app.js");
    assertThat(Http.get(base + "/api/v1/status/buildinfo").statusCode()).isEqualTo(404);
    assertThat(env.getProperty("spring.cloud.consul.discovery.health-check-path")).isEqualTo("/monitoring/prometheus/-/healthy");
    assertThat(env.getProperty("spring.cloud.consul.discovery.metadata.metrics_path")).isEqualTo("/monitoring/prometheus/metrics");
    QueryWarmUp.Report report = warmUp.result().get(2, TimeUnit.MINUTES);
    assertThat(report.queries()).isPositive();
    assertThat(report.emptyResults()).isZero();
  }

  @Test
  void thePrefixIsPrometheusOwn() {
    assertThat(RoutePrefix.of("", "")).isEmpty();
    assertThat(RoutePrefix.of("", "http://host:9090")).isEmpty();
    assertThat(RoutePrefix.of("", "http://host:9090/")).isEmpty();
    assertThat(RoutePrefix.of("", "http://host/prom")).isEqualTo("/prom");
    assertThat(RoutePrefix.of("", "http://host/a/b//")).isEqualTo("/a/b");
    assertThat(RoutePrefix.of("/", "http://host/prom")).as("an explicit / is the root").isEmpty();
    assertThat(RoutePrefix.of("custom/", "http://host/prom")).isEqualTo("/custom");
    assertThatThrownBy(() -> RoutePrefix.of("", "http://host/a b"))
        .hasMessageStartingWith("invalid --web.external-url http://host/a b");
  }
}
