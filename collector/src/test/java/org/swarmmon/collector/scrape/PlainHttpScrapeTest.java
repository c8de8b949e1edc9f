package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.config.HttpClientConfig;
import org.swarmmon.collector.config.HttpClients;

/**
 * Scrapes of plain-http targets over the loop's own kept-alive connection, against a server that
 * writes exactly the bytes each test gives it: framing (length, chunked, until close), keep-alive
 * and its loss, redirects, and the request Prometheus sends.
 */
class PlainHttpScrapeTest {

  /** What the server answers to one request; {@code close}: close the connection afterwards. */
  record Answer(byte[] bytes, boolean close) {
    static Answer of(String text, boolean close) {
      return new Answer(text.getBytes(StandardCharsets.ISO_8859_1), close);
    }
  }

  private ServerSocket server;
  private Thread acceptor;
  private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          connections.incrementAndGet();
          open.add(s);
          Thread t = new Thread(() -> serve(s), "plain-http-test-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "plain-http-test-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        requests.add(head);
        Answer a = answers.poll(10, TimeUnit.SECONDS);
        if (a == null) {
          return;
        }
        out.write(a.bytes());
        out.flush();
        if (a.close()) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the test is over or the client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    return null;
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  private static Scraper scraper(HttpClientConfig cfg) {
    return new Scraper(HttpClients.build(cfg, Duration.ofSeconds(5)), cfg);
  }

  /** The body of one scrape of {@code /m}. */
  private String scrapeM(Scraper scraper, Scraper.BodyBuffer buffer) throws Exception {
    return body(scraper.scrape(url("/m"), Duration.ofSeconds(5), buffer));
  }

  private static String body(Scraper.Response r) {
    return new String(r.body(), 0, r.length(), StandardCharsets.UTF_8);
  }

  private static String ok(String body, String... headers) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n"
        + String.join("", headers) + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n" + body;
  }

  @Test
  void aLoopKeepsOneConnectionAndSendsPrometheussRequest() throws Exception {
    Scraper scraper = scraper(HttpClientConfig.DEFAULT);
    Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
    for (int i = 0; i < 3; i++) {
      answers.add(Answer.of(ok("a " + i + "\n"), false));
      Scraper.Response r = scraper.scrape(url("/metrics?x=1"), Duration.ofSeconds(5), buffer);
      assertThat(body(r)).isEqualTo("a " + i + "\n");
      assertThat(r.contentType()).isEqualTo("text/plain; version=0.0.4");
    }
    buffer.close();
    assertThat(connections.get()).isEqualTo(1);
    String request = requests.get(0);
    assertThat(request).startsWith("GET /metrics?x=1 HTTP/1.1\r\n")
        .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
        .contains("\r\nUser-Agent: Prometheus/2.42.0\r\n")
        .contains("\r\nAccept: " + Scraper.ACCEPT_HEADER + "\r\n")
        .contains("\r\nAccept-Encoding: gzip\r\n")
        .contains("\r\nX-Prometheus-Scrape-Timeout-Seconds: 5\r\n");
  }

  @Test
  void chunkedBodiesWithExtensionsAndTrailersAreReadAndTheConnectionKept() throws Exception {
    Scraper scraper = scraper(HttpClientConfig.DEFAULT);
    Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
    String chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "4;ext=1\r\na 1\n\r\n" + "A\r\nbb{x=\"y\"} \r\n" + "2\r\n2\n\r\n" + "0\r\nX-Trailer: t\r\n\r\n";
    answers.add(Answer.of(chunked, false));
    assertThat(scrapeM(scraper, buffer))
        .isEqualTo("a 1\nbb{x=\"y\"} 2\n");
    answers.add(Answer.of(ok("c 3\n"), false));
    assertThat(scrapeM(scraper, buffer)).isEqualTo("c 3\n");
    buffer.close();
    assertThat(connections.get()).isEqualTo(1);
  }

