package org.swarmmon.containerexporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * The exporter's HTTP endpoints on the JDK's own server (no servlet container): the container
 * metrics at {@code /metrics} (text 0.0.4, or OpenMetrics when the Accept header asks for it; gzip
 * when accepted), the exporter's own JVM metrics at {@code /actuator/prometheus}, and the health
 * check at {@code /actuator/health} and at cAdvisor's {@code /healthz}. A fixed pool of request
 * threads answers; once its queue is full the accepting thread answers itself, which slows
 * accepting rather than dropping scrapes.
 */
public final class ScrapeEndpoints implements AutoCloseable {

  public static final String METRICS = "/metrics";
  public static final String JVM_METRICS = "/actuator/prometheus";
  public static final String HEALTH = "/actuator/health";
  public static final String CADVISOR_HEALTH = "/healthz";

  private static final Logger LOG = Logger.getLogger(ScrapeEndpoints.class.getName());

  private final HttpServer server;
  private final ThreadPoolExecutor requests;
  private final ExpositionFormats formats = ExpositionFormats.init();

  private ScrapeEndpoints(HttpServer server, ThreadPoolExecutor requests) {
    this.server = server;
    this.requests = requests;
  }

  /** Binds {@code address} (a port in use fails here) and starts answering. */
  public static ScrapeEndpoints start(InetSocketAddress address, int threads,
      Supplier<MetricSnapshots> containers, Supplier<MetricSnapshots> jvm) throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("request threads must be at least 1, got " + threads);
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor requests = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(64), r -> {
          Thread t = new Thread(r, "scrape-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    HttpServer server = HttpServer.create(address, 64);
    ScrapeEndpoints endpoints = new ScrapeEndpoints(server, requests);
    server.createContext("/", endpoints.exactly("/", exchange ->
        reply(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n")));
    server.createContext(METRICS, endpoints.exactly(METRICS, exchange -> endpoints.metrics(exchange, containers)));
    server.createContext(JVM_METRICS, endpoints.exactly(JVM_METRICS, exchange -> endpoints.metrics(exchange, jvm)));
    server.createContext(HEALTH, endpoints.exactly(HEALTH, exchange ->
        reply(exchange, 200, "application/json", "{\"status\":\"UP\"}")));
    server.createContext(CADVISOR_HEALTH, endpoints.exactly(CADVISOR_HEALTH, exchange ->
        reply(exchange, 200, "text/plain; charset=utf-8", "ok")));
    server.setExecutor(requests);
    server.start();
    return endpoints;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    requests.shutdownNow();
  }

  /** The JDK server matches contexts by prefix; only the path itself is answered, by GET or HEAD. */
  private HttpHandler exactly(String path, HttpHandler handler) {
    return exchange -> {
      try (exchange) {
        String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals(path) && !path.equals("/")) {
          reply(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          reply(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        } else {
          handler.handle(exchange);
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "answering " + exchange.getRequestURI() + " failed", e);
        throw e;
      }
    };
  }

  private void metrics(HttpExchange exchange, Supplier<MetricSnapshots> source) throws IOException {
    MetricSnapshots snapshots;
    try {
      snapshots = source.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "collecting " + exchange.getRequestURI().getPath() + " failed", e);
      reply(exchange, 500, "text/plain; charset=utf-8", "error collecting metrics: " + e + "\n");
      return;
    }
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    ExpositionFormatWriter writer = accept == null ? null : formats.findWriter(accept);
    if (writer == null || !writer.isAvailable()) {
      writer = formats.getPrometheusTextFormatWriter();
    }
    exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    boolean gzip = gzipAccepted(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.sendResponseHeaders(200, 0); // length 0: chunked, written as it is produced
    OutputStream buffered = new BufferedOutputStream(exchange.getResponseBody(), 32 * 1024);
    try (OutputStream body = gzip ? new GZIPOutputStream(buffered, 8 * 1024) : buffered) {
      writer.write(body, snapshots);
    }
  }

  /** Whether an Accept-Encoding header admits gzip (by name or {@code *}) with a quality above 0. */
  static boolean gzipAccepted(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] params = coding.split(";");
      String name = params[0].trim().toLowerCase(Locale.ROOT);
      if ((name.equals("gzip") || name.equals("*")) && quality(params) > 0) {
        return true;
      }
    }
    return false;
  }

  private static double quality(String[] params) {
    for (int i = 1; i < params.length; i++) {
      String param = params[i].trim();
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private static void reply(HttpExchange exchange, int status, String contentType, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
