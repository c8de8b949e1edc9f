package org.swarmmon.collector.warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.collector.warmup.QueryWarmUp.Report;
import org.swarmmon.collector.warmup.QueryWarmUp.Scratch;

/**
 * The warm-up's rounds sent through the collector's own HTTP API on loopback, as Grafana sends
 * them: query and query_range (POST and GET in turn), labels, label values, series, metadata and
 * buildinfo. So Tomcat, the filters, Spring MVC's dispatch and argument binding and the
 * controllers are loaded and compiled too, not only the engine. Half the rounds use kept-alive
 * connections, as Grafana does; the other half a connection per request, as curl and scripts do,
 * so Tomcat's accept and close path is compiled too (it runs once per connection and otherwise
 * stays interpreted for the first few hundred connections; collector docs/benchmarks.md §3d). The
 * requests carry the {@link WarmUpRoute} token: they read the scratch database, and the request
 * counters skip them.
 */
public final class HttpWarmUp implements QueryWarmUp.Phase {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final String EMPTY_RESULT = "\"result\":[]";

  private final URI base;
  private final WarmUpRoute route;
  private final Clock clock;

  /** {@code base}: the server on loopback with its route prefix and a final slash, such as {@code http://127.0.0.1:9090/}. */
  public HttpWarmUp(URI base, WarmUpRoute route, Clock clock) {
    this.base = base;
    this.route = route;
    this.clock = clock;
  }

  @Override
  public Report run(Scratch scratch, int rounds, Instant deadline) throws IOException {
    String token = route.open(scratch.storage());
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT).build();
      Instant end = scratch.end();
      String hourAgo = seconds(end.minus(Duration.ofHours(1)));
      String to = seconds(end);
      String spanFrom = seconds(scratch.spanningStart());
      String step = Long.toString(QueryWarmUp.STEP.toSeconds());
      String spanningStep = Long.toString(QueryWarmUp.SPANNING_STEP.toSeconds());
      int queries = 0;
      int empty = 0;
      for (int round = 0; round < rounds && !clock.instant().isAfter(deadline); round++) {
        boolean post = round % 2 == 0;
        Sender sender = round % 4 >= 2 ? this::sendOnNewConnection
            : (t, path, p, params) -> send(client, t, path, p, params);
        QueryWarmUp.Round r = scratch.round(round);
        String from = seconds(end.minus(r.range()));
        for (String q : r.rangeQueries()) {
          empty += sender.send(token, "api/v1/query_range", post, "query", q, "start", from, "end", to, "step", step);
          queries++;
        }
        empty += sender.send(token, "api/v1/query_range", post,
            "query", scratch.spanningQuery(), "start", spanFrom, "end", to, "step", spanningStep);
        queries++;
        for (String q : r.instantQueries()) {
          empty += sender.send(token, "api/v1/query", post, "query", q, "time", to);
          queries++;
        }
        sender.send(token, "api/v1/labels", false, "start", hourAgo, "end", to);
        sender.send(token, "api/v1/label/__name__/values", false, "start", hourAgo, "end", to);
        sender.send(token, "api/v1/label/instance/values", false,
            "match[]", "warmup_memory_bytes", "start", hourAgo, "end", to);
        sender.send(token, "api/v1/series", post,
            "match[]", "{__name__=~\"warmup_.+\",instance=\"" + scratch.instance() + "\"}", "start", hourAgo, "end", to);
        sender.send(token, "api/v1/metadata", false);
        sender.send(token, "api/v1/status/buildinfo", false);
      }
      return new Report(queries, empty, Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      route.close();
    }
  }

  @FunctionalInterface
  private interface Sender {
    int send(String token, String path, boolean post, String... params) throws IOException, InterruptedException;
  }

  /** Sends one request; 1 when a query's answer holds no data. */
  private int send(HttpClient client, String token, String path, boolean post, String... params)
      throws IOException, InterruptedException {
    String form = form(params);
    HttpRequest.Builder b = HttpRequest.newBuilder().timeout(TIMEOUT).header(WarmUpRoute.HEADER, token);
    if (post) {
      b.uri(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
    } else {
      b.uri(base.resolve(form.isEmpty() ? path : path + "?" + form)).GET();
    }
    HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(path + " answered " + r.statusCode() + ": "
          + new String(r.body(), 0, Math.min(r.body().length, 300), StandardCharsets.UTF_8));
    }
    return new String(r.body(), StandardCharsets.UTF_8).contains(EMPTY_RESULT) ? 1 : 0;
  }

  /** As {@link #send}, on a connection of its own that the server closes after the answer. */
  private int sendOnNewConnection(String token, String path, boolean post, String... params) throws IOException {
    String form = form(params);
    URI uri = base.resolve(path);
    byte[] body = post ? form.getBytes(StandardCharsets.US_ASCII) : new byte[0];
    StringBuilder head = new StringBuilder()
        .append(post ? "POST " : "GET ").append(uri.getRawPath()).append(post || form.isEmpty() ? "" : "?" + form)
        .append(" HTTP/1.1\r\nHost: ").append(uri.getRawAuthority())
        .append("\r\n").append(WarmUpRoute.HEADER).append(": ").append(token)
        .append("\r\nConnection: close\r\n");
    if (post) {
      head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length)
          .append("\r\n");
    }
    head.append("\r\n");
    byte[] response;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) CONNECT_TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      response = socket.getInputStream().readAllBytes();
    }
    String text = new String(response, StandardCharsets.UTF_8);
    if (!text.startsWith("HTTP/1.1 200 ")) {
      throw new IOException(path + " answered " + text.substring(0, Math.min(text.length(), 300)));
    }
    return text.contains(EMPTY_RESULT) ? 1 : 0;
  }

  private static String form(String... params) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < params.length; i += 2) {
      pairs.add(URLEncoder.encode(params[i], StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return String.join("&", pairs);
  }

  private static String seconds(Instant t) {
    return Long.toString(t.getEpochSecond());
  }
}
