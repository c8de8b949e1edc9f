package org.swarmmon.collector.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.chunkenc.XorChunk;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.labels.Labels;

/** STREAMED_XOR_CHUNKS: the frame writer and reader, the ChunkedReadResponse codec, the handler. */
class StreamedChunksTest {

  private static final Labels EXTERNAL = Labels.of("cluster", "c1");

  @Test
  void aFrameIsTheUvarintLengthTheBigEndianCastagnoliSumAndTheMessage() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChunkedWriter w = new ChunkedWriter(out);
    w.write("123456789".getBytes(StandardCharsets.US_ASCII));
    w.write(new byte[0]);
    byte[] big = new byte[300];
    Arrays.fill(big, (byte) 7);
    w.write(big);
    byte[] bytes = out.toByteArray();
    // CRC-32C's check value for "123456789" is 0xe3069283
    assertThat(Arrays.copyOf(bytes, 5)).containsExactly(9, 0xe3, 0x06, 0x92, 0x83);
    assertThat(new String(bytes, 5, 9, StandardCharsets.US_ASCII)).isEqualTo("123456789");
    // 300 = 0b10_0101100: two uvarint bytes, low seven bits first
    assertThat(Arrays.copyOfRange(bytes, 14, 16)).containsExactly(0xac, 0x02);
    assertThat(bytes).hasSize(14 + 2 + 4 + 300);

    ChunkedReader r = new ChunkedReader(new ByteArrayInputStream(bytes), 300);
    assertThat(new String(r.next(), StandardCharsets.US_ASCII)).isEqualTo("123456789");
    assertThat(r.next()).isEqualTo(big);
    assertThat(r.next()).isNull();

