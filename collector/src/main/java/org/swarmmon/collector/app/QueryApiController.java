package org.swarmmon.collector.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.collector.promql.ErrorType;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.promql.PromqlException;
import org.swarmmon.collector.promql.QueryResult;
import org.swarmmon.collector.promql.parser.ParseException;
import org.swarmmon.collector.promql.parser.Prettier;
import org.swarmmon.collector.promql.parser.PromqlParser;
import org.swarmmon.collector.scrape.MetricMetadata;
import org.swarmmon.collector.scrape.ScrapeManager;
import org.swarmmon.collector.scrape.Target;
import org.swarmmon.collector.storage.FanoutQueryable;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;
import org.swarmmon.collector.storage.Series;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.web.ApiError;
import org.swarmmon.collector.web.ApiJson;
import org.swarmmon.collector.web.ApiParams;
import org.swarmmon.collector.web.Selectors;
import org.swarmmon.collector.warmup.WarmUpRoute;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/** Prometheus's query and metadata API: query, query_range, series, labels, label values, metadata. */
@RestController
@RequestMapping(path = "/api/v1", method = {RequestMethod.GET, RequestMethod.POST})
public class QueryApiController {

  private static final long MAX_POINTS = 11_000;

  private final PromqlEngine engine;
  private final Storage storage;
  private final FanoutQueryable queryable;
  private final ScrapeManager scrapeManager;
  private final WarmUpRoute warmUpRoute;
  private final Clock clock;

  public QueryApiController(PromqlEngine engine, Storage storage, FanoutQueryable queryable,
      ScrapeManager scrapeManager, WarmUpRoute warmUpRoute, Clock clock) {
    this.engine = engine;
    this.storage = storage;
    this.queryable = queryable;
    this.scrapeManager = scrapeManager;
    this.warmUpRoute = warmUpRoute;
    this.clock = clock;
  }

  @ExceptionHandler(ApiError.class)
  ResponseEntity<String> apiError(ApiError e) {
    return ApiResponses.error(e);
  }

  @ExceptionHandler(PromqlException.class)
  ResponseEntity<String> engineError(PromqlException e) {
    return ApiResponses.error(ApiResponses.fromEngine(e));
  }

  @RequestMapping("/query")
  public ResponseEntity<byte[]> query(@RequestParam(name = "query", required = false) String query,
      @RequestParam(name = "time", required = false) String time,
      @RequestParam(name = "timeout", required = false) String timeout,
      @RequestHeader(name = WarmUpRoute.HEADER, required = false) String warmUp) {
    Instant ts = ApiParams.time("time", time, clock.instant());
    Duration limit = ApiParams.duration("timeout", timeout);
    if (expiredAtOnce(limit)) {
      parse(query);
      throw new ApiError("timeout", "query timed out in query execution");
    }
    Queryable source = warmUpRoute.queryable(warmUp, queryable);
    QueryResult r = run(() -> engine.instantQuery(source, nonNull(query), ts, limit), true);
    return ApiResponses.okUtf8(ApiJson.queryData(r.value()), r.warnings());
  }

