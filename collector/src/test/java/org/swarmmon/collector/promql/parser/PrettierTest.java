package org.swarmmon.collector.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of Prometheus's {@code promql/parser/prettier_test.go}, which runs with
 * {@code maxCharactersPerLine = 10} (its duration-expression cases are left out: that syntax is
 * newer than 2.42).
 */
class PrettierTest {

  private final Prettier prettier = new Prettier(10);

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void matchesPrometheus(String group, String in, String out) {
    assertEquals(out, prettier.format(PromqlParser.parse(in)));
  }

  @Test
  void shortQueriesStayOnOneLineAtTheRealLimit() {
    String q = "sum by (job) (rate(http_requests_total{code=\"500\"}[5m]))";
    assertEquals(q, Prettier.pretty(PromqlParser.parse(q)));
  }

  @Test
  void limitCountsUtf8BytesAsGoDoes() {
    // 94 characters but 124 bytes: Go's len() sees more than 100 and splits.
    String q = "foo{a=\"" + "é".repeat(30) + "\"} + bar{b=\"" + "x".repeat(43) + "\"}";
    assertEquals(94, q.length());
    assertEquals("  foo{a=\"" + "é".repeat(30) + "\"}\n+\n  bar{b=\"" + "x".repeat(43) + "\"}",
        Prettier.pretty(PromqlParser.parse(q)));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("aggregate",
            "sum(foo)",
            "sum(foo)"),
        Arguments.of("aggregate",
            "sum by() (task:errors:rate10s{job=\"s\"})",
            "sum(\n  task:errors:rate10s{job=\"s\"}\n)"),
        Arguments.of("aggregate",
            "sum without(job,foo) (task:errors:rate10s{job=\"s\"})",
            "sum without (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"),
        Arguments.of("aggregate",
            "sum(task:errors:rate10s{job=\"s\"}) without(job,foo)",
            "sum without (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"),
        Arguments.of("aggregate",
            "sum by(job,foo) (task:errors:rate10s{job=\"s\"})",
            "sum by (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"),
        Arguments.of("aggregate",
            "sum (task:errors:rate10s{job=\"s\"}) by(job,foo)",
            "sum by (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"),
        Arguments.of("aggregate",
            "topk(10, ask:errors:rate10s{job=\"s\"})",
            "topk(\n  10,\n  ask:errors:rate10s{job=\"s\"}\n)"),
        Arguments.of("aggregate",
            "sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"}))",
            "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"),
        Arguments.of("aggregate",
            "sum by(job,foo) (sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"})))",
            "sum by (job, foo) (\n  sum by (job, foo) (\n    sum by (job, foo) (\n      task:errors:rate10s{job=\"s\"}\n    )\n  )\n)"),
        Arguments.of("aggregate",
            "sum by(job,foo)\n(sum by(job,foo) (task:errors:rate10s{job=\"s\"}))",
            "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"),
        Arguments.of("aggregate",
            "sum by(job,foo)\n(sum(task:errors:rate10s{job=\"s\"}) without(job,foo))",
            "sum by (job, foo) (\n  sum without (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"),
        Arguments.of("aggregate",
            "sum by(job,foo) # Comment 1.\n(sum by(job,foo) ( # Comment 2.\ntask:errors:rate10s{job=\"s\"}))",
            "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"),
        Arguments.of("binary",
            "a+b",
            "a + b"),
        Arguments.of("binary",
            "a == bool 1",
            "  a\n== bool\n  1"),
        Arguments.of("binary",
            "a + ignoring(job) b",
            "  a\n+ ignoring (job)\n  b"),
        Arguments.of("binary",
            "foo_1 + foo_2",
            "  foo_1\n+\n  foo_2"),
        Arguments.of("binary",
            "foo_1 + foo_2 + foo_3",
            "    foo_1\n  +\n    foo_2\n+\n  foo_3"),
        Arguments.of("binary",
            "foo + baar + foo_3",
            "  foo + baar\n+\n  foo_3"),
        Arguments.of("binary",
            "foo_1 + foo_2 + foo_3 + foo_4",
            "      foo_1\n    +\n      foo_2\n  +\n    foo_3\n+\n  foo_4"),
        Arguments.of("binary",
            "foo_1 + ignoring(foo) foo_2 + ignoring(job) group_left foo_3 + on(instance) group_right foo_4",
            "      foo_1\n    + ignoring (foo)\n      foo_2\n  + ignoring (job) group_left ()\n    foo_3\n+ on (instance) group_right ()\n  foo_4"),
        Arguments.of("call",
            "rate(foo[1m])",
            "rate(\n  foo[1m]\n)"),
        Arguments.of("call",
            "sum_over_time(foo[1m])",
            "sum_over_time(\n  foo[1m]\n)"),
        Arguments.of("call",
            "rate(long_vector_selector[10m:1m] @ start() offset 1m)",
            "rate(\n  long_vector_selector[10m:1m] @ start() offset 1m\n)"),
        Arguments.of("call",
            "histogram_quantile(0.9, rate(foo[1m]))",
            "histogram_quantile(\n  0.9,\n  rate(\n    foo[1m]\n  )\n)"),
        Arguments.of("call",
            "max_over_time(rate(demo_api_request_duration_seconds_count[1m])[1m:] @ start() offset 1m)",
            "max_over_time(\n  rate(\n    demo_api_request_duration_seconds_count[1m]\n  )[1m:] @ start() offset 1m\n)"),
        Arguments.of("call",
            "label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\")",
            "label_replace(\n  up{job=\"api-server\",service=\"a:c\"},\n  \"foo\",\n  \"$1\",\n  \"service\",\n  \"(.*):.*\"\n)"),
        Arguments.of("call",
            "label_replace(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\")",
            "label_replace(\n  label_replace(\n    up{job=\"api-server\",service=\"a:c\"},\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  ),\n  \"foo\",\n  \"$1\",\n  \"service\",\n  \"(.*):.*\"\n)"),
        Arguments.of("paren",
            "(foo)",
            "(foo)"),
        Arguments.of("paren",
            "(_foo_long_)",
            "(\n  _foo_long_\n)"),
        Arguments.of("paren",
            "((foo_long))",
            "(\n  (foo_long)\n)"),
        Arguments.of("paren",
            "((_foo_long_))",
            "(\n  (\n    _foo_long_\n  )\n)"),
        Arguments.of("paren",
            "(((foo_long)))",
            "(\n  (\n    (foo_long)\n  )\n)"),
        Arguments.of("stepInvariant",
            "a @ 1",
            "a @ 1.000"),
        Arguments.of("stepInvariant",
            "a @ start()",
            "a @ start()"),
        Arguments.of("stepInvariant",
            "vector_selector @ start()",
            "vector_selector @ start()"),
        Arguments.of("expr",
            "(1 + 2)",
            "(1 + 2)"),
        Arguments.of("expr",
            "(foo + bar)",
            "(\n  foo + bar\n)"),
        Arguments.of("expr",
            "(foo_long + bar_long)",
            "(\n    foo_long\n  +\n    bar_long\n)"),
        Arguments.of("expr",
            "(foo_long + bar_long + bar_2_long)",
            "(\n      foo_long\n    +\n      bar_long\n  +\n    bar_2_long\n)"),
        Arguments.of("expr",
            "((foo_long + bar_long) + bar_2_long)",
            "(\n    (\n        foo_long\n      +\n        bar_long\n    )\n  +\n    bar_2_long\n)"),
        Arguments.of("expr",
            "(1111 + 2222)",
            "(\n    1111\n  +\n    2222\n)"),
        Arguments.of("expr",
            "(sum_over_time(foo[1m]))",
            "(\n  sum_over_time(\n    foo[1m]\n  )\n)"),
        Arguments.of("expr",
            "histogram_quantile(0.9, rate(foo[1m] @ start()))",
            "histogram_quantile(\n  0.9,\n  rate(\n    foo[1m] @ start()\n  )\n)"),
        Arguments.of("expr",
            "(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"))",
            "(\n  label_replace(\n    up{job=\"api-server\",service=\"a:c\"},\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)"),
        Arguments.of("expr",
            "(label_replace(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\"))",
            "(\n  label_replace(\n    label_replace(\n      up{job=\"api-server\",service=\"a:c\"},\n      \"foo\",\n      \"$1\",\n      \"service\",\n      \"(.*):.*\"\n    ),\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)"),
        Arguments.of("expr",
            "(label_replace(label_replace((up{job=\"api-server\",service=\"a:c\"}), \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\"))",
            "(\n  label_replace(\n    label_replace(\n      (\n        up{job=\"api-server\",service=\"a:c\"}\n      ),\n      \"foo\",\n      \"$1\",\n      \"service\",\n      \"(.*):.*\"\n    ),\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)"),
        Arguments.of("expr",
            "(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"} / node_filesystem_size_bytes{job=\"node\",fstype!=\"\"} * 100 < 40 and predict_linear(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"}[6h], 24*60*60) < 0 and node_filesystem_readonly{job=\"node\",fstype!=\"\"} == 0)",
            "(\n            node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}\n          /\n            node_filesystem_size_bytes{fstype!=\"\",job=\"node\"}\n        *\n          100\n      <\n        40\n    and\n        predict_linear(\n          node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}[6h],\n            24 * 60\n          *\n            60\n        )\n      <\n        0\n  and\n      node_filesystem_readonly{fstype!=\"\",job=\"node\"}\n    ==\n      0\n)"),
        Arguments.of("expr",
            "(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"} / node_filesystem_size_bytes{job=\"node\",fstype!=\"\"} * 100 < 20 and predict_linear(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"}[6h], 4*60*60) < 0 and node_filesystem_readonly{job=\"node\",fstype!=\"\"} == 0)",
            "(\n            node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}\n          /\n            node_filesystem_size_bytes{fstype!=\"\",job=\"node\"}\n        *\n          100\n      <\n        20\n    and\n        predict_linear(\n          node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}[6h],\n            4 * 60\n          *\n            60\n        )\n      <\n        0\n  and\n      node_filesystem_readonly{fstype!=\"\",job=\"node\"}\n    ==\n      0\n)"),
        Arguments.of("expr",
            "(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)",
            "  (\n        node_timex_offset_seconds\n      >\n        0.05\n    and\n        deriv(\n          node_timex_offset_seconds[5m]\n        )\n      >=\n        0\n  )\nor\n  (\n        node_timex_offset_seconds\n      <\n        -0.05\n    and\n        deriv(\n          node_timex_offset_seconds[5m]\n        )\n      <=\n        0\n  )"),
        Arguments.of("expr",
            "1 - ((node_memory_MemAvailable_bytes{job=\"node\"} or (node_memory_Buffers_bytes{job=\"node\"} + node_memory_Cached_bytes{job=\"node\"} + node_memory_MemFree_bytes{job=\"node\"} + node_memory_Slab_bytes{job=\"node\"}) ) / node_memory_MemTotal_bytes{job=\"node\"})",
            "  1\n-\n  (\n      (\n          node_memory_MemAvailable_bytes{job=\"node\"}\n        or\n          (\n                  node_memory_Buffers_bytes{job=\"node\"}\n                +\n                  node_memory_Cached_bytes{job=\"node\"}\n              +\n                node_memory_MemFree_bytes{job=\"node\"}\n            +\n              node_memory_Slab_bytes{job=\"node\"}\n          )\n      )\n    /\n      node_memory_MemTotal_bytes{job=\"node\"}\n  )"),
        Arguments.of("expr",
            "min by (job, integration) (rate(alertmanager_notifications_failed_total{job=\"alertmanager\", integration=~\".*\"}[5m]) / rate(alertmanager_notifications_total{job=\"alertmanager\", integration=\"~.*\"}[5m])) > 0.01",
            "  min by (job, integration) (\n      rate(\n        alertmanager_notifications_failed_total{integration=~\".*\",job=\"alertmanager\"}[5m]\n      )\n    /\n      rate(\n        alertmanager_notifications_total{integration=\"~.*\",job=\"alertmanager\"}[5m]\n      )\n  )\n>\n  0.01"),
        Arguments.of("expr",
            "(count by (job) (changes(process_start_time_seconds{job=\"alertmanager\"}[10m]) > 4) / count by (job) (up{job=\"alertmanager\"})) >= 0.5",
            "  (\n      count by (job) (\n          changes(\n            process_start_time_seconds{job=\"alertmanager\"}[10m]\n          )\n        >\n          4\n      )\n    /\n      count by (job) (\n        up{job=\"alertmanager\"}\n      )\n  )\n>=\n  0.5"),
        Arguments.of("unary",
            "-1",
            "-1"),
        Arguments.of("unary",
            "-vector_selector",
            "-vector_selector"),
        Arguments.of("unary",
            "(-vector_selector)",
            "(\n  -vector_selector\n)"),
        Arguments.of("unary",
            "-histogram_quantile(0.9,rate(foo[1m]))",
            "-histogram_quantile(\n  0.9,\n  rate(\n    foo[1m]\n  )\n)"),
        Arguments.of("unary",
            "-histogram_quantile(0.99, sum by (le) (rate(foo[1m])))",
            "-histogram_quantile(\n  0.99,\n  sum by (le) (\n    rate(\n      foo[1m]\n    )\n  )\n)"),
        Arguments.of("unary",
            "-histogram_quantile(0.9, -rate(foo[1m] @ start()))",
            "-histogram_quantile(\n  0.9,\n  -rate(\n    foo[1m] @ start()\n  )\n)"),
        Arguments.of("unary",
            "(-histogram_quantile(0.9, -rate(foo[1m] @ start())))",
            "(\n  -histogram_quantile(\n    0.9,\n    -rate(\n      foo[1m] @ start()\n    )\n  )\n)")
    );
  }
}