  @Test
  void aBodyUntilCloseAndConnectionCloseOpenANewConnectionNextTime() throws Exception {
    Scraper scraper = scraper(HttpClientConfig.DEFAULT);
    Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
    answers.add(Answer.of("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\na 1\n", true));
    assertThat(scrapeM(scraper, buffer)).isEqualTo("a 1\n");
    answers.add(Answer.of(ok("b 2\n", "Connection: close\r\n"), true));
    assertThat(scrapeM(scraper, buffer)).isEqualTo("b 2\n");
    answers.add(Answer.of(ok("c 3\n"), false));
    assertThat(scrapeM(scraper, buffer)).isEqualTo("c 3\n");
    buffer.close();
    assertThat(connections.get()).isEqualTo(3);
  }

  @Test
  void aKeptConnectionTheServerClosedMeanwhileIsRetriedOnANewOne() throws Exception {
    Scraper scraper = scraper(HttpClientConfig.DEFAULT);
    Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
    answers.add(Answer.of(ok("a 1\n"), false));
    assertThat(scrapeM(scraper, buffer)).isEqualTo("a 1\n");
    synchronized (open) {
      for (Socket s : open) {
        s.close(); // the server drops its idle keep-alive connection
      }
    }
    answers.add(Answer.of(ok("a 2\n"), false));
    assertThat(scrapeM(scraper, buffer)).isEqualTo("a 2\n");
    buffer.close();
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void gzipStatusesAndTruncatedBodies() throws Exception {
    Scraper scraper = scraper(HttpClientConfig.DEFAULT);
    Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("z 9\n".getBytes(StandardCharsets.UTF_8));
    }
    byte[] zipped = gz.toByteArray();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
        + "Content-Length: " + zipped.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    answer.write(zipped);
    answers.add(new Answer(answer.toByteArray(), false));
    assertThat(scrapeM(scraper, buffer)).isEqualTo("z 9\n");

    answers.add(Answer.of("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy", false));
    assertThatThrownBy(() -> scraper.scrape(url("/m"), Duration.ofSeconds(5), buffer))
        .hasMessage("server returned HTTP status 503 Service Unavailable");

    answers.add(Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\na 1\n", true));
    assertThatThrownBy(() -> scraper.scrape(url("/m"), Duration.ofSeconds(5), buffer))
        .hasMessage("Get \"" + url("/m") + "\": unexpected EOF");
    buffer.close();
  }

  @Test
  void aRedirectIsFollowedThroughTheJdkClientUnlessRedirectsAreOff() throws Exception {
    // the plain request sees the redirect, the JDK client asks again and follows it
    answers.add(Answer.of("HTTP/1.1 302 Found\r\nLocation: /other\r\nContent-Length: 0\r\n\r\n", false));
    answers.add(Answer.of("HTTP/1.1 302 Found\r\nLocation: /other\r\nContent-Length: 0\r\n\r\n", false));
    answers.add(Answer.of(ok("r 1\n"), false));
    Scraper.BodyBuffer buffer = new Scraper.BodyBuffer();
    assertThat(body(scraper(HttpClientConfig.DEFAULT).scrape(url("/m"), Duration.ofSeconds(5), buffer)))
        .isEqualTo("r 1\n");
    buffer.close();
    assertThat(requests).hasSize(3);
    assertThat(requests.get(2)).startsWith("GET /other HTTP/1.1\r\n");

    HttpClientConfig noRedirects = new HttpClientConfig(null, null, HttpClientConfig.TlsConfig.NONE,
        "", false, true);
    answers.add(Answer.of("HTTP/1.1 302 Found\r\nLocation: /other\r\nContent-Length: 0\r\n\r\n", false));
    assertThatThrownBy(() -> scraper(noRedirects).scrape(url("/m"), Duration.ofSeconds(5)))
        .hasMessage("server returned HTTP status 302 Found");
  }

  @Test
  void aClosedPortIsConnectionRefusedAsInPrometheus() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/metrics");
    assertThatThrownBy(() -> scraper(HttpClientConfig.DEFAULT).scrape(url, Duration.ofSeconds(5)))
        .hasMessage("Get \"" + url + "\": dial tcp 127.0.0.1:" + port + ": connect: connection refused");
  }
}
