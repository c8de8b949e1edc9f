package org.swarmmon.collector.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.swarmmon.collector.promql.parser.ParseException;
import org.swarmmon.collector.promql.parser.Prettier;
import org.swarmmon.collector.promql.parser.PromqlParser;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.labels.Labels;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;
import org.swarmmon.testbed.References;
import org.swarmmon.testbed.RunningProcess;

/**
 * Compares the engine with Debian's Prometheus 2.42 on the same samples (backfilled into it with
 * promtool): query results (instant and range), the canonical form of queries (format_query) and
 * parse error texts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusParityTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final int POINTS = 480;
  private static final long STEP = 15_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MemoryStorage storage = new MemoryStorage();
  private final PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), Clock.systemUTC());
  private RunningProcess prometheus;
  private String url;

  @BeforeAll
  void start() throws Exception {
    Path promtool = References.promtool();
    Path binary = Parts.binary("prometheus", "install Debian's prometheus package");
    Path dir = Parts.workDir("promql-parity");
    Path openMetrics = dir.resolve("data.om");
    Files.writeString(openMetrics, generate());
    Process p = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
        openMetrics.toString(), dir.resolve("data").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("promtool.log").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      fail("promtool backfill failed: " + Files.readString(dir.resolve("promtool.log")));
    }
    Files.writeString(dir.resolve("prometheus.yml"), "global: {}\n");
    int port = org.swarmmon.testbed.FreePorts.next();
    prometheus = RunningProcess.start("prometheus-parity", dir, List.of(binary.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:" + port));
    url = "http://127.0.0.1:" + port;
    prometheus.awaitHttp(url + "/-/ready", Duration.ofSeconds(60));
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /** The samples, both into memory and as OpenMetrics text for promtool. */
  private String generate() {
    Random random = new Random(42);
    StringBuilder om = new StringBuilder();
    String[] jobs = {"api", "db", "web"};
    for (String job : jobs) {
      for (int inst = 0; inst < 3; inst++) {
        for (String code : new String[] {"200", "500"}) {
          Labels l = Labels.of("__name__", "http_requests_total", "job", job, "instance", "i" + inst, "code", code);
          double v = random.nextInt(100);
          for (int i = 0; i < POINTS; i++) {
            if (random.nextInt(50) == 0) {
              continue;
            }
            v += random.nextInt(code.equals("200") ? 20 : 3);
            if (inst == 1 && i == 200) {
              v = 3;
            }
            add(om, l, T0 + i * STEP, v);
          }
        }
        Labels mem = Labels.of("__name__", "memory_bytes", "job", job, "instance", "i" + inst);
        double m = 1e6 * (1 + random.nextInt(10));
        for (int i = 0; i < POINTS; i++) {
          m += (random.nextDouble() - 0.5) * 1e5;
          add(om, mem, T0 + i * STEP, m);
        }
        Labels up = Labels.of("__name__", "up", "job", job, "instance", "i" + inst);
        for (int i = 0; i < (inst == 2 ? POINTS / 2 : POINTS); i++) {
          add(om, up, T0 + i * STEP, random.nextInt(20) == 0 ? 0 : 1);
        }
      }
      String[] les = {"0.1", "0.5", "1", "+Inf"};
      double[] counts = new double[les.length];
      for (int i = 0; i < POINTS; i++) {
        double c = 0;
        for (int b = 0; b < les.length; b++) {
          c += random.nextInt(5);
          counts[b] += c;
        }
        for (int b = 0; b < les.length; b++) {
          add(om, Labels.of("__name__", "request_duration_seconds_bucket", "job", job, "le", les[b]),
              T0 + i * STEP, counts[b]);
        }
      }
    }
    return om.append("# EOF\n").toString();
  }

  private void add(StringBuilder om, Labels l, long t, double v) {
    storage.add(l, t, v);
    om.append(l.metricName()).append('{');
    boolean first = true;
    for (int i = 0; i < l.size(); i++) {
      if (l.name(i).equals("__name__")) {
        continue;
      }
      if (!first) {
        om.append(',');
      }
      first = false;
      om.append(l.name(i)).append("=\"").append(l.value(i)).append('"');
    }
    om.append("} ").append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)).append(' ')
        .append(t / 1000).append('\n');
  }

  private static final String[] QUERIES = {
    "up", "up == 0", "up offset 10m", "up @ 1700003000", "http_requests_total{code=\"500\"}",
    "http_requests_total{job=~\"a.*|w.*\", code!=\"200\"}", "{__name__=~\"up|memory_bytes\", job=\"db\"}",
    "rate(http_requests_total[5m])", "irate(http_requests_total[5m])", "increase(http_requests_total[10m])",
    "delta(memory_bytes[10m])", "idelta(memory_bytes[5m])", "deriv(memory_bytes[10m])",
    "predict_linear(memory_bytes[10m], 3600)", "holt_winters(memory_bytes[10m], 0.5, 0.5)",
    "resets(http_requests_total[1h])", "changes(up[1h])", "sum(rate(http_requests_total[5m]))",
    "sum by (job) (rate(http_requests_total[5m]))", "sum without (instance) (rate(http_requests_total[5m]))",
    "avg by (job) (memory_bytes)", "max by (code) (http_requests_total)", "min without (job) (memory_bytes)",
    "count by (job) (up == 1)", "group by (job) (up)", "stddev by (job) (memory_bytes)",
    "stdvar(memory_bytes)", "topk(3, memory_bytes)", "bottomk(2, rate(http_requests_total[5m]))",
    "topk by (job) (1, memory_bytes)", "quantile(0.9, memory_bytes)", "quantile by (job) (0.5, memory_bytes)",
    "count_values(\"value\", up)",
    "histogram_quantile(0.9, rate(request_duration_seconds_bucket[5m]))",
    "histogram_quantile(0.5, sum by (le) (rate(request_duration_seconds_bucket[5m])))",
    "histogram_quantile(0.99, sum by (job, le) (rate(request_duration_seconds_bucket[10m])))",
    "rate(http_requests_total{code=\"500\"}[5m]) / ignoring (code) rate(http_requests_total{code=\"200\"}[5m])",
    "sum by (job) (rate(http_requests_total[5m])) / on (job) group_left sum by (job) (memory_bytes)",
    "memory_bytes * on (job, instance) group_left (code) http_requests_total{code=\"500\"}",
    "http_requests_total{code=\"500\"} and on (job) up == 0", "up or memory_bytes", "memory_bytes unless up == 0",
    "memory_bytes > bool 5e6", "memory_bytes > 5e6", "5e6 < memory_bytes", "1 - up", "-memory_bytes",
    "memory_bytes % 7", "memory_bytes ^ 0.5", "memory_bytes / 1024 / 1024", "2 * 3 + 4 ^ 2",
    "avg_over_time(memory_bytes[10m])", "min_over_time(memory_bytes[10m])", "max_over_time(memory_bytes[10m])",
    "sum_over_time(up[10m])", "count_over_time(up[10m])", "last_over_time(memory_bytes[10m])",
    "present_over_time(up[10m])", "stddev_over_time(memory_bytes[10m])", "stdvar_over_time(memory_bytes[10m])",
    "quantile_over_time(0.75, memory_bytes[10m])", "absent(nonexistent{job=\"x\"})", "absent(up)",
    "absent_over_time(nonexistent[5m])", "abs(-memory_bytes)", "ceil(memory_bytes / 1000)",
    "floor(memory_bytes / 1000)", "round(memory_bytes / 1000, 5)", "exp(up)", "ln(memory_bytes)",
    "log2(memory_bytes)", "log10(memory_bytes)", "sqrt(memory_bytes)", "sgn(delta(memory_bytes[5m]))",
    "clamp(memory_bytes, 2e6, 8e6)", "clamp_min(memory_bytes, 5e6)", "clamp_max(memory_bytes, 5e6)",
    "sin(up)", "cos(up)", "atan2(up, 2)", "up atan2 up", "deg(up)", "rad(up)", "scalar(sum(up))",
    "vector(1)", "time()", "timestamp(up)", "minute()", "hour(vector(1700003000))", "day_of_week()",
    "days_in_month()", "year()", "month()", "day_of_month()", "day_of_year()",
    "label_replace(up, \"host\", \"$1\", \"instance\", \"i(.*)\")",
    "label_join(up, \"id\", \"-\", \"job\", \"instance\")", "sort(memory_bytes)", "sort_desc(memory_bytes)",
    "max_over_time(rate(http_requests_total[5m])[30m:1m])", "avg_over_time(sum(memory_bytes)[1h:5m])",
    "rate(http_requests_total[5m] offset 30m)", "rate(http_requests_total[5m] @ 1700004000)",
    "sum(up @ start())", "sum(up @ end())", "memory_bytes[5m]", "rate(http_requests_total[1m])",
    "sum(rate(http_requests_total[5m])) by (job) > 1", "count(count by (job) (up))", "pi()",
    "sum(memory_bytes) / count(memory_bytes)", "-(up)", "+up",
    "rate(http_requests_total[5m:30s])", "sum_over_time(up[10m:1m] offset 5m)", "max_over_time(up[10m:1m] @ 1700003000)",
    "avg_over_time(rate(http_requests_total[2m])[15m:37s])", "deriv(sum(memory_bytes)[20m:1m])",
    "absent_over_time(up{job=\"db\"}[1m])", "count_values by (job) (\"v\", up)", "scalar(up{job=\"x\"})",
    "vector(time())", "timestamp(memory_bytes offset 1m)", "timestamp(sum(memory_bytes))",
    "memory_bytes and on () vector(1)", "up unless on (job) up{instance=\"i0\"} == 0",
    "sum by (instance) (up) * on (instance) group_right sum by (instance, job) (memory_bytes)",
    "http_requests_total{code=\"500\"} > on (job, instance) group_left http_requests_total{code=\"200\"} / 100",
    "topk(2, sum by (job, instance) (deriv(memory_bytes[5m])))", "bottomk(1, memory_bytes) by (job)",
    "quantile(0.25, rate(http_requests_total[5m]))", "sum(rate(http_requests_total[5m])) by (code) / ignoring (code) group_left sum(rate(http_requests_total[5m]))",
    "label_replace(rate(http_requests_total[5m]), \"__name__\", \"x\", \"\", \"\")",
    "round(rate(http_requests_total[5m]), 0.1)", "changes(memory_bytes[30m]) > 10", "increase(http_requests_total[1h] @ end())",
    "irate(http_requests_total[1m] offset -1m)", "sum(up offset 1h) - sum(up)", "2 > bool 1", "1 / 0", "-1 / 0", "0 / 0",
    "histogram_quantile(0.5, request_duration_seconds_bucket)", "max(memory_bytes) by (job) == bool max(memory_bytes) by (job)",
    // Go's regexp syntax where Java's differs: POSIX classes, (?P<name>), a literal "{" and "[" in a class
    "up{job=~\"[[:alpha:]]+\"}", "up{instance=~\"i[[:digit:]]\", job!~\"[[:^alpha:]]*b\"}", "up{job=~\"(?P<j>d)b\"}",
    "up{job=~\"[[]|db\"}", "up{job=~\"db|x{\"}",
    "label_replace(up, \"n\", \"${n}-$1x-$$\", \"instance\", \"(?P<n>i)([[:digit:]])\")",
  };

  @TestFactory
  Stream<DynamicTest> instantQueriesMatchPrometheus() {
    List<DynamicTest> tests = new ArrayList<>();
    long[] times = {T0 + 3_600_000, T0 + 7_190_000, T0 + 1_234_567};
    for (String q : QUERIES) {
      for (long t : times) {
        tests.add(DynamicTest.dynamicTest("instant " + q + " @" + t, () -> compareInstant(q, t)));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> rangeQueriesMatchPrometheus() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String q : QUERIES) {
      if (q.endsWith("[5m]") && !q.contains("(")) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest("range " + q, () -> compareRange(q, T0 + 600_000, T0 + 7_800_000, 60_000)));
      tests.add(DynamicTest.dynamicTest("range 37s " + q,
          () -> compareRange(q, T0 + 1_000_123, T0 + 2_000_000, 37_000)));
    }
    return tests.stream();
  }

  private JsonNode api(String path, Map<String, String> params) throws IOException {
    StringBuilder sb = new StringBuilder(url).append(path).append('?');
    params.forEach((k, v) -> sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
    return JSON.readTree(Http.get(sb.toString()).body());
  }

  private static String seconds(long ms) {
    return new java.math.BigDecimal(ms).movePointLeft(3).toPlainString();
  }

  private void compareInstant(String q, long t) throws IOException {
    compareResponse(q, api("/api/v1/query", Map.of("query", q, "time", seconds(t))),
        () -> engine.instantQuery(storage, q, Instant.ofEpochMilli(t)).value());
  }

  private void compareRange(String q, long start, long end, long step) throws IOException {
    JsonNode expected = api("/api/v1/query_range", Map.of("query", q, "start", seconds(start), "end", seconds(end),
        "step", seconds(step)));
    compareResponse(q, expected, () -> engine.rangeQuery(storage, q, Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(end), Duration.ofMillis(step)).value());
  }

  /** Our answer to {@code q} against Prometheus's response: the same value, or the same error. */
  private void compareResponse(String q, JsonNode expected, Supplier<Value> ours) {
    Value actual;
    try {
      actual = ours.get();
    } catch (PromqlException e) {
      assertEquals(expected.path("error").asText().replace("invalid parameter \"query\": ", ""), e.getMessage(),
          "error of " + q);
      return;
    }
    assertEquals("success", expected.path("status").asText(), () -> "Prometheus failed: " + expected);
    compare(q, expected.path("data"), actual);
  }

  private static Labels labels(JsonNode metric) {
    Map<String, String> m = new HashMap<>();
    metric.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return Labels.of(m);
  }

  private static void compare(String q, JsonNode data, Value actual) {
    String type = data.path("resultType").asText();
    assertEquals(type, actual.type().apiName(), "result type of " + q);
    JsonNode result = data.path("result");
    if (actual instanceof Value.Scalar s) {
      assertEquals(result.get(0).asDouble() * 1000, (double) s.timestampMillis(), 0.5);
      assertClose(q, value(result.get(1)), s.value());
    } else if (actual instanceof Value.Str s) {
      assertEquals(result.get(1).asText(), s.value());
    } else if (actual instanceof Value.Vector v) {
      {
        Map<Labels, Double> exp = new HashMap<>();
        for (JsonNode r : result) {
          exp.put(labels(r.path("metric")), value(r.path("value").get(1)));
        }
        Map<Labels, Double> got = new HashMap<>();
        for (Sample s : v.samples()) {
          got.put(s.metric(), s.value());
        }
        assertEquals(exp.keySet(), got.keySet(), "label sets of " + q);
        exp.forEach((l, e) -> assertClose(q + " " + l, e, got.get(l)));
      }
    } else if (actual instanceof Value.Matrix m) {
      {
        Map<Labels, JsonNode> exp = new HashMap<>();
        for (JsonNode r : result) {
          exp.put(labels(r.path("metric")), r.path("values"));
        }
        Map<Labels, Series> got = new HashMap<>();
        for (Series s : m.series()) {
          got.put(s.metric(), s);
        }
        assertEquals(exp.keySet(), got.keySet(), "label sets of " + q);
        exp.forEach((l, values) -> {
          Series s = got.get(l);
          assertEquals(values.size(), s.size(), "points of " + q + " " + l);
          for (int i = 0; i < s.size(); i++) {
            assertEquals(Math.round(values.get(i).get(0).asDouble() * 1000), s.timestamps()[i], q + " " + l);
            assertClose(q + " " + l, value(values.get(i).get(1)), s.values()[i]);
          }
        });
      }
    }
  }

  private static double value(JsonNode n) {
    return org.swarmmon.collector.promql.parser.GoFloats.parse(n.asText());
  }

  private static void assertClose(String what, double expected, double actual) {
    if (Double.isNaN(expected) && Double.isNaN(actual) || expected == actual) {
      return;
    }
    double diff = Math.abs(expected - actual);
    if (diff / Math.max(Math.abs(expected), Math.abs(actual)) > 1e-6) {
      fail(what + ": expected " + expected + " but was " + actual);
    }
  }

  private static final String[] FORMATS = {
    "sum by(job)(rate(foo{a=\"b\",c=~\"d\"}[5m] offset 1m)) * on(x) group_left(y) bar",
    "topk(3, foo) without (a)", "a * ignoring(x) group_right b", "a > bool 1", "foo @ 100",
    "foo[5m] @ start() offset -1m", "rate(foo[5m:])", "1e3", "0x1F", "Inf", "-Inf", "NaN", "'a\\'b'", "-foo",
    "-(1)", "count_values(\"x\", foo)", "{__name__=\"foo\"}", "foo{}", "max_over_time(rate(foo[1m])[1h:5m] offset 1h)",
    "a or b and c unless d", "(a + b) * c", "2 ^ 3 ^ 2", "foo @ 1700000000.123", "sum(foo) by (a, b)",
    "label_replace(foo, \"a\", \"$1\", \"b\", \"(.*)\")", "x offset 1h30m", "x[90d]", "x[2w]",
    "1.5", "-1.5e-3", "0.000001", "1e21", "a == bool on (x) b", "sum without () (x)", "((a))", "foo @ -100",
    "-sum(x)", "\"\\u00e9\\t\"", "foo{a!~\"b\", c!=\"d\"}", "x[1h:]", "rate(x[5m])[1h:1m] @ end()",
    "a unless ignoring (b) c", "a * on () group_left () b", "SUM(x) BY (y)", "a AND b", "x[1ms]", "x offset 1y",
    "topk(5, x) by (a, b)", "count_values without (a) (\"v\", x)", "abs(-(x))", "2 ^ -1", "- - 1", "+1",
    "vector(1) + on () vector(2)", "x @ 1.5", "{a=\"b\"}", "{__name__=\"x\", a=\"b\"}", "x{a=\"\\\"\"}",
  };

  private static final String[] ERRORS = {
    "sum(", "{}", "1 == 1", "rate(foo)", "nosuch(foo)", "foo offset 1m offset 2m", "1 and foo", "foo[5]",
    "foo[5m", "foo}", "sum(foo) by", "\"unterminated", "foo{a=1}", "foo{a=\"b\"", "a + ", "(a", "a)",
    "foo[5m][5m]", "rate(foo[5m])[5m]", "1 +* 2", "foo bar", "label_replace(foo, \"a\", \"b\", \"c\")",
    "a * group_left b", "foo{__name__=\"foo\"}", "sum(foo, bar)", "topk(foo)", "foo @ bar", "rate(foo[5m] offset 1m offset 1m)",
    "1 + foo[5m]", "sum by (a.b) (x)", "x[5m:1m:]", "foo{a=~\"(\"}", "x @ 1e400", "1 ++ ", "sum(x) by (y) by (z)",
    "x[1y2y]", "x offset", "avg(x, y)", "count_values(1, x)", "quantile(\"a\", x)", "{a!=\"\"}", "abs()",
    "time(1)", "label_join(x)", "x{a=\"b\" c=\"d\"}", "x{}[5m] offset 1m @ 10 offset 2m", "\"a\" + 1",
    "-\"a\"", "rate(x[5m]) offset 1m", "(x) offset 1m", "x ! y", "x ~ y", "x ==~ y", "on(x) a", "a + on(x)",
    "`unterminated", "sum without x (y)", "x[]", "x[5m", "1 < bool 2 ^ 3", "1 bool 2",
    "sum(foo[5m])", "foo offset 5m @ 10 @ 20", "foo[5m:1m:1m]", "foo and 1", "-foo[5m]", "(1)[5m:1m]", "holt_winters(foo[5m], 0.5)", "round(foo, 1, 2)",
    "foo{a=~\"a)\"}", "foo{a=~\"*\"}", "foo{a=~\"a**\"}", "foo{a=~\"x{2,1}\"}", "foo{a=~\"[z-a]\"}", "foo{a=~\"\\\\Z\"}",
    "foo{a=~\"a{1001}\"}", "foo{a=~\"[[:foo:]]\"}",
  };

  @TestFactory
  Stream<DynamicTest> canonicalFormMatchesFormatQuery() {
    return Stream.of(FORMATS).map(q -> DynamicTest.dynamicTest("format " + q, () -> {
      JsonNode expected = api("/api/v1/format_query", Map.of("query", q));
      assertEquals(expected.path("data").asText(), Prettier.pretty(PromqlParser.parse(q)), q);
    }));
  }

  @TestFactory
  Stream<DynamicTest> parseErrorsMatchPrometheus() {
    return Stream.of(ERRORS).map(q -> DynamicTest.dynamicTest("error " + q, () -> {
      JsonNode expected = api("/api/v1/format_query", Map.of("query", q));
      String want = expected.path("error").asText().replace("invalid parameter \"query\": ", "");
      try {
        PromqlParser.parse(q);
        if (!want.isEmpty()) {
          fail("no error for " + q + ", Prometheus says " + want);
        }
      } catch (ParseException e) {
        assertEquals(want, e.getMessage(), q);
      }
    }));
  }
}
