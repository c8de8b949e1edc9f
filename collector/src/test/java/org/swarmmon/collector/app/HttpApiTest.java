package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Http;

/** Prometheus's HTTP API v1 on the wired collector: paths, parameters, JSON shape, error envelope. */
class HttpApiTest extends ServedCollector {

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String path, String form) {
    return Http.send(HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  @Test
  void queriesAndMetadata() throws Exception {
    awaitScrapes();
    JsonNode instant = get("/api/v1/query?query=" + enc("web_test_temperature_celsius"));
    assertThat(instant.path("status").asText()).isEqualTo("success");
    assertThat(instant.path("data").path("resultType").asText()).isEqualTo("vector");
    JsonNode sample = instant.path("data").path("result").get(0);
    assertThat(sample.path("metric").path("room").asText()).isEqualTo("x");
    assertThat(sample.path("metric").path("team").asText()).isEqualTo("blue");
    assertThat(sample.path("value").get(0).isNumber()).isTrue();
    assertThat(sample.path("value").get(1).asText()).isEqualTo("21.5");

    // POST form, time as RFC 3339, scalar and string results, NaN and Inf spelled as Prometheus
    JsonNode scalar = JSON.readTree(post("/api/v1/query", "query=" + enc("1/0") + "&time=2024-01-02T03:04:05.5Z").body());
    assertThat(scalar.path("data").path("resultType").asText()).isEqualTo("scalar");
    assertThat(scalar.path("data").path("result").get(0).asDouble()).isEqualTo(1704164645.5);
    assertThat(scalar.path("data").path("result").get(1).asText()).isEqualTo("+Inf");
    assertThat(get("/api/v1/query?query=" + enc("0/0") + "&time=1").path("data").path("result").get(1).asText())
        .isEqualTo("NaN");
    JsonNode str = get("/api/v1/query?query=" + enc("\"hi\"") + "&time=1.25");
    assertThat(str.path("data").path("resultType").asText()).isEqualTo("string");
    assertThat(str.path("data").path("result").toString()).isEqualTo("[1.25,\"hi\"]");

    long now = System.currentTimeMillis() / 1000;
    JsonNode range = JSON.readTree(post("/api/v1/query_range", "query=" + enc("rate(web_test_requests_total[5s])")
        + "&start=" + (now - 30) + "&end=" + now + "&step=5s").body());
    assertThat(range.path("data").path("resultType").asText()).isEqualTo("matrix");
    assertThat(range.path("data").path("result")).hasSize(2);
    JsonNode values = range.path("data").path("result").get(0).path("values");
    assertThat(values.size()).isGreaterThan(0);
    // points sit on the step grid from start, as Prometheus's
    assertThat((values.get(0).get(0).asLong() - (now - 30)) % 5).isZero();

    // errors: envelope, errorType and HTTP status as Prometheus
    HttpResponse<String> bad = Http.get(url("/api/v1/query?query=" + enc("sum(")));
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode err = JSON.readTree(bad.body());
    assertThat(err.path("status").asText()).isEqualTo("error");
    assertThat(err.path("errorType").asText()).isEqualTo("bad_data");
    assertThat(err.path("error").asText()).startsWith("invalid parameter \"query\": 1:5: parse error");
    HttpResponse<String> badTime = Http.get(url("/api/v1/query?query=1&time=yesterday"));
    assertThat(badTime.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badTime.body()).path("error").asText())
        .isEqualTo("invalid parameter \"time\": Invalid time value for 'time': cannot parse \"yesterday\" to a valid timestamp");
    HttpResponse<String> badStep = Http.get(url("/api/v1/query_range?query=1&start=0&end=10&step=0"));
    assertThat(JSON.readTree(badStep.body()).path("error").asText())
        .isEqualTo("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
    HttpResponse<String> tooMany = Http.get(url("/api/v1/query_range?query=1&start=0&end=100000&step=1"));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooMany.body()).path("error").asText()).startsWith("exceeded maximum resolution of 11,000");
    HttpResponse<String> exec = Http.get(url("/api/v1/query?query=" + enc("web_test_requests_total + on(path) group_left web_test_requests_total * 0 + on() group_left vector(1)")));
    assertThat(exec.statusCode()).isIn(200, 422);

    // series, labels, label values
    JsonNode series = get("/api/v1/series?match%5B%5D=" + enc("web_test_requests_total") + "&match%5B%5D=" + enc("up{job=\"down\"}"));
    assertThat(series.path("data")).hasSize(3);
    assertThat(series.path("data").get(0).path("__name__").asText()).isEqualTo("up");
    assertThat(Http.get(url("/api/v1/series")).statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(Http.get(url("/api/v1/series?match%5B%5D=" + enc("{x=~\".*\"}"))).body()).path("error").asText())
        .isEqualTo("invalid parameter \"match[]\": match[] must contain at least one non-empty matcher");
    assertThat(get("/api/v1/labels").path("data").toString()).contains("\"__name__\"", "\"path\"", "\"room\"", "\"team\"");
    assertThat(get("/api/v1/labels?match%5B%5D=" + enc("web_test_temperature_celsius")).path("data").toString())
        .contains("room").doesNotContain("\"path\"");
    assertThat(get("/api/v1/label/path/values").path("data").toString()).isEqualTo("[\"/a\",\"/b\"]");
    assertThat(get("/api/v1/label/job/values?match%5B%5D=up").path("data").toString()).isEqualTo("[\"down\",\"web-test\"]");

    // metadata from the scrapes
    JsonNode meta = get("/api/v1/metadata");
    assertThat(meta.path("data").path("web_test_requests_total").get(0).path("type").asText()).isEqualTo("counter");
    assertThat(meta.path("data").path("web_test_latency_seconds").get(0).path("help").asText()).isEqualTo("A histogram.");
    assertThat(get("/api/v1/metadata?metric=web_test_temperature_celsius").path("data").size()).isEqualTo(1);
    assertThat(get("/api/v1/metadata?limit=1").path("data").size()).isEqualTo(1);
    JsonNode tm = get("/api/v1/targets/metadata?match_target=" + enc("{job=\"web-test\"}") + "&metric=web_test_temperature_celsius");
    assertThat(tm.path("data")).hasSize(1);
    assertThat(tm.path("data").get(0).path("target").path("job").asText()).isEqualTo("web-test");
    assertThat(tm.path("data").get(0).path("type").asText()).isEqualTo("gauge");

    assertThat(get("/api/v1/query_exemplars?query=up").path("data").toString()).isEqualTo("[]");
    assertThat(get("/api/v1/format_query?query=" + enc("sum by(job)(rate(up[5m]))")).path("data").asText())
        .isEqualTo("sum by (job) (rate(up[5m]))");
  }

  @Test
  void statusRulesAndAdmin() throws Exception {
    assertThat(get("/api/v1/status/config").path("data").path("yaml").asText()).contains("job_name: web-test");
    assertThat(get("/api/v1/status/flags").path("data").path("web.enable-admin-api").asText()).isEqualTo("true");
    JsonNode runtime = get("/api/v1/status/runtimeinfo").path("data");
    assertThat(runtime.path("reloadConfigSuccess").asBoolean()).isTrue();
    assertThat(runtime.has("startTime") && runtime.has("storageRetention")).isTrue();
    JsonNode build = get("/api/v1/status/buildinfo").path("data");
    assertThat(build.path("version").asText()).isEqualTo("2.42.0");
    assertThat(build.has("revision") && build.has("goVersion")).isTrue();
    awaitScrapes();
    JsonNode walReplay = get("/api/v1/status/walreplay").path("data");
    assertThat(walReplay.path("min").asInt()).isLessThanOrEqualTo(walReplay.path("current").asInt());
    assertThat(walReplay.path("current").asInt()).isEqualTo(walReplay.path("max").asInt());
    assertThat(walReplay.size()).isEqualTo(3);
    JsonNode tsdb = get("/api/v1/status/tsdb").path("data");
    assertThat(tsdb.path("headStats").path("numSeries").asLong()).isGreaterThan(5);
    assertThat(tsdb.path("seriesCountByMetricName").get(0).has("name")).isTrue();

    assertThat(get("/api/v1/rules").toString()).isEqualTo("{\"status\":\"success\",\"data\":{\"groups\":[]}}");
    assertThat(get("/api/v1/alerts").path("data").path("alerts").size()).isZero();
    assertThat(get("/api/v1/alertmanagers").path("data").toString())
        .isEqualTo("{\"activeAlertmanagers\":[],\"droppedAlertmanagers\":[]}");
    assertThat(Http.get(url("/api/v1/rules?type=bogus")).statusCode()).isEqualTo(400);

    HttpResponse<String> snap = post("/api/v1/admin/tsdb/snapshot", "skip_head=false");
    assertThat(snap.statusCode()).isEqualTo(200);
    String name = JSON.readTree(snap.body()).path("data").path("name").asText();
    assertThat(Files.isDirectory(DIR.resolve("data").resolve("snapshots").resolve(name))).isTrue();
    assertThat(post("/api/v1/admin/tsdb/delete_series", "match[]=" + enc("web_test_temperature_celsius")).statusCode())
        .isEqualTo(204);
    assertThat(get("/api/v1/query?query=web_test_temperature_celsius%20offset%2010s").path("data").path("result").size()).isZero();
    assertThat(post("/api/v1/admin/tsdb/clean_tombstones", "").statusCode()).isEqualTo(204);

    String metrics = Http.get(url("/metrics")).body();
    assertThat(metrics).contains("prometheus_tsdb_head_series ", "prometheus_tsdb_head_samples_appended_total",
        "prometheus_engine_queries ", "prometheus_api_remote_read_queries 0",
        "prometheus_http_requests_total{code=\"200\",handler=\"/api/v1/status/tsdb\"}");
  }
}
