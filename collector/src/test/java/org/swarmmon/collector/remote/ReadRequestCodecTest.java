package org.swarmmon.collector.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;
import org.xerial.snappy.Snappy;

/** The remote-read protobuf messages both ways, and the errors a bad body gets. */
class ReadRequestCodecTest {

  private static final ReadRequest.ReadHints HINTS =
      new ReadRequest.ReadHints(15_000, "rate", -5, 1_000, List.of("job", "instance"), true, 300_000);

  @Test
  void requestRoundTripKeepsEveryField() throws Exception {
    ReadRequest in = new ReadRequest(List.of(
        new ReadRequest.Query(-1_000, 2_000, List.of(
            new ReadRequest.LabelMatcher(0, "__name__", "up"),
            new ReadRequest.LabelMatcher(1, "job", "ü"),
            new ReadRequest.LabelMatcher(2, "instance", "a.*"),
            new ReadRequest.LabelMatcher(3, "x", "")), HINTS),
        new ReadRequest.Query(0, 0, List.of(), null)),
        List.of(ReadRequest.STREAMED_XOR_CHUNKS, ReadRequest.SAMPLES, 7));
    assertThat(ReadRequestCodec.decodeRequest(ReadRequestCodec.encodeRequest(in))).isEqualTo(in);
  }

  @Test
  void clientRequestIsOneQueryWithHintsAcceptingSamples() throws Exception {
    List<Matcher> matchers = List.of(Matcher.equal("__name__", "up"), Matcher.regex("job", "n.*"));
    ReadRequest r = ReadRequestCodec.decodeRequest(ReadRequestCodec.encode(10, 20, matchers));
    assertThat(r.acceptedResponseTypes()).containsExactly(ReadRequest.SAMPLES);
    assertThat(r.queries()).containsExactly(new ReadRequest.Query(10, 20,
        List.of(new ReadRequest.LabelMatcher(0, "__name__", "up"), new ReadRequest.LabelMatcher(2, "job", "n.*")),
        new ReadRequest.ReadHints(0, "", 10, 20, List.of(), false, 0)));
    assertThat(r.queries().get(0).matchers().get(1).toMatcher()).isEqualTo(matchers.get(1));
  }

  @Test
  void unpackedResponseTypesAreReadToo() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    out.writeEnum(2, 1);
    out.writeEnum(2, 0);
    out.flush();
    ReadRequest r = ReadRequestCodec.decodeRequest(Snappy.compress(buf.toByteArray()));
    assertThat(r.acceptedResponseTypes()).containsExactly(1, 0);
    assertThat(r.queries()).isEmpty();
  }

  @Test
  void badBodiesFailInPrometheusWords() throws Exception {
    assertThatThrownBy(() -> ReadRequestCodec.decodeRequest("garbage".getBytes()))
        .isInstanceOf(IOException.class).hasMessage("snappy: corrupt input");
    assertThatThrownBy(() -> ReadRequestCodec.decodeRequest(new byte[0]))
        .hasMessage("snappy: corrupt input");
    byte[] raw = Snappy.uncompress(ReadRequestCodec.encode(10, 20, List.of(Matcher.equal("a", "b"))));
    byte[] cut = Snappy.compress(Arrays.copyOf(raw, raw.length - 4));
    assertThatThrownBy(() -> ReadRequestCodec.decodeRequest(cut)).hasMessage("unexpected EOF");
    // a length beyond int32 (Go reads it as int64 and runs out of input): Prometheus 2.42's text too
    byte[] farLength = Snappy.compress(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1, 2});
    assertThatThrownBy(() -> ReadRequestCodec.decodeRequest(farLength)).hasMessage("unexpected EOF");
  }

  @Test
  void unknownMatcherTypeAndBadRegexFailWhenTheQueryRuns() {
    assertThatThrownBy(() -> new ReadRequest.LabelMatcher(9, "a", "b").toMatcher())
        .hasMessage("invalid matcher type");
    assertThatThrownBy(() -> new ReadRequest.LabelMatcher(2, "a", "(").toMatcher())
        .hasMessageStartingWith("error parsing regexp: ");
  }

  @Test
  void responseRoundTripKeepsResultsInOrder() throws Exception {
    TimeSeries a = new TimeSeries(Labels.of("__name__", "a", "x", "1"),
        List.of(new TimeSeries.Sample(1, 0.5), new TimeSeries.Sample(2, Double.NaN)));
    TimeSeries b = new TimeSeries(Labels.of("__name__", "b"), List.of());
    byte[] body = ReadRequestCodec.encodeResponse(List.of(List.of(a, b), List.of(), List.of(a)));
    List<TimeSeries> all = ReadRequestCodec.decodeResponse(body);
    assertThat(all).hasSize(3);
    assertThat((Object) all.get(0).labels()).isEqualTo(a.labels());
    assertThat(all.get(0).samples().get(0)).isEqualTo(new TimeSeries.Sample(1, 0.5));
    assertThat(all.get(0).samples().get(1).value()).isNaN();
    assertThat((Object) all.get(1).labels()).isEqualTo(b.labels());
    assertThat(all.get(1).samples()).isEmpty();
    assertThat(ReadRequestCodec.decodeResponse(ReadRequestCodec.encodeResponse(List.of()))).isEmpty();
  }
}
