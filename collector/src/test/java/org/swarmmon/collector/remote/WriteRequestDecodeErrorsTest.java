package org.swarmmon.collector.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.storage.Appendable;

/** Bad remote-write bodies get Prometheus 2.42's 400 texts, not snappy-java's or protobuf-java's. */
class WriteRequestDecodeErrorsTest {

  private final RemoteWriteReceiver receiver = new RemoteWriteReceiver(failIfAppended());

  private static Appendable failIfAppended() {
    return () -> {
      throw new AssertionError("nothing may be appended from a bad body");
    };
  }

  @Test
  void notSnappy() {
    for (byte[] body : new byte[][] {new byte[0], "garbage".getBytes(StandardCharsets.UTF_8),
        // a header claiming ~4 GB: refused without allocating it
        {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x00}}) {
      assertThat(receiver.write(body)).isEqualTo(new RemoteWriteReceiver.Result(400, "snappy: corrupt input"));
    }
  }

  @Test
  void cutOffProtobuf() {
    // snappy of: field 1 (TimeSeries), length 2^32-1, two bytes
    byte[] proto = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01, 0x02};
    byte[] body = new byte[proto.length + 2];
    body[0] = (byte) proto.length;
    body[1] = (byte) ((proto.length - 1) << 2);
    System.arraycopy(proto, 0, body, 2, proto.length);
    assertThat(receiver.write(body)).isEqualTo(new RemoteWriteReceiver.Result(400, "unexpected EOF"));
  }
}
