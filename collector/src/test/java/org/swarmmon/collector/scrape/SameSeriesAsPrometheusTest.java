package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ConfigLoader;
import org.swarmmon.collector.discovery.DiscoveryManager;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.SampleIterator;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.tsdb.Tsdb;
import org.swarmmon.collector.tsdb.TsdbOptions;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;

/**
 * Our scraping into our TSDB and Debian's Prometheus 2.42, fed the same node_exporter for the same
 * period, hold the same series and sample counts within one scrape per series, compared through
 * the data read back from each.
 */
class SameSeriesAsPrometheusTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sameSeriesAndSampleCounts(@TempDir Path dir) throws Exception {
    // containers other tests start and stop come and go with their veth devices and mounts; a
    // device that exists for only one side's scrape is churn on the host, not a difference
    try (References.Started ne = References.nodeExporter(
        "--collector.netclass.ignored-devices=^veth", "--collector.netdev.device-exclude=^veth",
        "--collector.filesystem.mount-points-exclude=^/(dev|proc|run|sys|var/lib/docker/.+)($|/)")) {
      String target = ne.url().substring("http://".length());
      String yaml = """
          global:
            scrape_interval: 2s
            scrape_timeout: 2s
          scrape_configs:
            - job_name: node
              static_configs:
                - targets: ['%s']
          """.formatted(target);
      Path promConfig = dir.resolve("prometheus.yml");
      Files.writeString(promConfig, yaml);
      Config config = ConfigLoader.parse(yaml, "prometheus.yml", dir);
      try (References.Started prom = References.prometheus(promConfig);
          Tsdb tsdb = Tsdb.open(TsdbOptions.builder(dir.resolve("ours")).build(), Clock.systemUTC())) {
        ScrapeManager scrape = new ScrapeManager(tsdb, Clock.systemUTC());
        DiscoveryManager discovery = new DiscoveryManager(Clock.systemUTC(), scrape::updateTargets,
            Duration.ofSeconds(5), Duration.ofSeconds(5));
        scrape.applyConfig(config);
        discovery.applyConfig(config);
        Thread.sleep(5000); // both warm up
        long start = System.currentTimeMillis();
        Thread.sleep(12000); // the compared period
        long end = System.currentTimeMillis();
        Thread.sleep(3000); // the last scrape of the period lands in both
        discovery.close();
        scrape.close();

        Map<Labels, Integer> ours = new HashMap<>();
        try (Querier q = tsdb.querier(start, end)) {
          for (Series s : q.select(List.of(Matcher.equal("job", "node")))) {
            int n = 0;
            SampleIterator it = s.iterator();
            while (it.next()) {
              n++;
            }
            if (n > 0) {
              ours.put(s.labels(), n);
            }
          }
        }
        Map<Labels, Integer> theirs = prometheusCounts(prom.url(), start, end);

        TreeSet<String> onlyOurs = new TreeSet<>();
        TreeSet<String> onlyTheirs = new TreeSet<>();
        ours.keySet().stream().filter(l -> !theirs.containsKey(l)).forEach(l -> onlyOurs.add(l.toString()));
        theirs.keySet().stream().filter(l -> !ours.containsKey(l)).forEach(l -> onlyTheirs.add(l.toString()));
        System.out.println("series: ours " + ours.size() + ", Prometheus " + theirs.size());
        assertThat(onlyOurs).as("series only we have").isEmpty();
        assertThat(onlyTheirs).as("series only Prometheus has").isEmpty();
        int maxDiff = 0;
        for (Map.Entry<Labels, Integer> e : ours.entrySet()) {
          int diff = Math.abs(e.getValue() - theirs.get(e.getKey()));
          maxDiff = Math.max(maxDiff, diff);
          assertThat(diff).as("sample count difference for " + e.getKey() + " (ours "
              + e.getValue() + ", Prometheus " + theirs.get(e.getKey()) + ")").isLessThanOrEqualTo(1);
        }
        System.out.println("largest per-series sample count difference: " + maxDiff);
        assertThat(ours.size()).isGreaterThan(100);
      }
    }
  }

  /** Sample counts per series in [start, end] from Prometheus's HTTP API. */
  private static Map<Labels, Integer> prometheusCounts(String url, long start, long end) throws Exception {
    long rangeMs = end - start;
    String query = "{job=\"node\"}[" + rangeMs + "ms]";
    String body = Http.get(url + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&time=" + (end / 1000.0)).body();
    JsonNode result = JSON.readTree(body).path("data").path("result");
    Map<Labels, Integer> out = new HashMap<>();
    for (JsonNode series : result) {
      Labels.Builder b = Labels.builder();
      Iterator<Map.Entry<String, JsonNode>> it = series.path("metric").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        b.set(e.getKey(), e.getValue().asText());
      }
      int n = 0;
      for (JsonNode v : series.path("values")) {
        if (v.get(0).asDouble() * 1000 >= start) {
          n++;
        }
      }
      out.put(b.build(), n);
    }
    return out;
  }
}
