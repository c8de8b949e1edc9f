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
import org.swarmmon.collector.storage.Storage;
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
 * <p>The scratch data has the shape of a real target (500 request counters, 110 histogram buckets
 * and 20 gauges per instance), so the paths of one-target dashboard panels over hundreds of series
 * are the ones compiled: block postings lists long enough for the postings cache, intersections of
 * long lists, aggregations over hundreds of series, result JSON of hundreds of series.
 *
 * <p>The rounds run in a {@link Phase}: {@link #inProcess} calls the engine and the JSON writer
 * directly; the application can instead send them through its own HTTP API (HttpWarmUp).
 *
 * <p>Nothing is left behind: the scratch database lives in its own directory, deleted afterwards,
 * with its own engine, so no series, metric or query log entry of the real collector changes.
 */
public final class QueryWarmUp {

  /** What a warm-up did; {@code emptyResults} counts queries that found no data (none should). */
  public record Report(int queries, int emptyResults, Duration took) {}

  /**
   * The open scratch database: range queries end at {@code end} (15 s step), instant queries ask
   * at {@code end}; {@code instance} is the first instance's name, for selectors.
   */
  public record Scratch(Storage storage, Instant end, Duration span, String instance) {

    /**
     * The queries of round {@code n}: every {@link #HEAVY_EVERY}th round also the ones over
     * hundreds of series, and the range queries over an hour; the others over 15 minutes.
     */
    public Round round(int n) {
      return n % HEAVY_EVERY == 0 ? HEAVY_ROUND : LIGHT_ROUND;
    }

    /** The query each round also asks over the whole span, across the block and the head. */
    public String spanningQuery() {
      return RANGE_QUERIES.get(0);
    }

    /** Where the spanning query starts: early in the span, in the block. */
    public Instant spanningStart() {
      return end.minus(span).plus(Duration.ofMinutes(10));
    }
  }

  /** The step of the rounds' range queries, and of the spanning query. */
  public static final Duration STEP = Duration.ofSeconds(15);
  public static final Duration SPANNING_STEP = Duration.ofMinutes(2);

  /** The range queries (over {@code range}) and the instant queries of one round. */
  public record Round(List<String> rangeQueries, Duration range, List<String> instantQueries) {
    public int size() {
      return rangeQueries.size() + instantQueries.size();
    }
  }

  /** Runs rounds of the scratch queries until {@code rounds} are done or the deadline passes. */
  @FunctionalInterface
  public interface Phase {
    Report run(Scratch scratch, int rounds, Instant deadline) throws IOException;
  }

  static final String[] INSTANCES = {"node-1:9100", "node-2:9100", "node-3:9100", "node-4:9100"};
  private static final int HANDLERS = 50;
  private static final String[] CODES = {"200", "201", "204", "301", "400", "401", "404", "500", "502", "503"};
  private static final int HISTOGRAM_HANDLERS = 10;
  private static final String[] BUCKETS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5",
      "+Inf"};
  private static final int GAUGES = 20;
  private static final String GAUGE = "warmup_memory_bytes";
  private static final Duration SPAN = Duration.ofMinutes(210); // past 1.5 block ranges: one block is cut
  private static final Duration SCRAPE_INTERVAL = Duration.ofMinutes(1);

  /** Typical dashboard queries: range queries over the last hour, most over one instance. */
  private static final List<String> RANGE_QUERIES = List.of(
      "rate(warmup_http_requests_total{instance=\"node-1:9100\",handler=\"/api/h1\"}[5m])",
      "sum by (instance) (irate(warmup_http_requests_total{code=~\"2..\",handler=~\"/api/h[1-3]\"}[2m]))",
      "histogram_quantile(0.9, sum by (le) (rate(warmup_request_duration_seconds_bucket{instance=\"node-3:9100\"}[5m])))",
      "topk(3, warmup_memory_bytes) / 1024 / 1024",
      "100 * (1 - avg by (instance) (warmup_memory_bytes) / on () group_left max(warmup_memory_bytes))",
      "avg_over_time(warmup_memory_bytes{instance=\"node-1:9100\"}[10m]) > bool 0");

  /**
   * Over one instance's 500 counters: their loops are compiled after a few runs, while the code
   * run once per request needs some hundred requests, so these run in every fourth round only.
   */
  private static final List<String> HEAVY_RANGE_QUERIES = List.of(
      "sum by (code) (rate(warmup_http_requests_total{instance=\"node-2:9100\"}[5m]))",
      "increase(warmup_http_requests_total{instance=\"node-4:9100\",code=\"500\"}[1h] offset 5m)");

  /** Instant queries, as tables and single stats ask for them. */
  private static final List<String> INSTANT_QUERIES = List.of(
      "warmup_memory_bytes",
      "time() - max(timestamp(warmup_memory_bytes))",
      "label_replace(warmup_absent_metric, \"x\", \"$1\", \"instance\", \"(.*):.*\") or vector(1)");

  private static final List<String> HEAVY_INSTANT_QUERIES = List.of(
      "count(count by (instance) (warmup_http_requests_total))",
      "sort_desc(sum without (code) (rate(warmup_http_requests_total{instance=\"node-2:9100\"}[5m])))");

  static final int HEAVY_EVERY = 4;
  // a loop over points is compiled after a few runs, so most rounds ask for fewer points
  private static final Round LIGHT_ROUND = new Round(RANGE_QUERIES, Duration.ofMinutes(15), INSTANT_QUERIES);
  private static final Round HEAVY_ROUND = new Round(concat(HEAVY_RANGE_QUERIES, RANGE_QUERIES), Duration.ofHours(1),
      concat(HEAVY_INSTANT_QUERIES, INSTANT_QUERIES));

  /** The queries {@code rounds} rounds of {@link #inProcess} (or HttpWarmUp) send. */
  public static int queries(int rounds) {
    int heavy = (rounds + HEAVY_EVERY - 1) / HEAVY_EVERY;
    return heavy * (HEAVY_ROUND.size() + 1) + (rounds - heavy) * (LIGHT_ROUND.size() + 1);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return List.copyOf(out);
  }

  private final EngineOptions engineOptions;
  private final Clock clock;

  public QueryWarmUp(EngineOptions engineOptions, Clock clock) {
    this.engineOptions = engineOptions;
    this.clock = clock;
  }

  /** As {@link #run(Path, int, Duration, Phase)} with the rounds run in process. */
  public Report run(Path scratchDir, int rounds, Duration budget) throws IOException {
    return run(scratchDir, rounds, budget, null);
  }

  /**
   * Builds the scratch database in {@code scratchDir} (which must not exist or be empty) and runs
   * {@code rounds} rounds of the queries in {@code phase} ({@code null}: in process), stopping
   * early once {@code budget} has passed; deletes the directory in any case.
   */
  public Report run(Path scratchDir, int rounds, Duration budget, Phase phase) throws IOException {
    Instant started = clock.instant();
    Instant now = started.truncatedTo(ChronoUnit.MINUTES);
    // the scratch database runs on a frozen clock at "now", so its retention and compaction
    // see the synthetic samples as recent
    Clock frozen = Clock.fixed(now, ZoneOffset.UTC);
    Report r;
    try (Tsdb tsdb = Tsdb.open(TsdbOptions.builder(scratchDir).backgroundMaintenance(false).build(), frozen)) {
      fill(tsdb, now);
      tsdb.maintain();
      Scratch scratch = new Scratch(tsdb, now.minus(SCRAPE_INTERVAL), SPAN, INSTANCES[0]);
      Phase p = phase != null ? phase : inProcess(new PromqlEngine(engineOptions, frozen), clock);
      r = p.run(scratch, rounds, started.plus(budget));
    } finally {
      Fs.deleteRecursively(scratchDir);
    }
    return new Report(r.queries(), r.emptyResults(), Duration.between(started, clock.instant()));
  }

  /** The rounds in this thread: the engine, the storage's label reads and the API's JSON writer. */
  public static Phase inProcess(PromqlEngine engine, Clock clock) {
    return (scratch, rounds, deadline) -> {
      Instant end = scratch.end();
      int queries = 0;
      int empty = 0;
      for (int round = 0; round < rounds && !clock.instant().isAfter(deadline); round++) {
        Round r = scratch.round(round);
        for (String q : r.rangeQueries()) {
          empty += write(engine.rangeQuery(scratch.storage(), q, end.minus(r.range()), end, STEP));
          queries++;
        }
        empty += write(engine.rangeQuery(scratch.storage(), scratch.spanningQuery(), scratch.spanningStart(), end,
            SPANNING_STEP));
        queries++;
        for (String q : r.instantQueries()) {
          empty += write(engine.instantQuery(scratch.storage(), q, end));
          queries++;
        }
        metadata(scratch);
      }
      return new Report(queries, empty, Duration.ZERO);
    };
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
        // counters that grow at per-series rates; the gauges wander
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
      for (int h = 0; h < HANDLERS; h++) {
        for (String code : CODES) {
          out.add(Labels.of("__name__", "warmup_http_requests_total", "code", code, "handler", "/api/h" + h,
              "instance", instance, "job", "warmup"));
        }
      }
      for (int h = 0; h < HISTOGRAM_HANDLERS; h++) {
        for (String le : BUCKETS) {
          out.add(Labels.of("__name__", "warmup_request_duration_seconds_bucket", "handler", "/api/h" + h,
              "instance", instance, "job", "warmup", "le", le));
        }
      }
      for (int g = 0; g < GAUGES; g++) {
        out.add(Labels.of("__name__", GAUGE, "area", "a" + g, "instance", instance, "job", "warmup"));
      }
    }
    return out.toArray(Labels[]::new);
  }

  private static void metadata(Scratch scratch) {
    Instant end = scratch.end();
    try (Querier q = scratch.storage().querier(end.minus(scratch.span()).toEpochMilli(), end.toEpochMilli())) {
      q.labelNames(List.of());
      q.labelValues("instance", List.of(Matcher.equal("__name__", GAUGE)));
      q.select(List.of(Matcher.regex("__name__", "warmup_.+"), Matcher.equal("instance", scratch.instance())))
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
