package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.collector.remote.TimeSeries;
import org.swarmmon.collector.storage.StaleNaN;
import org.swarmmon.labels.Labels;
import org.swarmmon.testbed.References;

/**
 * {@code GET /federate} against Debian's Prometheus 2.42 holding the same samples: the same
 * status, content type and body, byte for byte, for selectors that overlap, select nothing, match
 * only the empty string or do not parse, with external labels, staleness markers, samples older
 * than the lookback delta, special values and label values that need escaping.
 */
@SpringBootTest(classes = CollectorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationTest {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final long NOW = System.currentTimeMillis() / 1000 * 1000;
  private static final String EXTERNAL = "global:\n  external_labels:\n    cluster: c1\n    region: eu\n";
  private static final Path DIR;
  private static final References.Started REFERENCE;

  static {
    try {
      DIR = Files.createTempDirectory("collector-federation").toRealPath();
      Files.writeString(DIR.resolve("collector.yml"), EXTERNAL);
      Files.writeString(DIR.resolve("reference.yml"), EXTERNAL);
      REFERENCE = References.prometheus(DIR.resolve("reference.yml"), "--web.enable-remote-write-receiver");
      write(REFERENCE.url());
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("collector.config-file", () -> DIR.resolve("collector.yml").toString());
    registry.add("collector.storage.path", () -> DIR.resolve("data").toString());
    registry.add("collector.config-check-interval", () -> "0s");
    registry.add("collector.web.enable-remote-write-receiver", () -> "true");
  }

  @LocalServerPort
  int port;

  private static TimeSeries series(Labels labels, long... agoAndValueBits) {
    List<TimeSeries.Sample> samples = new ArrayList<>();
    for (int i = 0; i < agoAndValueBits.length; i += 2) {
      samples.add(new TimeSeries.Sample(NOW - agoAndValueBits[i], Double.longBitsToDouble(agoAndValueBits[i + 1])));
    }
    return new TimeSeries(labels, samples);
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  private static void write(String base) throws Exception {
    List<TimeSeries> all = List.of(
        series(Labels.of("__name__", "fed_a", "job", "j", "instance", "i1"),
            60_000, bits(1), 30_000, bits(2), 0, bits(0.5)),
        series(Labels.of("__name__", "fed_a", "job", "j", "instance", "i2"),
            30_000, bits(3), 15_000, StaleNaN.BITS),
        series(Labels.of("__name__", "fed_a", "job", "k"), 10_000, bits(1e6)),
        series(Labels.of("__name__", "fed_b", "job", "j", "cluster", "other"), 5_000, bits(-0.0)),
        series(Labels.of("__name__", "fed_b", "path", "a\"b\\c\nd"), 5_000, bits(Double.POSITIVE_INFINITY)),
        series(Labels.of("__name__", "fed_b", "Zone", "z", "empty", ""), 5_000, bits(-1.5e-7)),
        series(Labels.of("__name__", "fed_c", "job", "old"), 400_000, bits(7)),
        series(Labels.of("__name__", "fed_d", "instance", "own"), 1_000, bits(Double.NaN)),
        series(Labels.of("__name__", "fed_e"), 2_000, bits(123456789.25), 1_000, bits(-1)));
    RemoteWrites.send(base, all);
  }

  @BeforeAll
  void writeToTheCollector() throws Exception {
    write("http://127.0.0.1:" + port);
  }

  @AfterAll
  void stop() {
    REFERENCE.close();
  }

  private record Answer(int status, String contentType, String contentEncoding, String body) {}

  private static Answer get(String base, List<String> selectors, boolean gzip) throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder();
    for (String s : selectors) {
      query.append(query.length() == 0 ? "?" : "&").append("match[]=").append(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/federate" + query)).timeout(Duration.ofSeconds(30));
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    String encoding = r.headers().firstValue("Content-Encoding").orElse("");
    byte[] body = r.body();
    if (encoding.equals("gzip")) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    }
    // Tomcat writes a media type's parameters without the space after ';' that Go's writes
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse("").replace("; ", ";"), encoding,
        new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void answersAsPrometheusDoes() throws Exception {
    List<List<String>> cases = List.of(
        List.of("{__name__=~\"fed_.+\"}"),
        List.of("fed_a", "{job=\"j\"}"),
        List.of("{job=~\".*\"}"),
        List.of("fed_b{path!=\"\"}", "fed_e"),
        List.of("nothing_here"),
        List.of(),
        List.of("{"),
        List.of("fed_a", "rate(fed_a[5m])"),
        List.of("fed_a offset 5m"),
        List.of("{job=~\"(\"}"));
    String ours = "http://127.0.0.1:" + port;
    for (List<String> c : cases) {
      Answer theirs = get(REFERENCE.url(), c, false);
      assertThat(get(ours, c, false)).as(c.toString()).isEqualTo(theirs);
    }
    Answer all = get(ours, List.of("{__name__=~\"fed_.+\"}"), false);
    assertThat(all.body()).contains("fed_a{instance=\"i1\",job=\"j\",cluster=\"c1\",region=\"eu\"} 0.5 " + NOW)
        .doesNotContain("i2", "fed_c");
  }

  @Test
  void compressesAsPrometheusDoes() throws Exception {
    List<String> all = List.of("{__name__=~\"fed_.+\"}");
    Answer theirs = get(REFERENCE.url(), all, true);
    Answer ours = get("http://127.0.0.1:" + port, all, true);
    assertThat(ours).isEqualTo(theirs);
    assertThat(ours.contentEncoding()).isEqualTo("gzip");
  }
}
