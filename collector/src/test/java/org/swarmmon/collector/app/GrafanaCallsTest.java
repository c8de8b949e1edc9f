package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;
import org.swarmmon.testbed.Waits;

/**
 * The calls Grafana's Prometheus data source makes, against the collector and Debian's Prometheus
 * 2.42 scraping the same target: the same JSON shapes (keys, types, resultType), values loosely.
 */
class GrafanaCallsTest extends ServedCollector {

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void sameShapesAsPrometheus() throws Exception {
    Path config = Files.createTempDirectory("grafana-calls").resolve("prometheus.yml");
    Files.writeString(config, scrapeConfig());
    try (References.Started prometheus = References.prometheus(config)) {
      awaitScrapes();
      Waits.until("Prometheus scraped", Duration.ofSeconds(30), () -> json(prometheus.url(),
          "/api/v1/query?query=" + enc("count_over_time(web_test_temperature_celsius[1m])"))
          .path("data").path("result").path(0).path("value").path(1).asDouble(0) >= 15);
      String ours = url("");
      String theirs = prometheus.url();

      // what Grafana sends: start/end in seconds, the range aligned to the step
      // (a range both have scraped through: Prometheus started a few seconds ago)
      long step = 2;
      long now = System.currentTimeMillis() / 1000 - 1;
      long end = now / step * step;
      long start = end - 10;
      String range = "start=" + start + "&end=" + end;

      List<String> gets = List.of(
          "/api/v1/status/buildinfo",
          "/api/v1/labels?" + range,
          "/api/v1/label/__name__/values?" + range,
          "/api/v1/label/job/values?match%5B%5D=up&" + range,
          "/api/v1/series?match%5B%5D=" + enc("web_test_requests_total") + "&" + range,
          "/api/v1/series?match%5B%5D=" + enc("{__name__=~\"web_test_.*\",job=\"web-test\"}") + "&" + range,
          "/api/v1/metadata",
          "/api/v1/metadata?metric=web_test_latency_seconds",
          "/api/v1/query?query=" + enc("web_test_temperature_celsius") + "&time=" + end,
          "/api/v1/query?query=" + enc("scalar(sum(web_test_temperature_celsius))") + "&time=" + end,
          "/api/v1/query_exemplars?query=up&" + range,
          "/api/v1/rules",
          "/api/v1/alerts");
      for (String path : gets) {
        compare(path, Http.get(ours + path), Http.get(theirs + path));
      }

      List<String> forms = List.of(
          "query=" + enc("sum by (path) (rate(web_test_requests_total[10s]))") + "&" + range + "&step=" + step,
          "query=" + enc("histogram_quantile(0.9, sum by (le) (rate(web_test_latency_seconds_bucket[10s])))")
              + "&" + range + "&step=" + step,
          "query=" + enc("up") + "&" + range + "&step=" + step,
          "query=" + enc("1 + 1") + "&" + range + "&step=" + step);
      for (String form : forms) {
        HttpResponse<String> a = post(ours + "/api/v1/query_range", form);
        HttpResponse<String> b = post(theirs + "/api/v1/query_range", form);
        compare("POST query_range " + form, a, b);
        JsonNode ra = JSON.readTree(a.body()).path("data").path("result");
        JsonNode rb = JSON.readTree(b.body()).path("data").path("result");
        assertThat(metrics(ra)).as(form).isEqualTo(metrics(rb));
        for (JsonNode s : ra) {
          for (JsonNode p : s.path("values")) {
            assertThat((p.get(0).asLong() - start) % step).as("points on the step grid").isZero();
          }
        }
      }

      // errors: same status code, errorType and message
      for (String bad : List.of("query=" + enc("sum(") + "&" + range + "&step=2",
          "query=up&" + range + "&step=0", "query=up&start=10&end=1&step=1",
          "query=up&start=0&end=100000&step=1", "query=up&start=x&end=1&step=1",
          "query=" + enc("up[5m]") + "&" + range + "&step=2")) {
        HttpResponse<String> a = post(ours + "/api/v1/query_range", bad);
        HttpResponse<String> b = post(theirs + "/api/v1/query_range", bad);
        assertThat(a.statusCode()).as(bad).isEqualTo(b.statusCode());
        JsonNode ja = JSON.readTree(a.body());
        JsonNode jb = JSON.readTree(b.body());
        assertThat(ja.path("errorType").asText()).as(bad).isEqualTo(jb.path("errorType").asText());
        assertThat(ja.path("error").asText()).as(bad).isEqualTo(jb.path("error").asText());
      }

      for (String bad : List.of("/api/v1/query?query=" + enc("sum("), "/api/v1/query?query=1&time=x",
          "/api/v1/query?query=1&timeout=x", "/api/v1/series?match%5B%5D=" + enc("{x=~\".*\"}"),
          "/api/v1/series", "/api/v1/label/job/values?match%5B%5D=" + enc("{"),
          "/api/v1/labels?match%5B%5D=" + enc("{x=~\".*\"}"), "/api/v1/labels?start=x")) {
        HttpResponse<String> a = Http.get(ours + bad);
        HttpResponse<String> b = Http.get(theirs + bad);
        assertThat(a.statusCode()).as(bad).isEqualTo(b.statusCode());
        assertThat(a.body()).as(bad).isEqualTo(b.body());
      }

      // values loosely: the names and jobs both know
      Set<String> names = strings(json(ours, "/api/v1/label/__name__/values").path("data"));
      assertThat(names).containsAll(strings(json(theirs, "/api/v1/label/__name__/values").path("data")).stream()
          .filter(n -> n.startsWith("web_test_") || n.equals("up")).toList());
      assertThat(strings(json(ours, "/api/v1/labels").path("data")))
          .containsAll(List.of("__name__", "instance", "job", "le", "path", "room", "team"));
    }
  }

