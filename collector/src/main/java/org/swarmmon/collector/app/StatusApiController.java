package org.swarmmon.collector.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.collector.config.ConfigReloader;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.storage.StorageAdmin;
import org.swarmmon.collector.storage.StorageStats;
import org.swarmmon.collector.storage.TsdbStatus;
import org.swarmmon.collector.storage.WalReplayStatus;
import org.swarmmon.collector.web.AlertmanagersView;
import org.swarmmon.collector.web.ApiError;
import org.swarmmon.collector.web.ApiParams;
import org.swarmmon.collector.web.RulesView;
import org.swarmmon.collector.web.Selectors;
import org.swarmmon.labels.Matcher;

/** Prometheus's status, rules/alerts and admin API. */
@RestController
@RequestMapping(path = "/api/v1")
public class StatusApiController {

  /** The Prometheus release whose API this one speaks; Grafana reads it to pick features. */
  static final String VERSION = "2.42.0";

  private final Storage storage;
  private final ConfigReloader reloader;
  private final CollectorProperties properties;
  private final RulesView rules;
  private final AlertmanagersView alertmanagers;
  private final Clock clock;
  private final Instant started;

  public StatusApiController(Storage storage, ConfigReloader reloader, CollectorProperties properties,
      RulesView rules, AlertmanagersView alertmanagers, Clock clock) {
    this.storage = storage;
    this.reloader = reloader;
    this.properties = properties;
    this.rules = rules;
    this.alertmanagers = alertmanagers;
    this.clock = clock;
    this.started = clock.instant();
  }

  @ExceptionHandler(ApiError.class)
  ResponseEntity<String> apiError(ApiError e) {
    return ApiResponses.error(e);
  }

  @RequestMapping(path = "/rules", method = {RequestMethod.GET, RequestMethod.POST})
  public ResponseEntity<String> rules(@RequestParam(name = "type", required = false) String type) {
    String t = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
    if (!t.isEmpty() && !t.equals("alert") && !t.equals("record")) {
      throw ApiError.invalidParam("type", "not supported value \"" + type + "\"");
    }
    return ApiResponses.ok(Map.of("groups", rules.groups(t.isEmpty() ? null : t)));
  }

  @RequestMapping(path = "/alerts", method = {RequestMethod.GET, RequestMethod.POST})
  public ResponseEntity<String> alerts() {
    return ApiResponses.ok(Map.of("alerts", rules.alerts()));
  }