    assertThatThrownBy(() -> new ChunkedReader(new ByteArrayInputStream(bytes, 14, bytes.length - 14), 299).next())
        .hasMessage("chunkedReader: message size exceeded the limit 299 bytes; got: 300 bytes");
    byte[] corrupt = bytes.clone();
    corrupt[10] ^= 1;
    assertThatThrownBy(() -> new ChunkedReader(new ByteArrayInputStream(corrupt), 1000).next())
        .hasMessage("chunkedReader: corrupted frame; checksum mismatch");
    assertThatThrownBy(() -> new ChunkedReader(new ByteArrayInputStream(bytes, 0, 12), 1000).next())
        .hasMessage("unexpected EOF");
  }

  @Test
  void theCodecRoundTripsAndSizesAsGogoProtobuf() throws Exception {
    ChunkedReadResponse.Chunk c = new ChunkedReadResponse.Chunk(-5, 1_700_000_000_000L, 1, new byte[] {0, 1, 2});
    ChunkedReadResponse r = new ChunkedReadResponse(List.of(new ChunkedReadResponse.ChunkedSeries(
        Labels.of("__name__", "up", "job", "j"), List.of(c, new ChunkedReadResponse.Chunk(0, 0, 0, new byte[0])))), 3);
    byte[] bytes = ChunkedReadCodec.encode(r);
    ChunkedReadResponse back = ChunkedReadCodec.decode(bytes);
    assertThat(back.queryIndex()).isEqualTo(3);
    assertThat(back.chunkedSeries()).hasSize(1);
    assertThat(back.chunkedSeries().get(0).labels().toString())
        .isEqualTo(r.chunkedSeries().get(0).labels().toString());
    List<ChunkedReadResponse.Chunk> chunks = back.chunkedSeries().get(0).chunks();
    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).minTimeMs()).isEqualTo(-5);
    assertThat(chunks.get(0).maxTimeMs()).isEqualTo(1_700_000_000_000L);
    assertThat(chunks.get(0).type()).isEqualTo(1);
    assertThat(chunks.get(0).data()).containsExactly(0, 1, 2);
    assertThat(chunks.get(1).data()).isEmpty();
    // min: tag + 10-byte negative varint; max: tag + 6 bytes; type: 2; data: tag, length, 3 bytes
    assertThat(ChunkedReadCodec.chunkSize(c)).isEqualTo(11 + 7 + 2 + 5);
    assertThat(ChunkedReadCodec.chunkSize(chunks.get(1))).isZero();
    assertThat(ChunkedReadCodec.labelSize("job", "j")).isEqualTo(5 + 3);
    // series: 2 labels (2 + 14, 2 + 8), 2 chunks (2 + 25, 2 + 0); query_index: 2
    assertThat(bytes).hasSize(2 + 16 + 10 + 27 + 2 + 2);
  }

  private static MemoryStorage storage(int samples) {
    MemoryStorage s = new MemoryStorage();
    for (int t = 0; t < samples; t++) {
      s.add(Labels.of("__name__", "m", "i", "0"), t * 10L, t * 0.5);
    }
    s.add(Labels.of("__name__", "m", "i", "1", "cluster", "own"), 50, Double.NaN);
    return s;
  }

  private static List<ChunkedReadResponse> frames(RemoteReadHandler.Response r) throws Exception {
    ChunkedReader reader = new ChunkedReader(new ByteArrayInputStream(r.body()), ChunkedReader.DEFAULT_SIZE_LIMIT);
    List<ChunkedReadResponse> out = new ArrayList<>();
    for (byte[] m = reader.next(); m != null; m = reader.next()) {
      out.add(ChunkedReadCodec.decode(m));
    }
    return out;
  }

  private static List<TimeSeries.Sample> samples(ChunkedReadResponse frame) {
    List<TimeSeries.Sample> out = new ArrayList<>();
    for (ChunkedReadResponse.Chunk c : frame.chunkedSeries().get(0).chunks()) {
      assertThat(c.type()).isEqualTo(XorChunk.ENCODING);
      XorChunk.Iterator it = XorChunk.iterator(c.data());
      List<Long> ts = new ArrayList<>();
      while (it.next()) {
        out.add(new TimeSeries.Sample(it.timestamp(), it.value()));
        ts.add(it.timestamp());
      }
      assertThat(ts.size()).isBetween(1, RemoteReadHandler.MAX_SAMPLES_IN_CHUNK);
      assertThat(ts.get(0)).isEqualTo(c.minTimeMs());
      assertThat(ts.get(ts.size() - 1)).isEqualTo(c.maxTimeMs());
    }
    return out;
  }

  private static byte[] request(List<Integer> accepted, ReadRequest.Query... queries) throws Exception {
    return ReadRequestCodec.encodeRequest(new ReadRequest(List.of(queries), accepted));
  }

  private static ReadRequest.Query query(long from, long to, ReadRequest.LabelMatcher... ms) {
    return new ReadRequest.Query(from, to, List.of(ms), null);
  }

  private static final ReadRequest.LabelMatcher M = new ReadRequest.LabelMatcher(0, "__name__", "m");

  @Test
  void streamsEachSeriesOfEachQueryWithExternalLabelsAndNoSampleLimit() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(300), () -> EXTERNAL, 5, 2, 1_048_576);
    RemoteReadHandler.Response r = h.read(request(List.of(7, 1, 0),
        query(0, 10_000, M), query(100, 200, M, new ReadRequest.LabelMatcher(0, "cluster", "c1"))));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsExactly(java.util.Map.entry("Content-Type",
        "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse"));
    List<ChunkedReadResponse> frames = frames(r);
    assertThat(frames).extracting(ChunkedReadResponse::queryIndex).containsExactly(0L, 0L, 1L);
    // sorted by the series' own labels: {cluster="own", i="1"} before {i="0"}
    assertThat(frames.get(0).chunkedSeries().get(0).labels().toString())
        .isEqualTo(Labels.of("__name__", "m", "cluster", "own", "i", "1").toString());
    assertThat(Double.doubleToRawLongBits(samples(frames.get(0)).get(0).value()))
        .isEqualTo(Double.doubleToRawLongBits(Double.NaN));
    assertThat(frames.get(1).chunkedSeries().get(0).labels().toString())
        .isEqualTo(Labels.of("__name__", "m", "cluster", "c1", "i", "0").toString());
    List<TimeSeries.Sample> all = samples(frames.get(1));
    assertThat(all).hasSize(300);
    assertThat(all.get(299)).isEqualTo(new TimeSeries.Sample(2990, 149.5));
    assertThat(frames.get(1).chunkedSeries().get(0).chunks()).hasSize(3);
    assertThat(samples(frames.get(2))).extracting(TimeSeries.Sample::timestamp)
        .containsExactly(100L, 110L, 120L, 130L, 140L, 150L, 160L, 170L, 180L, 190L, 200L);
  }

  @Test
  void aSeriesIsCutIntoFramesAsPrometheusCutsIt() throws Exception {
    // labels {__name__="m", cluster="c1", i="0"}: 13 + 14 + 8 = 35 bytes; 100 bytes leave 65,
    // less than one 120-sample chunk, so every chunk is a frame of its own
    RemoteReadHandler h = new RemoteReadHandler(storage(300), () -> EXTERNAL, 0, 2, 100);
    List<ChunkedReadResponse> frames = frames(h.read(request(List.of(1), query(0, 10_000, M))));
    assertThat(frames).hasSize(4);
    assertThat(frames.subList(1, 4)).allSatisfy(f -> assertThat(f.chunkedSeries().get(0).chunks()).hasSize(1));
    List<TimeSeries.Sample> all = new ArrayList<>();
    frames.subList(1, 4).forEach(f -> all.addAll(samples(f)));
    assertThat(all).extracting(TimeSeries.Sample::timestamp).hasSize(300).isSorted();

    // a roomy frame holds all three chunks
    h = new RemoteReadHandler(storage(300), () -> EXTERNAL, 0, 2, 4096);
    frames = frames(h.read(request(List.of(1), query(0, 10_000, M))));
    assertThat(frames).hasSize(2);
    assertThat(frames.get(1).chunkedSeries().get(0).chunks()).hasSize(3);
  }

  @Test
  void errorsBeforeTheFirstFrameAreA500AndAfterItEndTheBody() throws Exception {
    RemoteReadHandler h = new RemoteReadHandler(storage(3), () -> EXTERNAL, 0, 2, 1_048_576);
    ReadRequest.Query bad = query(0, 10, new ReadRequest.LabelMatcher(2, "a", "("));
    RemoteReadHandler.Response first = h.read(request(List.of(1), bad));
    assertThat(first.status()).isEqualTo(500);
    assertThat(first.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
    assertThat(new String(first.body(), StandardCharsets.UTF_8)).startsWith("error parsing regexp: ");

    RemoteReadHandler.Response later = h.read(request(List.of(1), query(0, 100, M), bad));
    assertThat(later.status()).isEqualTo(200);
    String body = new String(later.body(), StandardCharsets.ISO_8859_1);
    assertThat(body).contains("error parsing regexp: ").endsWith("\n");

    RemoteReadHandler.Response none = h.read(request(List.of(1), query(0, 100, new ReadRequest.LabelMatcher(0, "__name__", "x"))));
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.body()).isEmpty();
  }
}