  @RequestMapping("/query_range")
  public ResponseEntity<byte[]> queryRange(@RequestParam(name = "query", required = false) String query,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end,
      @RequestParam(name = "step", required = false) String step,
      @RequestParam(name = "timeout", required = false) String timeout,
      @RequestHeader(name = WarmUpRoute.HEADER, required = false) String warmUp) {
    Instant from = required("start", start);
    Instant to = required("end", end);
    if (to.isBefore(from)) {
      throw ApiError.invalidParam("end", "end timestamp must not be before start time");
    }
    Duration stepDuration = ApiParams.duration("step", step);
    if (stepDuration == null) {
      throw ApiError.invalidParam("step", "cannot parse \"\" to a valid duration");
    }
    if (stepDuration.isZero() || stepDuration.isNegative()) {
      throw ApiError.invalidParam("step",
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    // as Prometheus: at most 11000 points per series (time.Duration saturates, the step may be below 1ms)
    if (saturatedNanos(Duration.between(from, to)) / stepDuration.toNanos() > MAX_POINTS) {
      throw ApiError.badData("exceeded maximum resolution of 11,000 points per timeseries. "
          + "Try decreasing the query resolution (?step=XX)");
    }
    Duration limit = ApiParams.duration("timeout", timeout);
    if (expiredAtOnce(limit)) {
      parseRange(query);
      throw new ApiError("timeout", "query timed out in query queue");
    }
    if (stepDuration.toMillis() == 0) {
      // Prometheus's engine steps in whole milliseconds and divides by a 0 step; it answers this
      parseRange(query);
      throw new ApiError("execution", "unexpected error: runtime error: integer divide by zero");
    }
    Queryable source = warmUpRoute.queryable(warmUp, queryable);
    QueryResult r = run(() -> engine.rangeQuery(source, nonNull(query), from, to, stepDuration, limit), false);
    return ApiResponses.okUtf8(ApiJson.queryData(r.value()), r.warnings());
  }

  @RequestMapping("/query_exemplars")
  public ResponseEntity<String> queryExemplars(@RequestParam(name = "query", required = false) String query,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end) {
    Instant from = ApiParams.time("start", start, ApiParams.MIN_TIME);
    Instant to = ApiParams.time("end", end, ApiParams.MAX_TIME);
    if (to.isBefore(from)) {
      throw ApiError.badData("end timestamp must not be before start time");
    }
    parseRange(query);
    // no exemplar storage: Prometheus without --enable-feature=exemplar-storage answers the same
    return ApiResponses.ok(List.of());
  }

  @RequestMapping("/format_query")
  public ResponseEntity<String> formatQuery(@RequestParam(name = "query", required = false) String query) {
    return ApiResponses.ok(Prettier.pretty(parse(query)));
  }

  @RequestMapping("/series")
  public ResponseEntity<String> series(HttpServletRequest request,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end,
      @RequestHeader(name = WarmUpRoute.HEADER, required = false) String warmUp) {
    List<String> match = ApiResponses.values(request, "match[]");
    if (match == null || match.isEmpty()) {
      throw ApiError.badData("no match[] parameter provided");
    }
    List<List<Matcher>> sets = Selectors.parse(match);
    long[] range = range(start, end);
    LinkedHashSet<Labels> seen = new LinkedHashSet<>();
    List<String> warnings;
    try (Querier q = warmUpRoute.queryable(warmUp, queryable).querier(range[0], range[1])) {
      for (List<Matcher> set : sets) {
        for (Series s : q.select(set)) {
          if (s.iterator().next()) {
            seen.add(s.labels());
          }
        }
      }
      warnings = q.warnings();
    }
    List<Labels> sorted = new ArrayList<>(seen);
    sorted.sort(Labels::compareTo);
    List<Map<String, String>> out = new ArrayList<>(sorted.size());
    sorted.forEach(l -> out.add(l.toMap()));
    return ApiResponses.ok(out, warnings);
  }

  @RequestMapping("/labels")
  public ResponseEntity<String> labels(HttpServletRequest request,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end,
      @RequestHeader(name = WarmUpRoute.HEADER, required = false) String warmUp) {
    List<String> match = ApiResponses.values(request, "match[]");
    List<List<Matcher>> sets = unprefixed(match);
    long[] range = range(start, end);
    TreeSet<String> names = new TreeSet<>();
    try (Querier q = warmUpRoute.queryable(warmUp, storage).querier(range[0], range[1])) {
      if (sets.isEmpty()) {
        names.addAll(q.labelNames(List.of()));
      } else {
        for (List<Matcher> set : sets) {
          names.addAll(q.labelNames(set));
        }
      }
    }
    return ApiResponses.ok(new ArrayList<>(names));
  }

  @RequestMapping("/label/{name}/values")
  public ResponseEntity<String> labelValues(@PathVariable("name") String name,
      HttpServletRequest request,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end,
      @RequestHeader(name = WarmUpRoute.HEADER, required = false) String warmUp) {
    List<String> match = ApiResponses.values(request, "match[]");
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw ApiError.badData("invalid label name: \"" + name + "\"");
    }
    List<List<Matcher>> sets = unprefixed(match);
    long[] range = range(start, end);
    TreeSet<String> values = new TreeSet<>();
    try (Querier q = warmUpRoute.queryable(warmUp, storage).querier(range[0], range[1])) {
      if (sets.isEmpty()) {
        values.addAll(q.labelValues(name, List.of()));
      } else {
        for (List<Matcher> set : sets) {
          values.addAll(q.labelValues(name, set));
        }
      }
    }
    return ApiResponses.ok(new ArrayList<>(values));
  }

  @RequestMapping("/metadata")
  public ResponseEntity<String> metadata(@RequestParam(name = "limit", required = false) String limit,
      @RequestParam(name = "metric", required = false) String metric) {
    int max = limit(limit);
    Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<MetricMetadata>> e : scrapeManager.metadata().entrySet()) {
      if (max >= 0 && out.size() >= max) {
        break;
      }
      if (metric != null && !metric.isEmpty() && !metric.equals(e.getKey())) {
        continue;
      }
      List<Map<String, String>> list = new ArrayList<>();
      e.getValue().forEach(m -> list.add(metadata(m)));
      out.put(e.getKey(), list);
    }
    return ApiResponses.ok(out);
  }

