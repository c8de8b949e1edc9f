package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.labels.Labels;

class ExpositionParserTest {

  record Sample(Labels labels, double value, Long timestamp) {}

  static List<Sample> samples(ExpositionParser p) throws ParseException {
    List<Sample> out = new ArrayList<>();
    ExpositionParser.Entry e;
    while ((e = p.next()) != null) {
      if (e == ExpositionParser.Entry.SERIES) {
        out.add(new Sample(p.labels(), p.value(), p.hasTimestamp() ? p.timestamp() : null));
      }
    }
    return out;
  }

  @Test
  void aHelpOfOnlyBlanksIsAnEmptyHelp() throws Exception {
    // Micrometer writes this for a meter without a description (Spring Boot's /metrics pages)
    ExpositionParser p = ExpositionParser.text("# HELP http_server_requests_active_seconds  \n"
        + "# TYPE http_server_requests_active_seconds summary\nhttp_server_requests_active_seconds_count 1\n");
    assertThat(p.next()).isEqualTo(ExpositionParser.Entry.HELP);
    assertThat(p.help()).isEmpty();
    assertThat(samples(p)).hasSize(1);
  }

  @Test
  void textFormatWithEverything() throws Exception {
    String body = """
        # HELP go_gc_duration_seconds A summary of the GC invocation durations.\\nSecond line \\\\ done
        # TYPE go_gc_duration_seconds summary
        go_gc_duration_seconds{quantile="0"} 4.9351e-05
        go_gc_duration_seconds{quantile="0.5",} 1.0e-04
        go_gc_duration_seconds_sum 0.0123
        go_gc_duration_seconds_count 7
        # a plain comment
        # TYPE http_requests_total counter
          http_requests_total { method = "post" , code="200" } 1027 1395066363000
        msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
        # TYPE rpc_duration_seconds histogram
        rpc_duration_seconds_bucket{le="+Inf"} 10
        nan_metric NaN
        inf_metric +Inf
        neg_inf -Inf
        metric_without_timestamp_and_labels 12.47

        """;
    ExpositionParser p = ExpositionParser.text(body);
    List<Sample> s = samples(p);
    assertThat(s).hasSize(11);
    assertThat((Object) s.get(0).labels()).isEqualTo(Labels.of("__name__", "go_gc_duration_seconds", "quantile", "0"));
    assertThat(s.get(1).value()).isEqualTo(1.0e-4);
    assertThat((Object) s.get(4).labels()).isEqualTo(Labels.of("__name__", "http_requests_total", "method", "post", "code", "200"));
    assertThat(s.get(4).timestamp()).isEqualTo(1395066363000L);
    assertThat(s.get(5).labels().get("path")).isEqualTo("C:\\DIR\\FILE.TXT");
    assertThat(s.get(5).labels().get("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
    assertThat(s.get(6).labels().get("le")).isEqualTo("+Inf");
    assertThat(s.get(7).value()).isNaN();
    assertThat(s.get(8).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.get(9).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(s.get(10).timestamp()).isNull();
  }

  @Test
  void metadataLines() throws Exception {
    ExpositionParser p = ExpositionParser.text(
        "# HELP a Help with \\\\ and \\n.\n# TYPE a gauge\na 1\n# TYPE b untyped\n");
    assertThat(p.next()).isEqualTo(ExpositionParser.Entry.HELP);
    assertThat(p.family()).isEqualTo("a");
    assertThat(p.help()).isEqualTo("Help with \\ and \n.");
    assertThat(p.next()).isEqualTo(ExpositionParser.Entry.TYPE);
    assertThat(p.type()).isEqualTo(MetricType.GAUGE);
    assertThat(p.next()).isEqualTo(ExpositionParser.Entry.SERIES);
    assertThat(p.series()).isEqualTo("a");
    assertThat(p.next()).isEqualTo(ExpositionParser.Entry.TYPE);
    assertThat(p.type()).isEqualTo(MetricType.UNKNOWN);
    assertThat(p.next()).isNull();
  }

  @Test
  void openMetricsWithExemplarsUnitAndEof() throws Exception {
    String body = """
        # TYPE foo_seconds histogram
        # UNIT foo_seconds seconds
        # HELP foo_seconds Foo.
        foo_seconds_bucket{le="0.1"} 8 # {trace_id="abc"} 0.05 1520879607.789
        foo_seconds_bucket{le="+Inf"} 17 1520879607.789
        foo_seconds_count 17
        foo_seconds_created 1520430000.123
        # TYPE state stateset
        state{state="a"} 1
        # EOF
        """;
    ExpositionParser p = ExpositionParser.forContentType(
        "application/openmetrics-text; version=1.0.0; charset=utf-8", body);
    assertThat(p.isOpenMetrics()).isTrue();
    List<Sample> s = samples(p);
    assertThat(s).hasSize(5);
    assertThat(s.get(0).value()).isEqualTo(8);
    assertThat(s.get(0).timestamp()).isNull();
    assertThat(s.get(1).timestamp()).isEqualTo(1520879607789L);
    assertThat(s.get(3).labels().metricName()).isEqualTo("foo_seconds_created");
  }

  @Test
  void openMetricsUnitIsKept() throws Exception {
    ExpositionParser p = ExpositionParser.openMetrics("# UNIT a_seconds seconds\n# EOF\n");
    assertThat(p.next()).isEqualTo(ExpositionParser.Entry.UNIT);
    assertThat(p.unit()).isEqualTo("seconds");
    assertThat(p.next()).isNull();
  }

  @Test
  void openMetricsRequiresEof() {
    assertThatThrownBy(() -> samples(ExpositionParser.openMetrics("a 1\n")))
        .isInstanceOf(ParseException.class).hasMessage("data does not end with # EOF (line 2)");
    assertThatThrownBy(() -> samples(ExpositionParser.openMetrics("# EOF\na 1\n")))
        .hasMessageContaining("unexpected data after # EOF");
  }

  @Test
  void badBodiesNameTheLine() {
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1\nb\n")))
        .hasMessage("expected value after metric, got \"\\n\" (line 2)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1\nb abc\n")))
        .hasMessage("strconv.ParseFloat: parsing \"abc\": invalid syntax (line 2)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a{b=\"c} 1\n")))
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a{b} 1\n")))
        .hasMessage("expected equal, got \"}\" (line 1)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("{b=\"c\"} 1\n")))
        .hasMessageContaining("is not a valid start token (line 1)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1 2 3\n")))
        .hasMessage("expected next entry after timestamp, got \"3\" (line 1)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1 x\n")))
        .hasMessage("strconv.ParseInt: parsing \"x\": invalid syntax (line 1)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("# TYPE a foo\n")))
        .hasMessage("invalid metric type \"foo\" (line 1)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1d\n")))
        .hasMessageContaining("invalid syntax");
  }

  @Test
  void lastLineWithoutNewlineAndCarriageReturns() throws Exception {
    List<Sample> s = samples(ExpositionParser.text("a 1\r\nb 2"));
    assertThat(s).extracting(Sample::value).containsExactly(1.0, 2.0);
  }

  @Test
  void valuesParseAsDoubleParseDoubleDoes() throws Exception {
    java.util.Random random = new java.util.Random(42);
    List<String> texts = new ArrayList<>(List.of("0", "-0", "+0", "1", "-1", "0.1", "1.", ".5",
        "4.9351e-05", "1.0e-04", "1e22", "1e23", "1E-22", "1e-23", "123456789012345678",
        "1234567890123456789", "9007199254740993", "1.7976931348623157e+308", "4.9e-324",
        "00012.5000", "1.458255915e9", "0.000001", "3.14159265358979323846", "2.5e+06"));
    for (int i = 0; i < 20_000; i++) {
      double d = switch (i % 4) {
        case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
        case 1 -> random.nextInt(1_000_000_000) / 1000.0;
        case 2 -> Double.longBitsToDouble(random.nextLong());
        default -> random.nextLong();
      };
      if (Double.isFinite(d)) {
        texts.add(Double.toString(d));
        texts.add(String.format(java.util.Locale.ROOT, "%.6g", d));
        texts.add(new java.math.BigDecimal(d).toPlainString());
      }
    }
    for (String text : texts) {
      double v = samples(ExpositionParser.text("a " + text + "\n")).get(0).value();
      assertThat(Double.doubleToRawLongBits(v)).as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  @Test
  void timestampsAndUtf8LabelValues() throws Exception {
    List<Sample> s = samples(ExpositionParser.text(
        "a{x=\"h\u00e9llo \u2603\",y=\"\\\"q\\\" \u00fc\"} 1 -5\nb 2 +17\nc 3 123456789012345678\n"));
    assertThat(s.get(0).labels().get("x")).isEqualTo("h\u00e9llo \u2603");
    assertThat(s.get(0).labels().get("y")).isEqualTo("\"q\" \u00fc");
    assertThat(s).extracting(Sample::timestamp).containsExactly(-5L, 17L, 123456789012345678L);
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1 1234567890123456789012\n")))
        .hasMessageContaining("strconv.ParseInt");
  }

  @Test
  void cacheKeyIsTheRawSeriesBytes() throws Exception {
    ExpositionParser p = ExpositionParser.text("a{x=\"1\"} 1\na{x=\"1\"} 2 5\na{x=\"2\"} 3\n");
    p.next();
    byte[] key = p.seriesBytes();
    long hash = p.seriesHash();
    p.next();
    assertThat(p.seriesEquals(key)).isTrue();
    assertThat(p.seriesHash()).isEqualTo(hash);
    p.next();
    assertThat(p.seriesEquals(key)).isFalse();
    assertThat(p.seriesHash()).isNotEqualTo(hash);
  }

  @Test
  void linesTheOnePassReadDoesNotTakeParseAsBefore() throws Exception {
    // each line starts as a one-pass read and falls back to the line-by-line parse at its
    // first unusual byte: blanks, an escape, a timestamp, a carriage return, a bad value
    String body = "a{x=\"1\"} 1\n"
        + "a {x=\"2\"} 2\n"
        + "a{x=\"q\\\"3\"} 3\n"
        + "a{x=\"4\"}\t4\n"
        + "a{x=\"5\"} 5 1000\n"
        + "a{x=\"6\"} 6\r\n"
        + "a{} 7\n"
        + "a{x=\"8\",} 8";
    List<Sample> s = samples(ExpositionParser.text(body));
    assertThat(s).extracting(x -> x.labels().get("x"))
        .containsExactly("1", "2", "q\"3", "4", "5", "6", "", "8");
    assertThat(s).extracting(Sample::value).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    assertThat(s).extracting(Sample::timestamp).containsExactly(null, null, null, null, 1000L, null, null, null);

    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1\nb 2\na {x=\"1\"}\n")))
        .hasMessage("expected value after metric, got \"\\n\" (line 3)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1\nb{x=\"\\\nc 1\"} 2\n")))
        .hasMessage("unterminated label value (line 2)");
    assertThatThrownBy(() -> samples(ExpositionParser.text("a 1\nb{x=\"1\nc 1\"} 2\n")))
        .hasMessage("unterminated label value (line 2)");
    assertThatThrownBy(() -> samples(ExpositionParser.openMetrics("a 1\nb 2\n")))
        .hasMessage("data does not end with # EOF (line 3)");
    assertThatThrownBy(() -> samples(ExpositionParser.openMetrics("a 1\n# EOF\nb 2\n")))
        .hasMessage("unexpected data after # EOF (line 3)");
  }
}
