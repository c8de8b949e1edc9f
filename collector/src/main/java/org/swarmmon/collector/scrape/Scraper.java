package org.swarmmon.collector.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
    return scrape(url, timeout, new BodyBuffer());
  }

  /** Scrapes into {@code buffer}, gunzipping as the body streams in. */
  public Response scrape(URI url, Duration timeout, BodyBuffer buffer) throws ScrapeException {
    long deadline = System.nanoTime() + timeout.toNanos();
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