  @RequestMapping("/targets/metadata")
  public ResponseEntity<String> targetsMetadata(
      @RequestParam(name = "match_target", required = false) String matchTarget,
      @RequestParam(name = "metric", required = false) String metric,
      @RequestParam(name = "limit", required = false) String limit) {
    int max = limit(limit);
    List<Matcher> matchers = List.of();
    if (matchTarget != null && !matchTarget.isEmpty()) {
      try {
        matchers = Selectors.parse(List.of(matchTarget)).get(0);
      } catch (ApiError e) {
        throw ApiError.badData(e.getMessage().replace("\"match[]\"", "\"match_target\""));
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    outer:
    for (List<Target> targets : scrapeManager.activeTargets().values()) {
      for (Target t : targets) {
        Labels labels = t.sampleLabels();
        final List<Matcher> ms = matchers;
        if (!ms.stream().allMatch(m -> m.matches(labels.get(m.name()) == null ? "" : labels.get(m.name())))) {
          continue;
        }
        for (Map.Entry<String, MetricMetadata> e : t.metadata().entrySet()) {
          if (max >= 0 && out.size() >= max) {
            break outer;
          }
          if (metric != null && !metric.isEmpty() && !metric.equals(e.getKey())) {
            continue;
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("target", labels.toMap());
          m.put("metric", e.getKey());
          m.putAll(metadata(e.getValue()));
          out.add(m);
        }
      }
    }
    return ApiResponses.ok(out);
  }

  private static Map<String, String> metadata(MetricMetadata m) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("type", m.type().apiName());
    out.put("help", m.help());
    out.put("unit", m.unit());
    return out;
  }

  /** labels and label values report bad match[] without the parameter name, as Prometheus 2.42. */
  private static List<List<Matcher>> unprefixed(List<String> match) {
    try {
      return Selectors.parse(match);
    } catch (ApiError e) {
      throw ApiError.badData(e.getMessage().replaceFirst("^invalid parameter \"match\\[\\]\": ", ""));
    }
  }

  private static int limit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return -1;
    }
    try {
      return Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      throw ApiError.badData("limit must be a number");
    }
  }

  private static String nonNull(String query) {
    return query == null ? "" : query;
  }

  private static org.swarmmon.collector.promql.parser.Expr parse(String query) {
    try {
      return PromqlParser.parse(nonNull(query));
    } catch (ParseException e) {
      throw ApiError.invalidParam("query", e.getMessage());
    }
  }

  /** A timeout Prometheus's context has passed before the query starts (zero, negative or below a microsecond). */
  private static boolean expiredAtOnce(Duration limit) {
    return limit != null && limit.toNanos() < 1000;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** A range query's parse errors, which Prometheus answers without the instant query's prefix. */
  private static void parseRange(String query) {
    try {
      PromqlParser.parse(nonNull(query));
    } catch (ParseException e) {
      throw ApiError.badData(e.getMessage());
    }
  }

  private static Instant required(String name, String value) {
    return ApiParams.requiredTime(name, value);
  }

  private static long[] range(String start, String end) {
    long from = ApiParams.time("start", start, ApiParams.MIN_TIME).toEpochMilli();
    long to = ApiParams.time("end", end, ApiParams.MAX_TIME).toEpochMilli();
    return new long[] {from, to};
  }

  /**
   * Runs a query; Prometheus 2.42 prefixes bad queries with {@code invalid parameter "query"} for
   * instant queries only.
   */
  private static QueryResult run(java.util.function.Supplier<QueryResult> query, boolean instant) {
    SelfMetrics.RUNNING_QUERIES.incrementAndGet();
    try {
      return query.get();
    } catch (PromqlException e) {
      if (instant && (e.getCause() instanceof ParseException || e.type() == ErrorType.BAD_DATA)) {
        throw ApiError.invalidParam("query", e.getMessage());
      }
      throw ApiResponses.fromEngine(e);
    } finally {
      SelfMetrics.RUNNING_QUERIES.decrementAndGet();
    }
  }
}
