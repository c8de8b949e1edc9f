package org.swarmmon.collector.warmup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.collector.promql.EngineOptions;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.promql.QueryResult;
import org.swarmmon.collector.promql.Value;
import org.swarmmon.collector.storage.Appender;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.tsdb.Fs;
import org.swarmmon.collector.tsdb.Tsdb;
import org.swarmmon.collector.tsdb.TsdbOptions;
import org.swarmmon.collector.web.ApiJson;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * Runs the query path (PromQL parser and engine, the TSDB's head and block readers, the JSON
 * writer) on a scratch database before the first real query, so the JIT has compiled it by then.
 * A JVM answers its first small queries several times slower than later ones (collector
 * docs/benchmarks.md §3); Prometheus, compiled ahead of time, has no such phase.
 *
 * <p>Nothing is left behind: the scratch database lives in its own directory, deleted afterwards,
 * with its own engine, so no series, metric or query log entry of the real collector changes.
 */
public final class QueryWarmUp {

  /** What a warm-up did; {@code emptyResults} counts queries that found no data (none should). */
  public record Report(int queries, int emptyResults, Duration took) {}

  private static final String[] INSTANCES = {"node-1:9100", "node-2:9100", "node-3:9100", "node-4:9100"};
  private static final String[] HANDLERS = {"/api/v1/query", "/api/v1/query_range", "/metrics"};
  private static final String[] CODES = {"200", "500"};
  private static final String GAUGE = "warmup_memory_bytes";
  private static final String[] BUCKETS = {"0.1", "0.5", "1", "5", "+Inf"};
  private static final Duration SPAN = Duration.ofMinutes(210); // past 1.5 block ranges: one block is cut
  private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(30);

  /** Typical dashboard queries: range queries over the last hour. */
  private static final List<String> RANGE_QUERIES = List.of(
      "rate(warmup_http_requests_total{instance=\"node-1:9100\",handler=\"/metrics\"}[5m])",
      "sum by (code) (rate(warmup_http_requests_total[5m]))",
      "sum by (instance) (irate(warmup_http_requests_total{code=~\"2..\"}[1m]))",
      "histogram_quantile(0.9, sum by (le) (rate(warmup_request_duration_seconds_bucket[5m])))",
      "topk(3, warmup_memory_bytes) / 1024 / 1024",
      "100 * (1 - avg by (instance) (warmup_memory_bytes) / on () group_left max(warmup_memory_bytes))",
      "increase(warmup_http_requests_total{handler!=\"/metrics\"}[1h] offset 5m)",
      "avg_over_time(warmup_memory_bytes[10m]) > bool 0");

  /** Instant queries, as tables and single stats ask for them. */
  private static final List<String> INSTANT_QUERIES = List.of(
      "warmup_memory_bytes",
      "count(count by (instance) (warmup_http_requests_total))",
      "sort_desc(sum without (code) (rate(warmup_http_requests_total[2h])))",
      "time() - max(timestamp(warmup_memory_bytes))",
      "label_replace(warmup_absent_metric, \"x\", \"$1\", \"instance\", \"(.*):.*\") or vector(1)");

  private final EngineOptions engineOptions;
  private final Clock clock;

  public QueryWarmUp(EngineOptions engineOptions, Clock clock) {
    this.engineOptions = engineOptions;
    this.clock = clock;
  }

  /**
   * Builds the scratch database in {@code scratchDir} (which must not exist or be empty) and runs
   * {@code rounds} rounds of the queries, stopping early once {@code budget} has passed; deletes
   * the directory in any case.
   */
  public Report run(Path scratchDir, int rounds, Duration budget) throws IOException {
    Instant started = clock.instant();
    Instant now = started.truncatedTo(ChronoUnit.MINUTES);
    // the scratch database runs on a frozen clock at "now", so its retention and compaction
    // see the synthetic samples as recent
    Clock frozen = Clock.fixed(now, ZoneOffset.UTC);
    int queries = 0;
    int empty = 0;
    try (Tsdb tsdb = Tsdb.open(TsdbOptions.builder(scratchDir).backgroundMaintenance(false).build(), frozen)) {
      fill(tsdb, now);
      tsdb.maintain();
      PromqlEngine engine = new PromqlEngine(engineOptions, frozen);
      Instant end = now.minus(SCRAPE_INTERVAL);
      for (int round = 0; round < rounds && !overBudget(started, budget); round++) {
        for (String q : RANGE_QUERIES) {
          empty += write(engine.rangeQuery(tsdb, q, end.minus(Duration.ofHours(1)), end, Duration.ofSeconds(15)));
          queries++;
        }
        empty += write(engine.rangeQuery(tsdb, RANGE_QUERIES.get(0), end.minus(SPAN).plus(Duration.ofMinutes(10)), end,
            Duration.ofMinutes(2))); // across the block and the head
        queries++;
        for (String q : INSTANT_QUERIES) {
          empty += write(engine.instantQuery(tsdb, q, end));
          queries++;
        }
        metadata(tsdb, now);
      }
    } finally {
      Fs.deleteRecursively(scratchDir);
    }
    return new Report(queries, empty, Duration.between(started, clock.instant()));
  }

  private boolean overBudget(Instant started, Duration budget) {
    return Duration.between(started, clock.instant()).compareTo(budget) > 0;
  }

  private static void fill(Tsdb tsdb, Instant now) {
    long step = SCRAPE_INTERVAL.toMillis();
    long from = now.minus(SPAN).toEpochMilli();
    long points = SPAN.toMillis() / step;
    Labels[] series = seriesLabels();
    long[] refs = new long[series.length];
    for (long i = 0; i < points; i++) {
      Appender app = tsdb.appender();
      long t = from + i * step;
      for (int s = 0; s < series.length; s++) {
        // counters that grow at per-series rates; the gauge wanders
        double value = series[s].get(Labels.METRIC_NAME).equals(GAUGE)
            ? 1e6 + (i * 7919 + s * 104729) % 65536 : i * (s % 5 + 1);
        refs[s] = app.append(refs[s], series[s], t, value);
      }
      app.commit();
    }
  }

  private static Labels[] seriesLabels() {
    List<Labels> out = new ArrayList<>();
    for (String instance : INSTANCES) {
      for (String handler : HANDLERS) {
        for (String code : CODES) {
          out.add(Labels.of("__name__", "warmup_http_requests_total", "instance", instance, "handler", handler,
              "code", code));
        }
      }
      for (String le : BUCKETS) {
        out.add(Labels.of("__name__", "warmup_request_duration_seconds_bucket", "instance", instance, "le", le));
      }
      out.add(Labels.of("__name__", GAUGE, "instance", instance));
    }
    return out.toArray(Labels[]::new);
  }

  private static void metadata(Tsdb tsdb, Instant now) {
    try (Querier q = tsdb.querier(now.minus(SPAN).toEpochMilli(), now.toEpochMilli())) {
      q.labelNames(List.of());
      q.labelValues("instance", List.of(Matcher.equal("__name__", "warmup_memory_bytes")));
      q.select(List.of(Matcher.regex("__name__", "warmup_.+"), Matcher.equal("instance", INSTANCES[0])))
          .forEach(s -> s.iterator().next());
    }
  }

  /** Writes the answer as the API would; 1 when it holds no data. */
  private static int write(QueryResult result) {
    ApiJson.successUtf8(ApiJson.queryData(result.value()), result.warnings());
    Value value = result.value();
    boolean empty = value instanceof Value.Vector v ? v.samples().isEmpty()
        : value instanceof Value.Matrix m && m.series().isEmpty();
    return empty ? 1 : 0;
  }
}