  @RequestMapping(path = "/alertmanagers", method = {RequestMethod.GET, RequestMethod.POST})
  public ResponseEntity<String> alertmanagers() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("activeAlertmanagers", urls(alertmanagers.active()));
    data.put("droppedAlertmanagers", urls(alertmanagers.dropped()));
    return ApiResponses.ok(data);
  }

  private static List<Map<String, String>> urls(List<String> urls) {
    List<Map<String, String>> out = new ArrayList<>();
    urls.forEach(u -> out.add(Map.of("url", u)));
    return out;
  }

  /** The loaded configuration re-marshalled as Prometheus does, secrets shown as {@code <secret>}. */
  @RequestMapping(path = "/status/config", method = RequestMethod.GET)
  public ResponseEntity<String> config() {
    return ApiResponses.ok(Map.of("yaml", reloader.currentYaml()));
  }

  @RequestMapping(path = "/status/flags", method = RequestMethod.GET)
  public ResponseEntity<String> flags() {
    Map<String, String> f = new TreeMap<>();
    CollectorProperties.Web web = properties.getWeb();
    CollectorProperties.Query q = properties.getQuery();
    CollectorProperties.Storage s = properties.getStorage();
    String config = properties.getConfigFile();
    f.put("config.file", config == null || config.isEmpty() ? "prometheus.yml" : config);
    f.put("storage.tsdb.path", s.getPath());
    f.put("storage.tsdb.retention.time", s.getRetentionTime().isEmpty() ? "0s" : s.getRetentionTime());
    f.put("storage.tsdb.retention.size", s.getRetentionSize().isEmpty() ? "0B" : s.getRetentionSize());
    f.put("web.external-url", web.getExternalUrl());
    f.put("web.config.file", web.getConfigFile());
    f.put("web.enable-admin-api", Boolean.toString(web.isEnableAdminApi()));
    f.put("web.enable-lifecycle", Boolean.toString(web.isEnableLifecycle()));
    f.put("web.enable-remote-write-receiver", Boolean.toString(web.isEnableRemoteWriteReceiver()));
    f.put("query.lookback-delta", q.getLookbackDelta());
    f.put("query.timeout", q.getTimeout());
    f.put("query.max-samples", Long.toString(q.getMaxSamples()));
    f.put("query.max-concurrency", Integer.toString(q.getMaxConcurrency()));
    return ApiResponses.ok(f);
  }

  @RequestMapping(path = "/status/runtimeinfo", method = RequestMethod.GET)
  public ResponseEntity<String> runtimeInfo() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("startTime", DateTimeFormatter.ISO_INSTANT.format(started));
    r.put("CWD", Path.of("").toAbsolutePath().toString());
    r.put("reloadConfigSuccess", reloader.lastReloadSuccessful());
    Instant last = reloader.lastReloadSuccess();
    r.put("lastConfigTime", last == null ? "0001-01-01T00:00:00Z" : DateTimeFormatter.ISO_INSTANT.format(last));
    r.put("corruptionCount", 0);
    r.put("goroutineCount", ManagementFactory.getThreadMXBean().getThreadCount());
    r.put("GOMAXPROCS", Runtime.getRuntime().availableProcessors());
    r.put("GOGC", "");
    r.put("GODEBUG", "");
    String retention = properties.getStorage().getRetentionTime();
    r.put("storageRetention", retention.isEmpty() ? "15d" : retention);
    return ApiResponses.ok(r);
  }

  @RequestMapping(path = "/status/buildinfo", method = RequestMethod.GET)
  public ResponseEntity<String> buildInfo() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("version", VERSION);
    b.put("revision", "swarmmon-collector");
    b.put("branch", "");
    b.put("buildUser", "");
    b.put("buildDate", "");
    b.put("goVersion", "java" + System.getProperty("java.version"));
    return ApiResponses.ok(b);
  }

  private StorageStats stats() {
    if (!(storage instanceof StorageStats stats)) {
      throw new ApiError("internal", "storage keeps no statistics");
    }
    return stats;
  }

  @RequestMapping(path = "/status/walreplay", method = RequestMethod.GET)
  public ResponseEntity<String> walReplay() {
    WalReplayStatus w = stats().walReplay();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("min", w.min());
    data.put("max", w.max());
    data.put("current", w.current());
    return ApiResponses.ok(data);
  }

  @RequestMapping(path = "/status/tsdb", method = RequestMethod.GET)
  public ResponseEntity<String> tsdb() {
    TsdbStatus s = stats().status(10);
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("numSeries", s.headStats().numSeries());
    head.put("numLabelPairs", s.headStats().numLabelPairs());
    head.put("chunkCount", s.headStats().chunkCount());
    head.put("minTime", s.headStats().minTime());
    head.put("maxTime", s.headStats().maxTime());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("headStats", head);
    data.put("seriesCountByMetricName", counts(s.seriesCountByMetricName()));
    data.put("labelValueCountByLabelName", counts(s.labelValueCountByLabelName()));
    data.put("memoryInBytesByLabelName", counts(s.memoryInBytesByLabelName()));
    data.put("seriesCountByLabelValuePair", counts(s.seriesCountByLabelValuePair()));
    return ApiResponses.ok(data);
  }

  private static List<Map<String, Object>> counts(List<TsdbStatus.Count> counts) {
    List<Map<String, Object>> out = new ArrayList<>(counts.size());
    for (TsdbStatus.Count c : counts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("value", c.value());
      out.add(m);
    }
    return out;
  }

  @RequestMapping(path = "/admin/tsdb/delete_series", method = {RequestMethod.POST, RequestMethod.PUT})
  public ResponseEntity<String> deleteSeries(HttpServletRequest request,
      @RequestParam(name = "start", required = false) String start,
      @RequestParam(name = "end", required = false) String end) {
    List<String> match = ApiResponses.values(request, "match[]");
    StorageAdmin admin = admin();
    if (match == null || match.isEmpty()) {
      throw ApiError.badData("no match[] parameter provided");
    }
    List<List<Matcher>> sets = Selectors.parse(match);
    long from = ApiParams.time("start", start, ApiParams.MIN_TIME).toEpochMilli();
    long to = ApiParams.time("end", end, ApiParams.MAX_TIME).toEpochMilli();
    for (List<Matcher> set : sets) {
      admin.deleteSeries(set, from, to);
    }
    return ApiResponses.noContent();
  }

  @RequestMapping(path = "/admin/tsdb/clean_tombstones", method = {RequestMethod.POST, RequestMethod.PUT})
  public ResponseEntity<String> cleanTombstones() {
    admin().cleanTombstones();
    return ApiResponses.noContent();
  }

  @RequestMapping(path = "/admin/tsdb/snapshot", method = {RequestMethod.POST, RequestMethod.PUT})
  public ResponseEntity<String> snapshot(@RequestParam(name = "skip_head", required = false) String skipHead) {
    StorageAdmin admin = admin();
    boolean skip = false;
    if (skipHead != null && !skipHead.isEmpty()) {
      // strconv.ParseBool's words
      if (!List.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False").contains(skipHead)) {
        throw ApiError.invalidParam("skip_head", "unable to parse boolean: strconv.ParseBool: parsing \""
            + skipHead + "\": invalid syntax");
      }
      skip = List.of("1", "t", "T", "TRUE", "true", "True").contains(skipHead);
    }
    Path dir = admin.snapshot(skip);
    return ApiResponses.ok(Map.of("name", dir.getFileName().toString()));
  }

  private StorageAdmin admin() {
    if (!properties.getWeb().isEnableAdminApi()) {
      throw new ApiError("unavailable", "admin APIs disabled");
    }
    if (!(storage instanceof StorageAdmin admin)) {
      throw new ApiError("internal", "storage has no admin operations");
    }
    return admin;
  }
}
