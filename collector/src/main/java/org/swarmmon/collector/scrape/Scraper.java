package org.swarmmon.collector.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.swarmmon.collector.config.HttpClientConfig;
import org.swarmmon.collector.config.HttpClients;

/** Fetches a target's metrics over HTTP the way Prometheus 2.42 asks for them. */
public final class Scraper {

  /** The Accept header Prometheus 2.42 sends. */
  public static final String ACCEPT_HEADER =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  /** Cuts off bodies still streaming when their scrape's time is up; one daemon thread for all. */
  private static final ScheduledExecutorService BODY_DEADLINES =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scrape-body-deadlines");
        t.setDaemon(true);
        return t;
      });

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
      Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
      Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"), Map.entry(301, "Moved Permanently"),
      Map.entry(302, "Found"));

  /**
   * A fetched body and its Content-Type: the first {@code length} bytes of {@code body}, which is
   * the caller's reusable buffer (valid until its next scrape).
   */
  public record Response(String contentType, byte[] body, int length) {}

  /**
   * A scrape loop's reusable body buffer, as Prometheus's scrape pool keeps one per loop: it
   * grows to the largest body seen, so steady scrapes allocate no body arrays.
   */
  public static final class BodyBuffer {
    private static final int SHRINK_ABOVE = 1 << 20;

    private byte[] bytes = new byte[8192];
    private int length;
    /** The loop's kept-alive connection to a plain-http target, if any. */
    private PlainHttpConnection connection;
    private volatile boolean closed;

    /**
     * Reads the whole body, or stops once {@code limit} bytes are in (0: no limit) and returns
     * true: as Prometheus's io.LimitReader check, a body of exactly the limit counts as too large.
     */
    boolean readFrom(InputStream in, long limit) throws IOException {
      long max = limit > 0 ? limit : Long.MAX_VALUE;
      if (bytes.length > SHRINK_ABOVE && length < bytes.length / 4) {
        bytes = new byte[Math.max(8192, length * 2)]; // one huge body does not pin memory forever
      }
      length = 0;
      while (length < max) {
        if (length == bytes.length) {
          bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        int n = in.read(bytes, length, (int) Math.min(bytes.length - length, max - length));
        if (n < 0) {
          return false;
        }
        length += n;
      }
      return true;
    }

    int capacity() {
      return bytes.length;
    }

    /** The connection for {@code url}, opening a new one (closing another) when needed. */
    PlainHttpConnection connection(URI url) {
      if (connection == null || !connection.serves(url)) {
        if (connection != null) {
          connection.close();
        }
        connection = new PlainHttpConnection(url.getHost(), PlainHttpConnection.port(url));
      }
      return connection;
    }

    /** Closes the kept-alive connection; a scrape under way fails, later ones connect anew. */
    public void close() {
      closed = true;
      PlainHttpConnection c = connection;
      if (c != null) {
        c.close();
      }
    }

    int length() {
      return length;
    }
  }

  /** A failed fetch; the message is what Prometheus would put in lastError. */
  public static final class ScrapeException extends Exception {
    public ScrapeException(String message) {
      super(message);
    }
  }

  private final HttpClient client;
  private final HttpClientConfig config;
  private final long bodySizeLimit;

  public Scraper(HttpClient client, HttpClientConfig config) {
    this(client, config, 0);
  }

  /** With {@code bodySizeLimit} bytes (0: none) as the most a body may have, after gunzipping. */
  public Scraper(HttpClient client, HttpClientConfig config, long bodySizeLimit) {
    this.client = client;
    this.config = config;
    this.bodySizeLimit = bodySizeLimit;
  }

  /** Scrapes into a fresh buffer. */
  public Response scrape(URI url, Duration timeout) throws ScrapeException {
    BodyBuffer buffer = new BodyBuffer();
    try {
      return scrape(url, timeout, buffer);
    } finally {
      buffer.close();
    }
  }

  /**
   * Scrapes into {@code buffer}, gunzipping as the body streams in: a plain-http target without
   * a proxy over the buffer's kept-alive connection, anything else (TLS, a proxy, a redirect to
   * follow) through the JDK client.
   */
  public Response scrape(URI url, Duration timeout, BodyBuffer buffer) throws ScrapeException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if ("http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null
        && (config.proxyUrl() == null || config.proxyUrl().isEmpty())) {
      Response r = scrapePlain(url, timeout, buffer, deadline);
      if (r != null) {
        return r;
      }
    }
    return scrapeWithClient(url, timeout, buffer, deadline);
  }

  /** Over the buffer's connection; null when the target redirects and redirects are followed. */
  private Response scrapePlain(URI url, Duration timeout, BodyBuffer buffer, long deadline)
      throws ScrapeException {
    String get = "Get \"" + url + "\": ";
    byte[] request = plainRequest(url, timeout, get);
    if (buffer.closed) {
      throw new ScrapeException(get + "context canceled");
    }
    PlainHttpConnection c = buffer.connection(url);
    try {
      PlainHttpConnection.Head head = c.request(request, deadline);
      int status = head.status();
      if (status != 200) {
        c.finish();
        if (config.followRedirects() && head.location() != null
            && (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)) {
          return null;
        }
        throw new ScrapeException("server returned HTTP status " + status + " "
            + REASONS.getOrDefault(status, "").trim());
      }
      InputStream in = c.body();
      if (head.contentEncoding().equalsIgnoreCase("gzip")) {
        try {
          in = new GZIPInputStream(in, 8192);
        } catch (PlainHttpConnection.DeadlineException e) {
          throw e;
        } catch (IOException e) {
          c.close();
          throw new ScrapeException("gzip: invalid header");
        }
      }
      if (buffer.readFrom(in, bodySizeLimit)) {
        c.close();
        throw new ScrapeException("body size limit exceeded");
      }
      c.finish();
      return new Response(head.contentType(), buffer.bytes, buffer.length);
    } catch (PlainHttpConnection.DeadlineException e) {
      c.close();
      throw new ScrapeException(get + "context deadline exceeded");
    } catch (ConnectException e) {
      c.close();
      throw new ScrapeException(get + "dial tcp " + url.getHost() + ":"
          + PlainHttpConnection.port(url) + ": connect: connection refused");
    } catch (UnknownHostException e) {
      c.close();
      throw new ScrapeException(get + "dial tcp: lookup " + url.getHost() + ": no such host");
    } catch (IOException e) {
      c.close();
      throw new ScrapeException(get + (e.getMessage() == null ? e.toString() : e.getMessage()));
    } finally {
      if (buffer.closed) {
        c.close();
      }
    }
  }

  private byte[] plainRequest(URI url, Duration timeout, String get) throws ScrapeException {
    String auth;
    try {
      auth = HttpClients.authorization(config);
    } catch (IOException e) {
      throw new ScrapeException(get + "unable to read authorization credentials: " + e.getMessage());
    }
    if (auth != null && (auth.indexOf('\r') >= 0 || auth.indexOf('\n') >= 0)) {
      throw new ScrapeException(get + "net/http: invalid header field value for \"Authorization\"");
    }
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    StringBuilder sb = new StringBuilder(512)
        .append("GET ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(url.getHost());
    if (url.getPort() >= 0) {
      sb.append(':').append(url.getPort());
    }
    sb.append("\r\nUser-Agent: ").append(HttpClients.USER_AGENT)
        .append("\r\nAccept: ").append(ACCEPT_HEADER)
        .append("\r\nAccept-Encoding: gzip")
        .append("\r\nX-Prometheus-Scrape-Timeout-Seconds: ").append(seconds(timeout));
    if (auth != null) {
      sb.append("\r\nAuthorization: ").append(auth);
    }
    return sb.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private Response scrapeWithClient(URI url, Duration timeout, BodyBuffer buffer, long deadline)
      throws ScrapeException {
    HttpRequest.Builder req = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Accept", ACCEPT_HEADER)
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", HttpClients.USER_AGENT)
        .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(timeout))
        .GET();
    String get = "Get \"" + url + "\": ";
    try {
      String auth = HttpClients.authorization(config);
      if (auth != null) {
        req.header("Authorization", auth);
      }
    } catch (IOException e) {
      throw new ScrapeException(get + "unable to read authorization credentials: " + e.getMessage());
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new ScrapeException(get + "context deadline exceeded");
    } catch (ConnectException e) {
      throw new ScrapeException(get + "dial tcp " + url.getHost() + ":" + url.getPort()
          + ": connect: connection refused");
    } catch (IOException e) {
      throw new ScrapeException(get + (e.getMessage() == null ? e.toString() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScrapeException(get + "context canceled");
    }
    // The request timeout covers only the wait for the headers; a target that stalls in the
    // middle of its body is cut off when the scrape's time is up, as Prometheus's context does.
    AtomicBoolean cutOff = new AtomicBoolean();
    InputStream body = response.body();
    long remainingNanos = deadline - System.nanoTime();
    ScheduledFuture<?> watchdog = BODY_DEADLINES.schedule(() -> {
      cutOff.set(true);
      try {
        body.close();
      } catch (IOException ignored) {
        // the reader sees the stream end with an error either way
      }
    }, Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
    try (InputStream raw = body) {
      int status = response.statusCode();
      if (status != 200) {
        throw new ScrapeException("server returned HTTP status " + status + " "
            + REASONS.getOrDefault(status, "").trim());
      }
      String encoding = response.headers().firstValue("Content-Encoding").orElse("");
      InputStream in = raw;
      if (encoding.equalsIgnoreCase("gzip")) {
        try {
          in = new GZIPInputStream(raw, 8192);
        } catch (IOException e) {
          throw new ScrapeException("gzip: invalid header");
        }
      }
      if (buffer.readFrom(in, bodySizeLimit)) {
        throw new ScrapeException("body size limit exceeded");
      }
    } catch (IOException e) {
      if (cutOff.get()) {
        throw new ScrapeException(get + "context deadline exceeded");
      }
      throw new ScrapeException(get + (e.getMessage() == null ? e.toString() : e.getMessage()));
    } finally {
      watchdog.cancel(false);
    }
    if (cutOff.get()) {
      throw new ScrapeException(get + "context deadline exceeded");
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    return new Response(contentType, buffer.bytes, buffer.length);
  }

  static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }
}
