package org.swarmmon.collector.chunkenc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.storage.StaleNaN;

class XorChunkTest {

  private static List<long[]> roundTrip(long[] ts, double[] vs) {
    XorChunk.Appender a = new XorChunk.Appender();
    for (int i = 0; i < ts.length; i++) {
      a.append(ts[i], vs[i]);
    }
    byte[] data = a.bytes();
    assertThat(XorChunk.count(data)).isEqualTo(ts.length);
    XorChunk.Iterator it = XorChunk.iterator(data);
    List<long[]> out = new ArrayList<>();
    while (it.next()) {
      out.add(new long[] {it.timestamp(), Double.doubleToRawLongBits(it.value())});
    }
    return out;
  }

  private static void assertRoundTrip(long[] ts, double[] vs) {
    List<long[]> out = roundTrip(ts, vs);
    assertThat(out).hasSize(ts.length);
    for (int i = 0; i < ts.length; i++) {
      assertThat(out.get(i)[0]).as("timestamp %d", i).isEqualTo(ts[i]);
      assertThat(out.get(i)[1]).as("value bits %d", i).isEqualTo(Double.doubleToRawLongBits(vs[i]));
    }
  }

  @Test
  void specialValuesKeepTheirExactBits() {
    double[] vs = {1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, StaleNaN.VALUE, -0.0, 0.0,
        Double.MIN_VALUE, Double.MAX_VALUE, StaleNaN.VALUE, 42, 42, Double.longBitsToDouble(0x7ff8000000000001L)};
    long[] ts = new long[vs.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = 1_700_000_000_000L + i * 15_000L;
    }
    assertRoundTrip(ts, vs);
    List<long[]> out = roundTrip(ts, vs);
    assertThat(StaleNaN.is(Double.longBitsToDouble(out.get(4)[1]))).isTrue();
    assertThat(StaleNaN.is(Double.longBitsToDouble(out.get(1)[1]))).isFalse();
  }

  @Test
  void irregularTimestampsInEveryDeltaOfDeltaBucket() {
    long[] deltas = {15_000, 15_000, 15_001, 14_990, 15_000 + 8_000, 15_000 + 60_000, 15_000 + 500_000, 1, 3_600_000_000L, 1, 0 + 1};
    long[] ts = new long[deltas.length + 1];
    double[] vs = new double[ts.length];
    ts[0] = -5_000; // negative timestamps too
    for (int i = 0; i < deltas.length; i++) {
      ts[i + 1] = ts[i] + deltas[i];
    }
    for (int i = 0; i < vs.length; i++) {
      vs[i] = i * 0.1;
    }
    assertRoundTrip(ts, vs);
  }

  @Test
  void randomSeriesRoundTrip() {
    Random r = new Random(7);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(200);
      long[] ts = new long[n];
      double[] vs = new double[n];
      long t = r.nextLong() >> 20;
      double v = r.nextDouble() * 1000;
      for (int i = 0; i < n; i++) {
        t += 1 + (r.nextInt(4) == 0 ? r.nextInt(1 << 22) : 15_000 + r.nextInt(20) - 10);
        v = switch (r.nextInt(4)) {
          case 0 -> v;
          case 1 -> v + 1;
          case 2 -> r.nextGaussian() * 1e9;
          default -> Double.longBitsToDouble(r.nextLong());
        };
        ts[i] = t;
        vs[i] = v;
      }
      assertRoundTrip(ts, vs);
    }
  }

  @Test
  void seekMovesForwardOnly() {
    XorChunk.Appender a = new XorChunk.Appender();
    for (int i = 0; i < 10; i++) {
      a.append(i * 10, i);
    }
    XorChunk.Iterator it = XorChunk.iterator(a.bytes());
    assertThat(it.seek(35)).isTrue();
    assertThat(it.timestamp()).isEqualTo(40);
    assertThat(it.seek(10)).isTrue();
    assertThat(it.timestamp()).isEqualTo(40);
    assertThat(it.seek(91)).isFalse();
  }

  @Test
  void regularScrapesCompressToAboutOneAndAHalfBytesPerSample() {
    XorChunk.Appender a = new XorChunk.Appender();
    double counter = 1000;
    for (int i = 0; i < 120; i++) {
      counter += i % 3;
      a.append(1_700_000_000_000L + i * 15_000L, counter);
    }
    assertThat(a.bytes().length).isLessThan(120 * 3);
  }

  @Test
  void appenderKnowsItsFirstAndLastSampleAndKeepsTheLastOneAcrossReset() {
    for (long first : new long[] {0, -1, 63, 64, -1_700_000_000_000L, 1_700_000_000_000L, Long.MAX_VALUE - 100}) {
      XorChunk.Appender a = new XorChunk.Appender();
      assertThat(a.lastT()).isEqualTo(Long.MIN_VALUE);
      a.append(first, 1.5);
      a.append(first + 7, -2.25);
      assertThat(a.firstT()).isEqualTo(first);
      assertThat(XorChunk.firstTimestamp(a.bytes())).isEqualTo(first);
      a.reset();
      assertThat(a.lastT()).isEqualTo(first + 7);
      assertThat(a.lastBits()).isEqualTo(Double.doubleToRawLongBits(-2.25));
      a.append(first + 50, 3);
      assertRoundTripOf(a.bytes(), first + 50, 3);
    }
  }

  private static void assertRoundTripOf(byte[] data, long t, double v) {
    XorChunk.Iterator it = XorChunk.iterator(data);
    assertThat(it.next()).isTrue();
    assertThat(it.timestamp()).isEqualTo(t);
    assertThat(it.value()).isEqualTo(v);
    assertThat(it.next()).isFalse();
  }
}
