package org.swarmmon.collector.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.swarmmon.collector.promql.Sample;
import org.swarmmon.collector.promql.Series;
import org.swarmmon.collector.promql.Value;
import org.swarmmon.labels.Labels;

/**
 * The API's JSON: Prometheus's envelope and its encoding of query results. Query results are
 * streamed straight into the JSON generator (no intermediate maps, lists or BigDecimals per point):
 * a dashboard's small query_range answers would otherwise spend most of their time here.
 */
public final class ApiJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private ApiJson() {}

  /** A query's value, written as {@code {"resultType":...,"result":...}}; see {@link #queryData}. */
  public record QueryData(Value value) {}

  /** {@code {"status":"success","data":...,"warnings":[...]}} (warnings only when there are some). */
  public static String success(Object data, List<String> warnings) {
    SegmentedStringWriter out = new SegmentedStringWriter(MAPPER.getFactory()._getBufferRecycler());
    try {
      JsonGenerator g = MAPPER.getFactory().createGenerator(out);
      writeSuccess(g, data, warnings);
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #success(Object, List)} as UTF-8, written as bytes directly (a lone surrogate in a label
   * value comes out as a {@code \\uD800} escape here, where encoding the String would give {@code ?}).
   */
  public static byte[] successUtf8(Object data, List<String> warnings) {
    ByteArrayBuilder out = new ByteArrayBuilder(MAPPER.getFactory()._getBufferRecycler());
    try {
      JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
      writeSuccess(g, data, warnings);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.release();
    }
  }

  private static void writeSuccess(JsonGenerator g, Object data, List<String> warnings) throws IOException {
    g.setCodec(MAPPER);
    g.writeStartObject();
    g.writeStringField("status", "success");
    g.writeFieldName("data");
    if (data instanceof QueryData q) {
      writeQueryData(g, q.value());
    } else {
      MAPPER.writeValue(g, data);
    }
    if (warnings != null && !warnings.isEmpty()) {
      g.writeFieldName("warnings");
      g.writeStartArray();
      for (String w : warnings) {
        g.writeString(w);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.close();
  }

  public static String success(Object data) {
    return success(data, List.of());
  }

  /** {@code {"status":"error","errorType":...,"error":...}}. */
  public static String error(ApiError e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "error");
    body.put("errorType", e.type());
    body.put("error", e.getMessage());
    return write(body);
  }

  public static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"resultType":...,"result":...}} of a query, for {@link #success}. */
  public static QueryData queryData(Value value) {
    return new QueryData(value);
  }

  private static void writeQueryData(JsonGenerator g, Value value) throws IOException {
    RawJson raw = new RawJson();
    g.writeStartObject();
    g.writeStringField("resultType", value.type().apiName());
    g.writeFieldName("result");
    if (value instanceof Value.Scalar s) {
      writePoint(g, raw, s.timestampMillis(), s.value());
    } else if (value instanceof Value.Str s) {
      g.writeStartArray();
      g.writeNumber(timestampText(s.timestampMillis()));
      g.writeString(s.value());
      g.writeEndArray();
    } else if (value instanceof Value.Vector v) {
      g.writeStartArray();
      for (Sample s : v.samples()) {
        g.writeStartObject();
        g.writeFieldName("metric");
        writeLabels(g, s.metric());
        g.writeFieldName("value");
        writePoint(g, raw, s.timestampMillis(), s.value());
        g.writeEndObject();
      }
      g.writeEndArray();
    } else {
      g.writeStartArray();
      for (Series s : ((Value.Matrix) value).series()) {
        g.writeStartObject();
        g.writeFieldName("metric");
        writeLabels(g, s.metric());
        g.writeFieldName("values");
        // the points as one raw value: timestamps and sample values never need escaping
        long[] ts = s.timestamps();
        double[] vs = s.values();
        raw.clear();
        raw.put('[');
        for (int i = 0; i < ts.length; i++) {
          if (i > 0) {
            raw.put(',');
          }
          raw.point(ts[i], vs[i]);
        }
        raw.put(']');
        g.writeRawValue(raw);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writePoint(JsonGenerator g, RawJson raw, long millis, double v) throws IOException {
    raw.clear();
    raw.point(millis, v);
    g.writeRawValue(raw);
  }

  private static void writeLabels(JsonGenerator g, Labels labels) throws IOException {
    // Labels are sorted by name, the order of the TreeMap labels(...) gives
    g.writeStartObject();
    for (int i = 0; i < labels.size(); i++) {
      g.writeStringField(labels.name(i), labels.value(i));
    }
    g.writeEndObject();
  }

  public static List<Object> point(long millis, double v) {
    return List.of(timestamp(millis), number(v));
  }

  /** Unix seconds with milliseconds, as a JSON number ({@code 1435781451.781}). */
  public static BigDecimal timestamp(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros();
  }

  /** {@link #timestamp} as its plain text, without a BigDecimal. */
  static String timestampText(long millis) {
    RawJson raw = new RawJson();
    raw.timestamp(millis);
    return raw.text();
  }

  /** A sample value as Prometheus writes it: Go's {@code 'f', -1} format, {@code NaN}, {@code +Inf}, {@code -Inf}. */
  public static String number(double v) {
    RawJson raw = new RawJson();
    raw.number(v);
    return raw.text();
  }

  public static Map<String, String> labels(Labels labels) {
    return labels.toMap();
  }
}