  private static HttpResponse<String> post(String url, String form) {
    return Http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  private static JsonNode json(String base, String path) {
    try {
      return JSON.readTree(Http.get(base + path).body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void compare(String what, HttpResponse<String> ours, HttpResponse<String> theirs)
      throws IOException {
    assertThat(ours.statusCode()).as(what + ": " + ours.body()).isEqualTo(theirs.statusCode());
    assertThat(ours.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
    JsonNode a = JSON.readTree(ours.body());
    JsonNode b = JSON.readTree(theirs.body());
    assertThat(shape(a)).as(what + "\nours:   " + ours.body() + "\ntheirs: " + theirs.body()).isEqualTo(shape(b));
    if (b.path("data").has("resultType")) {
      assertThat(a.path("data").path("resultType").asText()).isEqualTo(b.path("data").path("resultType").asText());
    }
  }

  /** Keys and value types, arrays by their first element; fields whose names are data are skipped. */
  static String shape(JsonNode n) {
    if (n.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      n.fieldNames().forEachRemaining(keys::add);
      StringBuilder sb = new StringBuilder("{");
      for (String k : keys) {
        if (k.equals("goVersion") || k.equals("revision") || k.equals("branch") || k.equals("buildUser")
            || k.equals("buildDate")) {
          sb.append(k).append(":s,");
          continue;
        }
        sb.append(k).append(':').append(shape(n.get(k))).append(',');
      }
      return sb.append('}').toString();
    }
    if (n.isArray()) {
      return n.isEmpty() ? "[]" : "[" + shape(n.get(0)) + "]";
    }
    if (n.isNumber()) {
      return "n";
    }
    if (n.isTextual()) {
      return "s";
    }
    if (n.isBoolean()) {
      return "b";
    }
    return "null";
  }

  private static Set<String> metrics(JsonNode result) {
    Set<String> out = new HashSet<>();
    result.forEach(s -> out.add(s.path("metric").toString()));
    return out;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      out.add(it.next().asText());
    }
    return out;
  }

}
