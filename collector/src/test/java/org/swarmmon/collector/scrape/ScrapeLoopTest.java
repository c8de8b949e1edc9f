package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.config.HttpClientConfig;
import org.swarmmon.collector.config.HttpClients;
import org.swarmmon.collector.relabel.Action;
import org.swarmmon.collector.relabel.RelabelConfig;
import org.swarmmon.labels.Labels;

/** One scrape loop against a real local HTTP server, driven at chosen times. */
class ScrapeLoopTest {

  record Reply(int status, String contentType, String body, boolean gzip) {}

  private HttpServer server;
  private final AtomicReference<Reply> reply = new AtomicReference<>();
  private final AtomicReference<String> acceptSeen = new AtomicReference<>();
  private final AtomicReference<String> timeoutHeaderSeen = new AtomicReference<>();
  private volatile CountDownLatch hold;
  private final MemoryStorage storage = new MemoryStorage();
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", exchange -> {
      acceptSeen.set(exchange.getRequestHeaders().getFirst("Accept"));
      timeoutHeaderSeen.set(exchange.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds"));
      CountDownLatch h = hold;
      if (h != null) {
        try {
          h.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Reply r = reply.get();
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      if (r.gzip()) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
          gz.write(body);
        }
        body = bos.toByteArray();
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      exchange.getResponseHeaders().set("Content-Type", r.contentType());
      exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    if (hold != null) {
      hold.countDown();
    }
    server.stop(0);
  }

  private String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private ScrapeLoop loop(ScrapeLoop.Options options, String timeout) {
    Labels labels = Labels.of("__address__", address(), "__scheme__", "http",
        "__metrics_path__", "/metrics", "__scrape_interval__", "1s", "__scrape_timeout__", timeout,
        "job", "test", "instance", address());
    Target target = new Target("test", labels, labels, java.util.Map.of());
    Scraper scraper = new Scraper(
        HttpClients.build(HttpClientConfig.DEFAULT, java.time.Duration.ofSeconds(1)),
        HttpClientConfig.DEFAULT);
    return new ScrapeLoop(target, scraper, storage, clock, options);
  }

  private static ScrapeLoop.Options options() {
    return new ScrapeLoop.Options(0, 0, false, true, List.of());
  }

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private void scrapeSucceeded(ScrapeLoop loop, long t) {
    loop.scrapeAndReport(Instant.ofEpochMilli(t));
    assertThat(loop.target().lastError()).as("scrape at %d", t).isEmpty();
    assertThat(value("up", t)).isEqualTo(1);
  }

  private double value(String name, long t) {
    return storage.samples(name).stream().filter(s -> s.t() == t).findFirst()
        .orElseThrow(() -> new AssertionError(name + " at " + t + " missing: " + storage.samples()))
        .v();
  }

  @Test
  void scrapesReportsAndMarksVanishedSeriesStale() {
    ScrapeLoop loop = loop(options(), "1s");
    reply.set(new Reply(200, TEXT, "# HELP a The a.\n# TYPE a gauge\na 1\nb{x=\"y\"} 2\n", true));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(acceptSeen.get()).isEqualTo(Scraper.ACCEPT_HEADER);
    assertThat(timeoutHeaderSeen.get()).isEqualTo("1");
    assertThat(value("a", 1000)).isEqualTo(1);
    assertThat((Object) storage.samples("b").get(0).labels()).isEqualTo(
        Labels.of("__name__", "b", "x", "y", "job", "test", "instance", address()));
    assertThat(value("up", 1000)).isEqualTo(1);
    assertThat(value("scrape_samples_scraped", 1000)).isEqualTo(2);
    assertThat(value("scrape_samples_post_metric_relabeling", 1000)).isEqualTo(2);
    assertThat(value("scrape_series_added", 1000)).isEqualTo(2);
    assertThat(storage.samples("scrape_duration_seconds")).hasSize(1);
    assertThat(loop.target().health()).isEqualTo(Target.Health.UP);
    assertThat(loop.target().metadata().get("a"))
        .isEqualTo(new MetricMetadata(MetricType.GAUGE, "The a.", ""));

    reply.set(new Reply(200, TEXT, "a 3\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(2000));
    assertThat(value("a", 2000)).isEqualTo(3);
    assertThat(storage.samples("b").get(1).stale()).isTrue();
    assertThat(storage.samples("b").get(1).t()).isEqualTo(2000);
    assertThat(value("scrape_series_added", 2000)).isEqualTo(0);

    reply.set(new Reply(500, TEXT, "oops", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(3000));
    assertThat(value("up", 3000)).isEqualTo(0);
    assertThat(storage.samples("a").get(2).stale()).isTrue();
    assertThat(storage.samples("b")).hasSize(2);
    assertThat(loop.target().health()).isEqualTo(Target.Health.DOWN);
    assertThat(loop.target().lastError()).isEqualTo("server returned HTTP status 500 Internal Server Error");
    assertThat(loop.target().lastScrape()).isEqualTo(Instant.ofEpochMilli(3000));
  }

  @Test
  void newSeriesOfATargetShareTheirLabelStrings() {
    ScrapeLoop loop = loop(options(), "1s");
    reply.set(new Reply(200, TEXT, "b{x=\"1\",y=\"v\"} 1\nb{x=\"2\",y=\"v\"} 2\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    List<Labels> b = storage.samples("b").stream().map(MemoryStorage.Sample::labels).toList();
    assertThat(b).hasSize(2);
    assertThat(b.get(0).metricName()).isSameAs(b.get(1).metricName());
    assertThat(b.get(0).get("y")).isSameAs(b.get(1).get("y"));
    int x = 0;
    while (!b.get(0).name(x).equals("x")) {
      x++;
    }
    assertThat(b.get(0).name(x)).isSameAs(b.get(1).name(x));
  }

  @Test
  void reorderedAndRepeatedLinesKeepTheirSeries() {
    // what is checked is the scrape cache across bodies, not the fetch: a timeout no loaded
    // machine reaches, and each scrape must have succeeded before its series are looked at
    ScrapeLoop loop = loop(options(), "30s");
    reply.set(new Reply(200, TEXT, "a 1\nb{x=\"1\"} 2\nb{x=\"2\"} 3\n", true));
    scrapeSucceeded(loop, 1000);
    reply.set(new Reply(200, TEXT, "b{x=\"2\"} 13\nc 5\na 11\nb{x=\"1\"} 12\n", true));
    scrapeSucceeded(loop, 2000);
    assertThat(value("a", 2000)).isEqualTo(11);
    assertThat(storage.samples("b").stream().filter(s -> s.t() == 2000)
        .map(s -> s.labels().get("x") + "=" + s.v()).toList())
        .containsExactlyInAnyOrder("1=12.0", "2=13.0");
    assertThat(value("scrape_series_added", 2000)).isEqualTo(1);
    assertThat(storage.samples().stream().filter(MemoryStorage.Sample::stale)).isEmpty();

    // b{x="1"} spelled differently is the same series: no stale marker for it
    reply.set(new Reply(200, TEXT, "a 21\nb{x=\"1\",} 22\nc 25\n", false));
    scrapeSucceeded(loop, 3000);
    assertThat(storage.samples("b").stream()
        .filter(s -> s.t() == 3000 && s.labels().get("x").equals("1")).map(s -> s.v()).toList())
        .containsExactly(22.0);
    assertThat(storage.samples().stream().filter(MemoryStorage.Sample::stale)
        .map(s -> s.labels().get("x")).toList()).containsExactly("2");
  }

  @Test
  void malformedBodyIsRolledBackAndTheTargetIsDown() {
    ScrapeLoop loop = loop(options(), "1s");
    reply.set(new Reply(200, TEXT, "a 1\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    reply.set(new Reply(200, TEXT, "a 2\nc 5\nb{x=\"y\" 2\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(2000));
    assertThat(storage.samples("c")).isEmpty();
    assertThat(storage.samples("a").get(1).stale()).isTrue();
    assertThat(value("up", 2000)).isEqualTo(0);
    assertThat(value("scrape_samples_scraped", 2000)).isEqualTo(2);
    assertThat(loop.target().lastError()).contains("line 3");
    assertThat(storage.rollbacks()).isEqualTo(1);
  }

  @Test
  void sampleLimitBreachFailsTheWholeScrape() {
    ScrapeLoop loop = loop(new ScrapeLoop.Options(2, 0, false, true, List.of()), "1s");
    reply.set(new Reply(200, TEXT, "a 1\nb 2\nc 3\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(storage.samples("a")).isEmpty();
    assertThat(value("up", 1000)).isEqualTo(0);
    assertThat(value("scrape_samples_scraped", 1000)).isEqualTo(3);
    assertThat(loop.target().lastError()).isEqualTo("sample limit exceeded");
  }

  @Test
  void timeoutIsReportedAsPrometheusDoes() {
    ScrapeLoop loop = loop(options(), "200ms");
    hold = new CountDownLatch(1);
    reply.set(new Reply(200, TEXT, "a 1\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    hold.countDown();
    assertThat(loop.target().lastError())
        .isEqualTo("Get \"http://" + address() + "/metrics\": context deadline exceeded");
    assertThat(value("up", 1000)).isEqualTo(0);
  }

  @Test
  void aBodyThatStallsIsCutOffAtTheScrapeTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.createContext("/stalls", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", TEXT);
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("a 1\nb ".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.close();
    });
    Scraper scraper = new Scraper(
        HttpClients.build(HttpClientConfig.DEFAULT, java.time.Duration.ofSeconds(1)),
        HttpClientConfig.DEFAULT);
    java.net.URI url = java.net.URI.create("http://" + address() + "/stalls");
    try {
      assertThatThrownBy(() -> scraper.scrape(url, java.time.Duration.ofMillis(300)))
          .isInstanceOf(Scraper.ScrapeException.class)
          .hasMessage("Get \"" + url + "\": context deadline exceeded");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aBodyOfBodySizeLimitBytesOrMoreFailsTheScrapeAsInPrometheus() throws Exception {
    java.net.URI url = java.net.URI.create("http://" + address() + "/metrics");
    for (boolean gzip : new boolean[] {false, true}) {
      reply.set(new Reply(200, TEXT, "a 1\nb 2\n", gzip)); // 8 bytes, before gzip
      assertThatThrownBy(() -> limited(8).scrape(url, java.time.Duration.ofSeconds(5)))
          .as("gzip %s", gzip).hasMessage("body size limit exceeded");
      assertThat(limited(9).scrape(url, java.time.Duration.ofSeconds(5)).length()).isEqualTo(8);
      assertThat(limited(0).scrape(url, java.time.Duration.ofSeconds(5)).length()).isEqualTo(8);
    }
  }

  private static Scraper limited(long bodySizeLimit) {
    return new Scraper(HttpClients.build(HttpClientConfig.DEFAULT, java.time.Duration.ofSeconds(5)),
        HttpClientConfig.DEFAULT, bodySizeLimit);
  }

  @Test
  void metricRelabelingAndLabelConflicts() {
    RelabelConfig dropGo = RelabelConfig.builder().sourceLabels("__name__").regex("go_.*")
        .action(Action.DROP).build();
    ScrapeLoop loop = loop(new ScrapeLoop.Options(0, 0, false, true, List.of(dropGo)), "1s");
    reply.set(new Reply(200, TEXT, "go_x 1\nm{job=\"other\"} 2\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(storage.samples("go_x")).isEmpty();
    assertThat(storage.samples("m").get(0).labels().get("exported_job")).isEqualTo("other");
    assertThat(storage.samples("m").get(0).labels().get("job")).isEqualTo("test");
    assertThat(value("scrape_samples_scraped", 1000)).isEqualTo(2);
    assertThat(value("scrape_samples_post_metric_relabeling", 1000)).isEqualTo(1);

    ScrapeLoop honoring = loop(new ScrapeLoop.Options(0, 0, true, true, List.of()), "1s");
    honoring.scrapeAndReport(Instant.ofEpochMilli(5000));
    assertThat(storage.samples("m").get(1).labels().get("job")).isEqualTo("other");
  }

  @Test
  void explicitTimestampsAreHonouredAndNotMarkedStale() {
    ScrapeLoop loop = loop(options(), "1s");
    reply.set(new Reply(200, TEXT, "a 1 500\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(storage.samples("a").get(0).t()).isEqualTo(500);
    reply.set(new Reply(200, TEXT, "", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(2000));
    assertThat(storage.samples("a")).hasSize(1);
  }

  @Test
  void endOfRunStalenessMarksSeriesAndReportSeries() {
    ScrapeLoop loop = loop(options(), "1s");
    reply.set(new Reply(200, "application/openmetrics-text; version=1.0.0", "a 1\n# EOF\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(value("a", 1000)).isEqualTo(1);
    loop.writeEndOfRunStaleness(Instant.ofEpochMilli(2000));
    List<MemoryStorage.Sample> at2000 = storage.at(2000);
    assertThat(at2000).hasSize(6).allMatch(MemoryStorage.Sample::stale);
  }

  @Test
  void labelLimitsFailTheScrapeWithPrometheusErrors() {
    ScrapeLoop loop = loop(new ScrapeLoop.Options(0, 0, false, true, List.of(), 0, 20), "1s");
    reply.set(new Reply(200, TEXT, "a{v=\"toolong-toolong-toolong\"} 1\n", false));
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(loop.target().lastError()).isEqualTo(
        "label_value_length_limit exceeded (metric: a, label name: v, value: \"toolong-toolong-toolong\", length: 23, limit: 20)");
    assertThat(storage.samples("a")).isEmpty();
    ScrapeLoop few = loop(new ScrapeLoop.Options(0, 3, false, true, List.of()), "1s");
    few.scrapeAndReport(Instant.ofEpochMilli(2000));
    assertThat(few.target().lastError()).isEqualTo("label_limit exceeded (metric: a, number of labels: 4, limit: 3)");
  }

  @Test
  void forcedErrorMarksTheTargetDown() {
    ScrapeLoop loop = loop(options(), "1s");
    reply.set(new Reply(200, TEXT, "a 1\n", false));
    loop.setForcedError("target_limit exceeded (number of targets: 2, limit: 1)");
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(loop.target().health()).isEqualTo(Target.Health.DOWN);
    assertThat(loop.target().lastError()).startsWith("target_limit exceeded");
    assertThat(storage.samples("a")).isEmpty();
  }
}
