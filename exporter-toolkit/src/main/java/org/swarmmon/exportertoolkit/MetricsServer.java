package org.swarmmon.exportertoolkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * An exporter's HTTP side on the JDK's own server (no servlet container): metrics paths (text
 * 0.0.4, or OpenMetrics when the Accept header asks for it), fixed health answers and other
 * routes, gzip whenever the scraper accepts it. Only GET and HEAD are answered (else 405), only on
 * the paths given (else 404). Requests run on a small fixed pool; when its queue is full the
 * accepting thread answers itself, which slows accepting instead of dropping scrapes.
 */
public final class MetricsServer implements AutoCloseable {

  /** What the exporters answer on their health paths. */
  public static final Reply UP = Reply.json(200, "{\"status\":\"UP\"}");

  /** Answers one path (or the paths under a prefix). */
  @FunctionalInterface
  public interface Route {
    Reply answer(Request request) throws IOException;
  }

  private static final Logger LOG = Logger.getLogger(MetricsServer.class.getName());
  private static final int QUEUE = 64;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final Map<String, Handler> exact;
  private final Map<String, Handler> prefixes;

  private interface Handler {
    void handle(HttpExchange exchange, Request request) throws IOException;
  }

  private MetricsServer(Builder b) throws IOException {
    this.exact = Map.copyOf(b.exact);
    this.prefixes = Map.copyOf(b.prefixes);
    AtomicInteger count = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(b.threads, b.threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "http-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    this.server = HttpServer.create(b.address, QUEUE);
    server.createContext("/", this::dispatch);
    server.setExecutor(executor);
  }

  public static Builder builder(InetSocketAddress address) {
    return new Builder(address);
  }

  /** The bound port (the chosen one when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Handler handler = exact.get(path);
      if (handler == null) {
        handler = prefixes.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
            .map(Map.Entry::getValue).findFirst().orElse(null);
      }
      String method = exchange.getRequestMethod();
      if (handler == null) {
        send(exchange, Reply.text(404, "404 page not found\n"));
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, Reply.text(405, "method not allowed\n"));
      } else {
        handler.handle(exchange,
            new Request(path, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders()));
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "answering " + exchange.getRequestURI() + " failed", e); // the client went away
      throw e;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "answering " + exchange.getRequestURI() + " failed", e);
      throw e;
    }
  }

  private static void metrics(HttpExchange exchange, Request request, Function<Request, MetricSnapshots> source)
      throws IOException {
    MetricSnapshots snapshots;
    try {
      snapshots = source.apply(request);
    } catch (IllegalArgumentException e) {
      send(exchange, Reply.text(400, e.getMessage()));
      return;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "collecting " + exchange.getRequestURI().getPath() + " failed", e);
      send(exchange, Reply.text(500, "error collecting metrics: " + e + "\n"));
      return;
    }
    ExpositionFormatWriter writer = Exposition.writerFor(exchange.getRequestHeaders().getFirst("Accept"));
    exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    try (OutputStream out = body(exchange, 200, 0)) { // length 0: chunked, written as it is produced
      writer.write(out, snapshots);
    }
  }

  private static void route(HttpExchange exchange, Request request, Route route) throws IOException {
    Reply reply;
    try {
      reply = route.answer(request);
    } catch (IllegalArgumentException e) {
      reply = Reply.text(400, e.getMessage() + "\n");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "answering " + exchange.getRequestURI() + " failed", e);
      reply = Reply.text(500, "error: " + e + "\n");
    }
    send(exchange, reply);
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach(exchange.getResponseHeaders()::set);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    try (OutputStream out = body(exchange, reply.status(), reply.body().length == 0 ? -1 : reply.body().length)) {
      out.write(reply.body());
    }
  }

  /**
   * Sends the headers and returns the body stream: gzip (then chunked) for a 200 when accepted, else
   * {@code length} as the JDK server takes it (0 chunked, -1 no body).
   */
  private static OutputStream body(HttpExchange exchange, int status, long length) throws IOException {
    if (status == 200 && length != -1 && acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.sendResponseHeaders(status, 0);
      return new GZIPOutputStream(new BufferedOutputStream(exchange.getResponseBody(), 16 * 1024), 8 * 1024);
    }
    exchange.sendResponseHeaders(status, length);
    return new BufferedOutputStream(exchange.getResponseBody(), 16 * 1024);
  }

  /** Whether an Accept-Encoding header admits gzip (by name or {@code *}) with a quality above 0. */
  public static boolean acceptsGzip(String acceptEncoding) {
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

  /** The paths and the pool; {@link #start()} binds and serves. */
  public static final class Builder {

    private final InetSocketAddress address;
    private final Map<String, Handler> exact = new LinkedHashMap<>();
    private final Map<String, Handler> prefixes = new LinkedHashMap<>();
    private int threads = 4;

    private Builder(InetSocketAddress address) {
      this.address = address;
    }

    /** Request threads (a fixed pool; requests beyond it queue). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("web threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Serves the snapshots of each request at {@code path}, in the negotiated format; a failure is a 500. */
    public Builder metrics(String path, Supplier<MetricSnapshots> source) {
      return metrics(path, request -> source.get());
    }

    /**
     * As {@link #metrics(String, Supplier)}, the snapshots depending on the request (its query
     * parameters); an IllegalArgumentException is a 400 with its message as the body.
     */
    public Builder metrics(String path, Function<Request, MetricSnapshots> source) {
      return add(exact, path, (exchange, request) -> MetricsServer.metrics(exchange, request, source));
    }

    /** Answers {@code path} with the same reply every time (a health check). */
    public Builder fixed(String path, Reply reply) {
      return route(path, request -> reply);
    }

    public Builder route(String path, Route route) {
      return add(exact, path, (exchange, request) -> MetricsServer.route(exchange, request, route));
    }

    /** A route for every path under {@code prefix} (which ends with /) that has no route of its own. */
    public Builder routeUnder(String prefix, Route route) {
      if (!prefix.endsWith("/")) {
        throw new IllegalArgumentException("a route prefix ends with /, got " + prefix);
      }
      return add(prefixes, prefix, (exchange, request) -> MetricsServer.route(exchange, request, route));
    }

    private Builder add(Map<String, Handler> into, String path, Handler handler) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /, got " + path);
      }
      if (exact.containsKey(path) || prefixes.containsKey(path)) {
        throw new IllegalArgumentException("path " + path + " is served twice");
      }
      into.put(path, handler);
      return this;
    }

    /** Binds the address (an unusable one fails here, naming it) and starts serving. */
    public MetricsServer start() {
      MetricsServer s;
      try {
        s = new MetricsServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
      }
      s.server.start();
      return s;
    }
  }
}
