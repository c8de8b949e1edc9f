package org.swarmmon.collector.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ConfigLoader;
import org.swarmmon.collector.scrape.MemoryStorage;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.labels.Labels;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;
import org.swarmmon.testbed.Waits;

/** Remote write both ways with Debian's Prometheus 2.42, plus retry behaviour. */
class RemoteWriteTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Config remoteWriteConfig(String url) throws Exception {
    return ConfigLoader.parse("""
        global:
          external_labels:
            cluster: swarm-a
        remote_write:
          - url: %s
            queue_config:
              batch_send_deadline: 100ms
              min_backoff: 10ms
              max_backoff: 50ms
        """.formatted(url), "prometheus.yml", Path.of("."));
  }

  @Test
  void codecRoundTrip() throws Exception {
    List<TimeSeries> in = List.of(
        new TimeSeries(Labels.of("__name__", "a", "x", "ü"), List.of(
            new TimeSeries.Sample(1, 1.5), new TimeSeries.Sample(2, Double.NaN))),
        new TimeSeries(Labels.of("__name__", "b"), List.of(new TimeSeries.Sample(-5, -0.0))));
    List<TimeSeries> out = WriteRequestCodec.decode(WriteRequestCodec.encode(in));
    assertThat(out).hasSize(2);
    assertThat((Object) out.get(0).labels()).isEqualTo(in.get(0).labels());
    assertThat(out.get(0).samples().get(0)).isEqualTo(new TimeSeries.Sample(1, 1.5));
    assertThat(out.get(0).samples().get(1).value()).isNaN();
    assertThat(out.get(1).samples().get(0).timestamp()).isEqualTo(-5);
  }

  @Test
  void sendsToPrometheus(@TempDir Path dir) throws Exception {
    Path promConfig = dir.resolve("prometheus.yml");
    Files.writeString(promConfig, "global:\n  scrape_interval: 1m\n");
    try (References.Started prom = References.prometheus(promConfig, "--web.enable-remote-write-receiver")) {
      RemoteWriteManager manager = new RemoteWriteManager();
      manager.applyConfig(remoteWriteConfig(prom.url() + "/api/v1/write"));
      try (manager) {
        MemoryStorage local = new MemoryStorage();
        FanoutAppendable fanout = new FanoutAppendable(local, manager);
        long now = System.currentTimeMillis();
        Appender app = fanout.appender();
        for (int i = 0; i < 10; i++) {
          app.append(0, Labels.of("__name__", "rw_test", "i", String.valueOf(i)), now - 1000, i);
          app.append(0, Labels.of("__name__", "rw_test", "i", String.valueOf(i)), now, i * 10);
        }
        app.commit();
        Appender rolledBack = fanout.appender();
        rolledBack.append(0, Labels.of("__name__", "rw_never"), now, 1);
        rolledBack.rollback();

        String query = prom.url() + "/api/v1/query?query="
            + URLEncoder.encode("rw_test", StandardCharsets.UTF_8) + "&time=" + (now / 1000.0);
        Waits.until("10 series in Prometheus", Duration.ofSeconds(20),
            () -> result(Http.get(query).body()).size() == 10);
        JsonNode series = result(Http.get(query).body()).get(3);
        assertThat(series.path("metric").path("cluster").asText()).isEqualTo("swarm-a");
        int i = series.path("metric").path("i").asInt();
        assertThat(series.path("value").get(1).asText()).isEqualTo(String.valueOf(i * 10));
        String never = prom.url() + "/api/v1/query?query=rw_never&time=" + (now / 1000.0);
        assertThat(result(Http.get(never).body())).isEmpty();
        assertThat(manager.queues().get(0).samplesSent()).isEqualTo(20);
      }
    }
  }

  private static JsonNode result(String body) {
    try {
      return JSON.readTree(body).path("data").path("result");
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }

  @Test
  void receivesFromPrometheus(@TempDir Path dir) throws Exception {
    MemoryStorage storage = new MemoryStorage();
    RemoteWriteReceiver receiver = new RemoteWriteReceiver(storage);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger requests = new AtomicInteger();
    server.createContext("/api/v1/write", exchange -> {
      requests.incrementAndGet();
      assertThat(exchange.getRequestHeaders().getFirst("Content-Encoding")).isEqualTo("snappy");
      RemoteWriteReceiver.Result r = receiver.write(exchange.getRequestBody().readAllBytes());
      byte[] body = r.error().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try (References.Started ne = References.nodeExporter()) {
      Path promConfig = dir.resolve("prometheus.yml");
      Files.writeString(promConfig, """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: node
              static_configs:
                - targets: ['%s']
          remote_write:
            - url: http://127.0.0.1:%d/api/v1/write
              queue_config:
                batch_send_deadline: 500ms
          """.formatted(ne.url().substring("http://".length()), server.getAddress().getPort()));
      try (References.Started prom = References.prometheus(promConfig)) {
        Waits.until("node_exporter samples written by Prometheus", Duration.ofSeconds(30),
            () -> storage.samples("up").stream().anyMatch(s -> s.labels().get("job").equals("node") && s.v() == 1)
                && !storage.samples("node_cpu_seconds_total").isEmpty());
        assertThat(storage.samples("node_cpu_seconds_total").get(0).labels().get("instance"))
            .isEqualTo(ne.url().substring("http://".length()));
        assertThat(requests.get()).isPositive();
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void retriesServerErrorsButNotClientErrors() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> statuses = new ArrayList<>(List.of(500, 503, 204, 400));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/write", exchange -> {
      exchange.getRequestBody().readAllBytes();
      calls.incrementAndGet();
      int status;
      synchronized (statuses) {
        status = statuses.isEmpty() ? 204 : statuses.remove(0);
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    try (RemoteWriteManager manager = new RemoteWriteManager()) {
      manager.applyConfig(remoteWriteConfig(
          "http://127.0.0.1:" + server.getAddress().getPort() + "/write"));
      QueueManager q = manager.queues().get(0);
      q.enqueue(Labels.of("__name__", "a"), 1, 1);
      Waits.until("sent after retries", Duration.ofSeconds(10), () -> q.samplesSent() == 1);
      assertThat(calls.get()).isEqualTo(3);
      assertThat(q.samplesRetried()).isEqualTo(2);
      q.enqueue(Labels.of("__name__", "a"), 2, 2);
      Waits.until("dropped on 400", Duration.ofSeconds(10), () -> q.samplesFailed() == 1);
      assertThat(calls.get()).isEqualTo(4);
    } finally {
      server.stop(0);
    }
  }
}
