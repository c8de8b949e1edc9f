package org.swarmmon.collector.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.labels.Labels;

/** The read handler over an in-memory storage: selection, hints, external labels, limits, errors. */
class RemoteReadHandlerTest {

  private static final Labels EXTERNAL = Labels.of("cluster", "c1", "zone", "z");

  private static MemoryStorage storage() {
    MemoryStorage s = new MemoryStorage();
    for (int t = 0; t <= 100; t += 10) {
      s.add(Labels.of("__name__", "m", "i", "0"), t, t);
      s.add(Labels.of("__name__", "m", "i", "1", "zone", "own"), t, -t);
    }
    s.add(Labels.of("__name__", "m", "i", "2", "cluster", "c2"), 50, 7);
    return s;
  }

  private static ReadRequest.LabelMatcher eq(String name, String value) {
    return new ReadRequest.LabelMatcher(0, name, value);
  }

  private static RemoteReadHandler.Response read(RemoteReadHandler h, ReadRequest r) throws Exception {
    return h.read(ReadRequestCodec.encodeRequest(r));
  }

  private static String text(RemoteReadHandler.Response r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void answersEachQueryWithExternalLabelsAdded() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(), () -> EXTERNAL, 0, 2, 1_048_576);
    RemoteReadHandler.Response r = read(h, new ReadRequest(List.of(
        new ReadRequest.Query(20, 40, List.of(eq("__name__", "m"), eq("i", "0")), null),
        new ReadRequest.Query(0, 100, List.of(eq("__name__", "m"), new ReadRequest.LabelMatcher(2, "i", "[12]")), null)),
        List.of()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", "application/x-protobuf")
        .containsEntry("Content-Encoding", "snappy");
    List<TimeSeries> all = ReadRequestCodec.decodeResponse(r.body());
    // series sorted by labels, as Prometheus's: {cluster="c2", i="2"} before {i="1"}
    assertThat(all).extracting(s -> s.labels().get("i")).containsExactly("0", "2", "1");
    assertThat(all.get(0).labels().toString()).isEqualTo("{__name__=\"m\", cluster=\"c1\", i=\"0\", zone=\"z\"}");
    assertThat(all.get(0).samples()).extracting(TimeSeries.Sample::timestamp).containsExactly(20L, 30L, 40L);
    // a series' own label wins over the external label of the same name
    assertThat(all.get(1).labels().toString()).isEqualTo("{__name__=\"m\", cluster=\"c2\", i=\"2\", zone=\"z\"}");
    assertThat(all.get(2).labels().get("zone")).isEqualTo("own");
    assertThat(all.get(2).samples()).hasSize(11);
  }

  @Test
  void anEqualityMatcherOnAnExternalLabelSelectsSeriesWithoutIt() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(), () -> EXTERNAL, 0, 2, 1_048_576);
    List<TimeSeries> c1 = ReadRequestCodec.decodeResponse(read(h, new ReadRequest(List.of(
        new ReadRequest.Query(0, 100, List.of(eq("__name__", "m"), eq("cluster", "c1")), null)), List.of())).body());
    assertThat(c1).extracting(s -> s.labels().get("i")).containsExactly("0", "1");
    List<TimeSeries> c2 = ReadRequestCodec.decodeResponse(read(h, new ReadRequest(List.of(
        new ReadRequest.Query(0, 100, List.of(eq("__name__", "m"), eq("cluster", "c2")), null)), List.of())).body());
    assertThat(c2).extracting(s -> s.labels().get("i")).containsExactly("2");
  }

  @Test
  void hintsNarrowTheSamplesAndSeriesHintsDropThem() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(), () -> Labels.EMPTY, 0, 2, 1_048_576);
    ReadRequest.ReadHints narrow = new ReadRequest.ReadHints(0, "", 45, 65, List.of(), false, 0);
    ReadRequest.ReadHints series = new ReadRequest.ReadHints(0, "series", 0, 100, List.of(), false, 0);
    List<TimeSeries> all = ReadRequestCodec.decodeResponse(read(h, new ReadRequest(List.of(
        new ReadRequest.Query(0, 100, List.of(eq("__name__", "m")), narrow),
        new ReadRequest.Query(0, 100, List.of(eq("__name__", "m")), series)), List.of())).body());
    assertThat(all).extracting(s -> s.labels().get("i")).containsExactly("2", "0", "1", "2", "0", "1");
    assertThat(all.get(0).samples()).containsExactly(new TimeSeries.Sample(50, 7));
    assertThat(all.get(1).samples()).extracting(TimeSeries.Sample::timestamp).containsExactly(50L, 60L);
    assertThat(all.subList(3, 6)).allSatisfy(s -> assertThat(s.samples()).isEmpty());
  }

  @Test
  void seriesWithoutSamplesInRangeAreLeftOut() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(), () -> Labels.EMPTY, 0, 2, 1_048_576);
    List<TimeSeries> all = ReadRequestCodec.decodeResponse(read(h, new ReadRequest(List.of(
        new ReadRequest.Query(55, 59, List.of(eq("__name__", "m")), null),
        new ReadRequest.Query(0, 45, List.of(eq("__name__", "m")), null)), List.of())).body());
    assertThat(all).hasSize(2);
    assertThat(all).extracting(s -> s.labels().get("i")).containsExactly("0", "1");
  }

  @Test
  void theSampleLimitCountsPerQuery() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(), () -> Labels.EMPTY, 11, 2, 1_048_576);
    ReadRequest.Query one = new ReadRequest.Query(0, 100, List.of(eq("__name__", "m"), eq("i", "0")), null);
    assertThat(read(h, new ReadRequest(List.of(one, one), List.of())).status()).isEqualTo(200);
    RemoteReadHandler.Response r = read(h, new ReadRequest(List.of(
        new ReadRequest.Query(0, 100, List.of(eq("__name__", "m")), null)), List.of()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).isEqualTo("exceeded sample limit (11)\n");
    assertThat(r.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8")
        .containsEntry("Content-Encoding", "snappy");
  }

  @Test
  void errorsAreWordedAsPrometheusWordsThem() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(), () -> Labels.EMPTY, 0, 2, 1_048_576);
    RemoteReadHandler.Response bad = h.read("not snappy".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(text(bad)).isEqualTo("snappy: corrupt input\n");
    assertThat(bad.headers()).doesNotContainKey("Content-Encoding");

    RemoteReadHandler.Response unknown = read(h, new ReadRequest(List.of(), List.of(5, 7)));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(text(unknown)).isEqualTo("server does not support any of the requested response types: "
        + "[5 7]; supported: map[SAMPLES:{} STREAMED_XOR_CHUNKS:{}]\n");

    RemoteReadHandler.Response regex = read(h, new ReadRequest(List.of(new ReadRequest.Query(0, 1,
        List.of(new ReadRequest.LabelMatcher(2, "a", "(")), null)), List.of()));
    assertThat(regex.status()).isEqualTo(500);
    assertThat(text(regex)).startsWith("error parsing regexp: ");
  }

  @Test
  void queriesCountsTheServedAndTheWaitingRequests() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(), () -> Labels.EMPTY, 0, 1, 1_048_576);
    byte[] body = ReadRequestCodec.encodeRequest(new ReadRequest(List.of(
        new ReadRequest.Query(0, 100, List.of(eq("__name__", "m")), null)), List.of()));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    int[] seenInside = new int[1];
    RemoteReadHandler.Exchange holding = new RemoteReadHandler.Exchange() {
      @Override
      public void respond(RemoteReadHandler.Response response) {
        seenInside[0] = h.queries();
        inside.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public OutputStream stream(Map<String, String> headers) {
        throw new AssertionError("a SAMPLES request is not streamed");
      }
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = threads.submit(() -> {
        h.read(body, holding);
        return null;
      });
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      Future<RemoteReadHandler.Response> second = threads.submit(() -> h.read(body));
      for (int i = 0; i < 1000 && h.queries() < 2; i++) {
        Thread.sleep(5);
      }
      assertThat(h.queries()).as("one served, one waiting for the concurrency limit").isEqualTo(2);
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
    assertThat(seenInside[0]).isEqualTo(1);
    assertThat(h.queries()).isZero();
  }
}
