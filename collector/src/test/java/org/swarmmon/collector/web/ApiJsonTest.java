package org.swarmmon.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.promql.Sample;
import org.swarmmon.collector.promql.Series;
import org.swarmmon.collector.promql.Value;
import org.swarmmon.gotemplate.GoStrconv;
import org.swarmmon.labels.Labels;

/**
 * The streamed query-result JSON and the BigDecimal-free number and timestamp texts give exactly
 * what the earlier encoding (Jackson over maps and lists, BigDecimal plain strings) gave.
 */
class ApiJsonTest {

  /** The earlier encoding of a sample value. */
  private static String referenceNumber(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    return GoStrconv.shortest(v).stripTrailingZeros().toPlainString();
  }

  /** Go's strconv.FormatFloat(v, 'f', -1, 64), where JDK 17's Double.toString is not the shortest. */
  @Test
  void numbersAsGoWritesThem() {
    assertThat(ApiJson.number(1e23)).isEqualTo("100000000000000000000000");
    assertThat(ApiJson.number(2e23)).isEqualTo("200000000000000000000000");
    assertThat(ApiJson.number(2.82879384806159E17)).isEqualTo("282879384806159000");
    assertThat(ApiJson.number(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
  }

  @Test
  void numbersAsBigDecimalPlainStrings() {
    SplittableRandom r = new SplittableRandom(42);
    List<Double> values = new ArrayList<>(List.of(1e15, -1e15, 1e15 - 1, 9007199254740991.0, 9007199254740992.0,
        1e16, 1e21, 1e22, 1e23, 2e23, 1.5e-7, 1e-5, 1e-3, 0.001, 1e7, 1e7 + 0.5, 123.25, -0.1, Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 0.1 + 0.2, 1 / 3.0, 100.0, 4.35, 2.0E-3));
    for (int i = 0; i < 100_000; i++) {
      values.add(Double.longBitsToDouble(r.nextLong()));
      values.add((double) r.nextLong(-(1L << 53), 1L << 53));
      values.add((double) r.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L));
      values.add(r.nextInt(-100_000, 100_000) / 1000.0);
      values.add(r.nextDouble() * Math.pow(10, r.nextInt(-30, 30)));
      values.add((double) r.nextLong() * Math.pow(2, r.nextInt(-20, 20)));
    }
    for (double v : values) {
      assertThat(ApiJson.number(v)).as("%s", v).isEqualTo(referenceNumber(v));
    }
  }

  @Test
  void timestampsAsBigDecimalPlainStrings() {
    SplittableRandom r = new SplittableRandom(7);
    List<Long> millis = new ArrayList<>(List.of(0L, 1L, -1L, 10L, 100L, 1000L, -1000L, 1500L, -1500L, -500L,
        1435781451781L, 1435781451780L, 1435781451700L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
        -9223372036854775L, 9223372036854775L));
    for (int i = 0; i < 100_000; i++) {
      millis.add(r.nextLong());
      millis.add(r.nextLong(-4_000_000_000_000L, 4_000_000_000_000L));
    }
    for (long m : millis) {
      assertThat(ApiJson.timestampText(m)).as("%s", m).isEqualTo(ApiJson.timestamp(m).toPlainString());
    }
  }

  @Test
  void streamedResultsAsTheMapEncoding() {
    Labels a = Labels.of("__name__", "up", "job", "a\"b\\c\n\u0001é/<>&", "instance", "x");
    Labels b = Labels.EMPTY;
    List<Value> values = List.of(
        new Value.Scalar(1435781451781L, 0.1),
        new Value.Scalar(-1500, Double.NaN),
        new Value.Str(1000, "s \"q\" \u0002"),
        new Value.Vector(List.of()),
        new Value.Vector(List.of(new Sample(a, 1435781451000L, 1e21), new Sample(b, 5, Double.NEGATIVE_INFINITY))),
        new Value.Matrix(List.of()),
        new Value.Matrix(List.of(
            new Series(a, new long[] {1000, 1015, 2000}, new double[] {0.5, -0.0, 1.5e-7}),
            new Series(b, new long[0], new double[0]))),
        // longer than Jackson's output buffer: the raw points are written past it
        new Value.Matrix(List.of(longSeries(a, 3_000), longSeries(b, 700))));
    for (Value v : values) {
      for (List<String> warnings : List.of(List.<String>of(), List.of("w1", "w \"2\""))) {
        String expected = mapEncoding(v, warnings);
        assertThat(ApiJson.success(ApiJson.queryData(v), warnings)).isEqualTo(expected);
        assertThat(new String(ApiJson.successUtf8(ApiJson.queryData(v), warnings), StandardCharsets.UTF_8))
            .isEqualTo(expected);
      }
    }
    assertThat(ApiJson.success(List.of("a", "b"))).isEqualTo("{\"status\":\"success\",\"data\":[\"a\",\"b\"]}");
    assertThat(ApiJson.success(null)).isEqualTo("{\"status\":\"success\",\"data\":null}");
    Value lone = new Value.Vector(List.of(new Sample(Labels.of("a", "x\ud800y"), 0, 1)));
    assertThat(new String(ApiJson.successUtf8(ApiJson.queryData(lone), List.of()), StandardCharsets.UTF_8))
        .isEqualTo(mapEncoding(lone, List.of()).replace("x\ud800y", "x\\uD800y"));
  }

  private static Series longSeries(Labels labels, int points) {
    SplittableRandom random = new SplittableRandom(points);
    long[] ts = new long[points];
    double[] vs = new double[points];
    for (int i = 0; i < points; i++) {
      ts[i] = 1795331520000L + i * 15_001L;
      vs[i] = i % 3 == 0 ? i : random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
    }
    return new Series(labels, ts, vs);
  }

  /** The earlier encoding: the envelope and result as maps and lists, written by Jackson. */
  private static String mapEncoding(Value value, List<String> warnings) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("resultType", value.type().apiName());
    Object result;
    if (value instanceof Value.Scalar s) {
      result = ApiJson.point(s.timestampMillis(), s.value());
    } else if (value instanceof Value.Str s) {
      result = List.of(ApiJson.timestamp(s.timestampMillis()), s.value());
    } else if (value instanceof Value.Vector v) {
      List<Object> out = new ArrayList<>();
      for (Sample s : v.samples()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", s.metric().toMap());
        m.put("value", ApiJson.point(s.timestampMillis(), s.value()));
        out.add(m);
      }
      result = out;
    } else {
      List<Object> out = new ArrayList<>();
      for (Series s : ((Value.Matrix) value).series()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", s.metric().toMap());
        List<Object> points = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
          points.add(ApiJson.point(s.timestamps()[i], s.values()[i]));
        }
        m.put("values", points);
        out.add(m);
      }
      result = out;
    }
    data.put("result", result);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("data", data);
    if (!warnings.isEmpty()) {
      body.put("warnings", warnings);
    }
    return ApiJson.write(body);
  }
}
