package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.collector.chunkenc.XorChunk;
import org.swarmmon.collector.remote.ChunkedReadCodec;
import org.swarmmon.collector.remote.ChunkedReadResponse;
import org.swarmmon.collector.remote.ChunkedReader;
import org.swarmmon.collector.remote.ReadRequest;
import org.swarmmon.collector.remote.ReadRequestCodec;
import org.swarmmon.collector.remote.TimeSeries;
import org.swarmmon.labels.Labels;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;
import org.xerial.snappy.Snappy;

/**
 * The collector's {@code POST /api/v1/read} against Debian's Prometheus 2.42 both ways: a
 * Prometheus with {@code remote_read} pointed at the collector answers PromQL with the collector's
 * data, and a reference Prometheus holding the same samples answers the same raw requests (series,
 * external labels, hints, sample limit, errors) as the collector does, with the SAMPLES and the
 * STREAMED_XOR_CHUNKS response types. Streamed chunks are compared decoded: the collector cuts its
 * own chunks, so their bytes may differ.
 */
@SpringBootTest(classes = CollectorApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteReadServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final long NOW = System.currentTimeMillis() / 1000 * 1000;
  private static final String SAMPLE_LIMIT = "60";
  private static final String EXTERNAL = "global:\n  external_labels:\n    cluster: c1\n";
  private static final Path DIR;
  private static final List<TimeSeries> SERIES = new ArrayList<>();
  private static final References.Started REFERENCE;

  static {
    try {
      DIR = Files.createTempDirectory("collector-remote-read-server").toRealPath();
      Files.writeString(DIR.resolve("collector.yml"), EXTERNAL);
      Files.writeString(DIR.resolve("reference.yml"), EXTERNAL);
      for (int i = 0; i < 3; i++) {
        List<TimeSeries.Sample> samples = new ArrayList<>();
        for (int k = 10; k >= 0; k--) {
          samples.add(new TimeSeries.Sample(NOW - k * 30_000L, i * 100 + k * (i + 1)));
        }
        SERIES.add(new TimeSeries(Labels.of("__name__", "rr_served", "team", i == 2 ? "b" : "a",
            "i", String.valueOf(i)), samples));
      }
      SERIES.add(new TimeSeries(Labels.of("__name__", "rr_served", "cluster", "other", "team", "a",
          "i", "9"), List.of(new TimeSeries.Sample(NOW - 60_000, 9), new TimeSeries.Sample(NOW, 99))));
      List<TimeSeries.Sample> many = new ArrayList<>();
      for (int k = 99; k >= 0; k--) {
        many.add(new TimeSeries.Sample(NOW - k * 1_000L, k));
      }
      SERIES.add(new TimeSeries(Labels.of("__name__", "rr_many"), many));
      REFERENCE = References.prometheus(DIR.resolve("reference.yml"), "--web.enable-remote-write-receiver",
          "--storage.remote.read-sample-limit=" + SAMPLE_LIMIT);
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
    registry.add("collector.storage.remote-read-sample-limit", () -> SAMPLE_LIMIT);
  }

  @LocalServerPort
  int port;

  private References.Started reader;

  private static void write(String base) throws Exception {
    RemoteWrites.send(base, SERIES);
  }

  private String collector() {
    return "http://127.0.0.1:" + port;
  }

  @BeforeAll
  void startReader() throws Exception {
    write(collector());
    Path config = DIR.resolve("reader.yml");
    Files.writeString(config, EXTERNAL + """
        remote_read:
          - url: %s/api/v1/read
            read_recent: true
        """.formatted(collector()));
    reader = References.prometheus(config);
  }

  @AfterAll
  void stop() {
    try {
      if (reader != null) {
        reader.close();
      }
    } finally {
      REFERENCE.close();
    }
  }

  private static JsonNode get(String base, String path, String query, String params) throws Exception {
    String url = base + path + "?" + (path.endsWith("series") ? "match[]=" : "query=")
        + URLEncoder.encode(query, StandardCharsets.UTF_8) + params;
    JsonNode body = JSON.readTree(Http.get(url).body());
    assertThat(body.path("status").asText()).as(url + " " + body).isEqualTo("success");
    return body;
  }

  @Test
  void promqlThroughPrometheusRemoteReadEqualsTheCollectorsOwnAnswer() throws Exception {
    String at = "&time=" + (NOW / 1000);
    String range = "&start=" + (NOW / 1000 - 300) + "&end=" + (NOW / 1000) + "&step=30";
    // the reader asks for its external label cluster="c1"; the collector's series without a
    // cluster label are the ones that answer, and the reader strips cluster="c1" again
    String[][] cases = {
        {"/api/v1/query", "rr_served", "rr_served{cluster=\"\"}", at},
        {"/api/v1/query", "rr_served{team=\"a\"} * 2", "rr_served{cluster=\"\",team=\"a\"} * 2", at},
        {"/api/v1/query_range", "rr_served{i=~\"1|2\"}", "rr_served{cluster=\"\",i=~\"1|2\"}", range},
        {"/api/v1/query_range", "sum by (team) (rate(rr_served[2m]))",
            "sum by (team) (rate(rr_served{cluster=\"\"}[2m]))", range},
        {"/api/v1/query", "count_over_time(rr_many[50s])", "count_over_time(rr_many{cluster=\"\"}[50s])", at},
        {"/api/v1/series", "rr_served", "rr_served{cluster=\"\"}",
            "&start=" + (NOW / 1000 - 600) + "&end=" + (NOW / 1000)},
    };
    for (String[] c : cases) {
      JsonNode theirs = get(reader.url(), c[0], c[1], c[3]);
      JsonNode ours = get(collector(), c[0], c[2], c[3]);
      assertThat(theirs.path("data")).as(c[1]).isEqualTo(ours.path("data"));
      assertThat(theirs.path("data").toString()).as(c[1]).isNotIn("{\"resultType\":\"vector\",\"result\":[]}",
          "{\"resultType\":\"matrix\",\"result\":[]}", "[]");
      assertThat(theirs.has("warnings")).as(c[1]).isFalse();
    }
    JsonNode one = get(reader.url(), "/api/v1/query", "rr_served{i=\"1\"}", at);
    assertThat(one.path("data").path("result").get(0).path("value").get(1).asText()).isEqualTo("100");
  }

  private static ReadRequest.LabelMatcher m(int type, String name, String value) {
    return new ReadRequest.LabelMatcher(type, name, value);
  }

  private static ReadRequest.Query query(long from, ReadRequest.ReadHints hints, ReadRequest.LabelMatcher... ms) {
    return new ReadRequest.Query(from, NOW, List.of(ms), hints);
  }

  private static HttpResponse<byte[]> post(String base, byte[] body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/read"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Encoding", "snappy")
        .header("Content-Type", "application/x-protobuf")
        .header("X-Prometheus-Remote-Read-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private void assertSameAnswer(String what, byte[] body) throws Exception {
    HttpResponse<byte[]> theirs = post(REFERENCE.url(), body);
    HttpResponse<byte[]> ours = post(collector(), body);
    assertThat(ours.statusCode()).as(what).isEqualTo(theirs.statusCode());
    // Tomcat writes "text/plain;charset=utf-8" for Go's "text/plain; charset=utf-8": the same type
    assertThat(ours.headers().firstValue("Content-Type").map(MediaType::parseMediaType)).as(what)
        .isEqualTo(theirs.headers().firstValue("Content-Type").map(MediaType::parseMediaType));
    for (String h : List.of("Content-Encoding", "X-Content-Type-Options")) {
      assertThat(ours.headers().firstValue(h)).as(what + " " + h).isEqualTo(theirs.headers().firstValue(h));
    }
    if (theirs.statusCode() == 200) {
      List<TimeSeries> expected = ReadRequestCodec.decodeResponse(theirs.body());
      assertThat(ReadRequestCodec.decodeResponse(ours.body())).as(what).isEqualTo(expected);
      assertThat(expected).as(what).isNotEmpty();
    } else {
      assertThat(new String(ours.body(), StandardCharsets.UTF_8)).as(what)
          .isEqualTo(new String(theirs.body(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void rawRequestsAreAnsweredAsPrometheusAnswersThem() throws Exception {
    long from = NOW - 600_000;
    ReadRequest.LabelMatcher served = m(0, "__name__", "rr_served");
    assertSameAnswer("queries, matchers and external labels", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, null, served),
        query(from, null, served, m(0, "cluster", "c1")),
        query(from, null, served, m(0, "cluster", "other")),
        query(NOW - 100_000, null, served, m(1, "team", "b"), m(2, "i", "[0-2]")),
        query(from, null, served, m(3, "i", "0|9"))), List.of())));
    assertSameAnswer("hints", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, new ReadRequest.ReadHints(0, "", NOW - 95_000, NOW - 30_000, List.of(), false, 0), served),
        query(from, new ReadRequest.ReadHints(0, "series", from, NOW, List.of(), false, 0), served)),
        List.of(ReadRequest.SAMPLES))));
    assertSameAnswer("the client's request", ReadRequestCodec.encode(from, NOW,
        List.of(org.swarmmon.labels.Matcher.regex("__name__", "rr_.*"), org.swarmmon.labels.Matcher.equal("i", "1"))));
    assertSameAnswer("samples after streamed chunks", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, null, served)), List.of(7, ReadRequest.SAMPLES))));
    assertSameAnswer("sample limit", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, null, served), query(from, null, m(0, "__name__", "rr_many"))), List.of())));
    assertSameAnswer("not snappy", "garbage".getBytes(StandardCharsets.UTF_8));
    assertSameAnswer("empty body", new byte[0]);
    byte[] raw = Snappy.uncompress(ReadRequestCodec.encode(from, NOW, List.of(org.swarmmon.labels.Matcher.equal("a", "b"))));
    assertSameAnswer("cut-off message", Snappy.compress(Arrays.copyOf(raw, raw.length - 8)));
    assertSameAnswer("no supported type", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(), List.of(7, 5))));
    assertSameAnswer("samples before streamed chunks", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, null, served)), List.of(ReadRequest.SAMPLES, ReadRequest.STREAMED_XOR_CHUNKS))));

    byte[] badRegex = ReadRequestCodec.encodeRequest(new ReadRequest(List.of(query(from, null, m(2, "a", "("))), List.of()));
    assertThat(post(collector(), badRegex).statusCode()).isEqualTo(post(REFERENCE.url(), badRegex).statusCode());
  }

  /**
   * The series of a streamed answer by query index, each with its samples decoded from its chunks
   * (a series cut over several frames joined again), after checking every frame's CRC and every
   * chunk's type and time range.
   */
  private static Map<Long, List<TimeSeries>> streamed(String what, byte[] body) throws IOException {
    ChunkedReader reader = new ChunkedReader(new ByteArrayInputStream(body), ChunkedReader.DEFAULT_SIZE_LIMIT);
    Map<Long, List<TimeSeries>> out = new TreeMap<>();
    for (byte[] message = reader.next(); message != null; message = reader.next()) {
      ChunkedReadResponse frame = ChunkedReadCodec.decode(message);
      for (ChunkedReadResponse.ChunkedSeries series : frame.chunkedSeries()) {
        List<TimeSeries.Sample> samples = new ArrayList<>();
        for (ChunkedReadResponse.Chunk c : series.chunks()) {
          assertThat(c.type()).as(what).isEqualTo(XorChunk.ENCODING);
          XorChunk.Iterator it = XorChunk.iterator(c.data());
          int first = samples.size();
          while (it.next()) {
            samples.add(new TimeSeries.Sample(it.timestamp(), it.value()));
          }
          assertThat(samples.size()).as(what).isGreaterThan(first);
          assertThat(samples.get(first).timestamp()).as(what).isEqualTo(c.minTimeMs());
          assertThat(samples.get(samples.size() - 1).timestamp()).as(what).isEqualTo(c.maxTimeMs());
        }
        List<TimeSeries> query = out.computeIfAbsent(frame.queryIndex(), k -> new ArrayList<>());
        TimeSeries last = query.isEmpty() ? null : query.get(query.size() - 1);
        if (last != null && last.labels().equals(series.labels())) {
          List<TimeSeries.Sample> joined = new ArrayList<>(last.samples());
          joined.addAll(samples);
          query.set(query.size() - 1, new TimeSeries(last.labels(), joined));
        } else {
          query.add(new TimeSeries(series.labels(), samples));
        }
      }
    }
    return out;
  }

  private void assertSameStream(String what, byte[] body) throws Exception {
    HttpResponse<byte[]> theirs = post(REFERENCE.url(), body);
    HttpResponse<byte[]> ours = post(collector(), body);
    assertThat(ours.statusCode()).as(what).isEqualTo(theirs.statusCode()).isEqualTo(200);
    assertThat(ours.headers().firstValue("Content-Type").map(MediaType::parseMediaType)).as(what)
        .isEqualTo(theirs.headers().firstValue("Content-Type").map(MediaType::parseMediaType))
        .contains(MediaType.parseMediaType("application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse"));
    assertThat(ours.headers().firstValue("Content-Encoding")).as(what)
        .isEqualTo(theirs.headers().firstValue("Content-Encoding"));
    Map<Long, List<TimeSeries>> expected = streamed(what, theirs.body());
    assertThat(streamed(what, ours.body())).as(what).isEqualTo(expected);
    assertThat(expected).as(what).isNotEmpty();
  }

  @Test
  void streamedChunksAreAnsweredAsPrometheusAnswersThem() throws Exception {
    long from = NOW - 600_000;
    ReadRequest.LabelMatcher served = m(0, "__name__", "rr_served");
    List<Integer> streamed = List.of(ReadRequest.STREAMED_XOR_CHUNKS);
    assertSameStream("queries, matchers and external labels", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, null, served),
        query(from, null, served, m(0, "cluster", "c1")),
        query(from, null, served, m(0, "cluster", "other")),
        query(NOW - 100_000, null, served, m(1, "team", "b"), m(2, "i", "[0-2]")),
        query(from, null, served, m(3, "i", "0|9"))), streamed)));
    assertSameStream("hints", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, new ReadRequest.ReadHints(0, "", NOW - 95_000, NOW - 30_000, List.of(), false, 0), served),
        query(from, new ReadRequest.ReadHints(0, "series", from, NOW, List.of(), false, 0), served)), streamed)));
    // the sample limit (60) is not applied to streamed chunks
    assertSameStream("no sample limit", ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        query(from, null, served), query(from, null, m(0, "__name__", "rr_many"))), streamed)));
    assertSameStream("streamed chunks after an unknown type, before samples", ReadRequestCodec.encodeRequest(
        new ReadRequest(List.of(query(from, null, m(2, "__name__", "rr_.*"))),
            List.of(7, ReadRequest.STREAMED_XOR_CHUNKS, ReadRequest.SAMPLES))));

    byte[] badRegex = ReadRequestCodec.encodeRequest(new ReadRequest(List.of(query(from, null, m(2, "a", "("))), streamed));
    HttpResponse<byte[]> theirs = post(REFERENCE.url(), badRegex);
    HttpResponse<byte[]> ours = post(collector(), badRegex);
    assertThat(ours.statusCode()).isEqualTo(theirs.statusCode()).isEqualTo(500);
    assertThat(ours.headers().firstValue("Content-Type").map(MediaType::parseMediaType))
        .isEqualTo(theirs.headers().firstValue("Content-Type").map(MediaType::parseMediaType));
    byte[] none = ReadRequestCodec.encodeRequest(new ReadRequest(List.of(query(from, null, m(0, "__name__", "absent"))), streamed));
    theirs = post(REFERENCE.url(), none);
    ours = post(collector(), none);
    assertThat(ours.statusCode()).isEqualTo(theirs.statusCode()).isEqualTo(200);
    assertThat(ours.body()).isEqualTo(theirs.body()).isEmpty();
  }
}
