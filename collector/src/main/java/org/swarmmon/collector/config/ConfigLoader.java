package org.swarmmon.collector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.swarmmon.collector.config.Config.Alerting;
import org.swarmmon.collector.config.Config.Global;
import org.swarmmon.collector.config.DiscoveryConfigs.ConsulSd;
import org.swarmmon.collector.config.DiscoveryConfigs.DnsSd;
import org.swarmmon.collector.config.DiscoveryConfigs.FileSd;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.collector.relabel.Action;
import org.swarmmon.collector.relabel.RelabelConfig;
import org.swarmmon.labels.Labels;

/**
 * Reads Prometheus's {@code prometheus.yml}: same fields, same defaults, same error texts
 * ({@code parsing YAML file <name>: ...}), with the line of each problem. Relative paths in the
 * file are resolved against the file's folder, as Prometheus does.
 */
public final class ConfigLoader {

  private static final Pattern FILE_SD_NAME =
      Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

  private final Path baseDir;
  private final Decoder decoder = new Decoder();
  private final HttpClientConfigDecoder httpClients;

  private ConfigLoader(Path baseDir) {
    this.baseDir = baseDir;
    this.httpClients = new HttpClientConfigDecoder(decoder, this::resolve);
  }

  /** Loads and validates the file; the message of the exception is Prometheus's. */
  public static Config load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(
          "open " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
              ? "no such file or directory" : e.getMessage()), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, file.toString(), dir);
  }

  public static Config parse(String text, String fileName, Path baseDir) throws ConfigException {
    try {
      return new ConfigLoader(baseDir).decode(YamlNode.parse(text), fileName);
    } catch (ConfigException e) {
      throw new ConfigException("parsing YAML file " + fileName + ": " + e.getMessage(), e);
    }
  }

  private Config decode(YamlNode root, String source) throws ConfigException {
    Decoder.Fields f = decoder.fields(root, "config.plain");
    Global global = f.object("global", this::global, Global.DEFAULT);
    List<String> ruleFiles = f.strings("rule_files").stream().map(this::resolve).toList();
    List<ScrapeConfig> scrapes = f.list("scrape_configs", "[]*config.ScrapeConfig",
        n -> scrapeConfig(n, global));
    Alerting alerting = f.object("alerting", this::alerting, Alerting.NONE);
    List<Config.RemoteWrite> remoteWrite =
        f.list("remote_write", "[]*config.RemoteWriteConfig", this::remoteWrite);
    List<Config.RemoteRead> remoteRead =
        f.list("remote_read", "[]*config.RemoteReadConfig", this::remoteRead);
    f.node("storage");
    f.node("tracing");
    f.node("scrape_config_files");
    f.done();
    failOnUnmarshalErrors();
    Set<String> jobs = new HashSet<>();
    for (ScrapeConfig sc : scrapes) {
      if (!jobs.add(sc.jobName())) {
        throw new ConfigException(
            "found multiple scrape configs with job name \"" + sc.jobName() + "\"");
      }
    }
    return new Config(global, ruleFiles, scrapes, alerting, remoteWrite, remoteRead, source);
  }

  private void failOnUnmarshalErrors() throws ConfigException {
    if (!decoder.unmarshalErrors().isEmpty()) {
      List<String> errors = new ArrayList<>(decoder.unmarshalErrors());
      errors.sort(java.util.Comparator.comparingInt(ConfigLoader::lineOf));
      throw new ConfigException("yaml: unmarshal errors:\n  " + String.join("\n  ", errors));
    }
  }

  private static int lineOf(String error) {
    int colon = error.indexOf(':');
    try {
      return Integer.parseInt(error.substring("line ".length(), colon));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private Global global(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.plain");
    Duration interval = f.duration("scrape_interval", Global.DEFAULT.scrapeInterval());
    Duration timeout = f.duration("scrape_timeout", null);
    Duration evaluation = f.duration("evaluation_interval", Global.DEFAULT.evaluationInterval());
    Labels external = f.labelSet("external_labels");
    String queryLog = f.string("query_log_file", "");
    f.done();
    if (timeout == null) {
      timeout = Global.DEFAULT.scrapeTimeout().compareTo(interval) > 0
          ? interval : Global.DEFAULT.scrapeTimeout();
    }
    if (timeout.compareTo(interval) > 0) {
      throw f.invalidAt("scrape_timeout", "global scrape timeout greater than scrape interval");
    }
    return new Global(interval, timeout, evaluation, external, queryLog);
  }

  private ScrapeConfig scrapeConfig(YamlNode node, Global global) throws ConfigException {
    if (node instanceof YamlNode.Scalar s && s.isNull()) {
      throw Decoder.invalid(node, null, "empty or null scrape config section");
    }
    Decoder.Fields f = decoder.fields(node, "config.ScrapeConfig");
    String job = f.string("job_name", "");
    Duration interval = f.duration("scrape_interval", global.scrapeInterval());
    Duration timeout = f.duration("scrape_timeout", null);
    String metricsPath = f.string("metrics_path", "/metrics");
    String scheme = f.string("scheme", "http");
    Map<String, List<String>> params = params(f);
    boolean honorLabels = f.bool("honor_labels", false);
    boolean honorTimestamps = f.bool("honor_timestamps", true);
    long sampleLimit = f.unsigned("sample_limit", 0);
    long labelLimit = f.unsigned("label_limit", 0);
    long labelNameLengthLimit = f.unsigned("label_name_length_limit", 0);
    long labelValueLengthLimit = f.unsigned("label_value_length_limit", 0);
    long targetLimit = f.unsigned("target_limit", 0);
    long bodySizeLimit = bodySizeLimit(f.explicitString("body_size_limit", "0"));
    List<RelabelConfig> relabel = f.list("relabel_configs", "[]*relabel.Config", this::relabel);
    List<RelabelConfig> metricRelabel =
        f.list("metric_relabel_configs", "[]*relabel.Config", this::relabel);
    HttpClientConfig http = httpClients.read(f);
    DiscoveryConfigs discovery = discovery(f);
    f.done();
    if (job.isEmpty()) {
      throw Decoder.invalid(node, "job_name", "job_name is empty");
    }
    if (timeout == null) {
      timeout = global.scrapeTimeout().compareTo(interval) > 0 ? interval : global.scrapeTimeout();
    }
    if (timeout.compareTo(interval) > 0) {
      throw f.invalidAt("scrape_timeout",
          "scrape timeout greater than scrape interval for scrape config with job name \""
              + job + "\"");
    }
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw f.invalidAt("scheme", "invalid scheme: \"" + scheme + "\"");
    }
    return new ScrapeConfig(job, interval, timeout, metricsPath, scheme, params, honorLabels,
        honorTimestamps, http, bodySizeLimit, sampleLimit, labelLimit, labelNameLengthLimit,
        labelValueLengthLimit, targetLimit, relabel, metricRelabel, discovery);
  }

  private static long bodySizeLimit(String text) throws ConfigException {
    try {
      return Base2Bytes.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private Map<String, List<String>> params(Decoder.Fields f) {
    YamlNode n = f.node("params");
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (n == null) {
      return out;
    }
    if (!(n instanceof YamlNode.Mapping m)) {
      decoder.typeError(n, "url.Values");
      return out;
    }
    m.entries().forEach((k, v) -> {
      List<String> values = new ArrayList<>();
      for (YamlNode item : decoder.items(v, "[]string")) {
        if (item instanceof YamlNode.Scalar s && !s.isNull()) {
          values.add(s.text());
        } else {
          decoder.typeError(item, "string");
        }
      }
      out.put(k, values);
    });
    return out;
  }

  RelabelConfig relabel(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "relabel.plain");
    RelabelConfig.Builder b = RelabelConfig.builder();
    if (f.has("source_labels")) {
      b.sourceLabels(f.strings("source_labels"));
    } else {
      f.node("source_labels");
    }
    b.separator(f.string("separator", RelabelConfig.DEFAULT_SEPARATOR));
    if (f.node("regex") != null) {
      b.regex(f.string("regex", RelabelConfig.DEFAULT_REGEX));
    } else if (f.has("regex") || hasNullKey(node, "regex")) {
      b.regex("");
    }
    b.modulus(f.unsigned("modulus", 0));
    b.targetLabel(f.string("target_label", ""));
    b.replacement(f.string("replacement", RelabelConfig.DEFAULT_REPLACEMENT));
    String action = f.string("action", "replace");
    f.done();
    try {
      if (action.isEmpty()) {
        throw new IllegalArgumentException("relabel action cannot be empty");
      }
      b.action(Action.parse(action));
      return b.build();
    } catch (IllegalArgumentException e) {
      throw Decoder.invalid(node, null, e.getMessage());
    }
  }

  private static boolean hasNullKey(YamlNode node, String key) {
    return node instanceof YamlNode.Mapping m && m.entries().containsKey(key);
  }

  private DiscoveryConfigs discovery(Decoder.Fields f) throws ConfigException {
    List<TargetGroup> statics = new ArrayList<>();
    List<YamlNode> items = decoder.items(f.node("static_configs"), "discovery.StaticConfig");
    for (int i = 0; i < items.size(); i++) {
      statics.add(staticGroup(items.get(i), String.valueOf(i)));
    }
    List<FileSd> files = f.list("file_sd_configs", "[]*file.SDConfig", this::fileSd);
    List<DnsSd> dns = f.list("dns_sd_configs", "[]*dns.SDConfig", this::dnsSd);
    List<ConsulSd> consul = f.list("consul_sd_configs", "[]*consul.SDConfig", this::consulSd);
    return new DiscoveryConfigs(statics, files, dns, consul);
  }

  private TargetGroup staticGroup(YamlNode node, String source) throws ConfigException {
    Decoder.Fields f = decoder.fields(node,
        "struct { Targets []string \"yaml:\\\"targets\\\"\"; Labels model.LabelSet "
            + "\"yaml:\\\"labels\\\"\" }");
    List<String> targets = f.strings("targets");
    Labels labels = f.labelSet("labels");
    f.done();
    List<Labels> out = new ArrayList<>();
    for (String target : targets) {
      if (target.contains("/")) {
        throw Decoder.invalid(f.node("targets"), "targets",
            "\"" + target + "\" is not a valid hostname");
      }
      out.add(Labels.of("__address__", target));
    }
    return new TargetGroup(out, labels, source);
  }

  private FileSd fileSd(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "file.plain");
    List<String> files = f.strings("files");
    Duration refresh = f.duration("refresh_interval", Duration.ofMinutes(5));
    f.done();
    if (files.isEmpty()) {
      throw Decoder.invalid(node, "files",
          "file service discovery config must contain at least one path name");
    }
    for (String name : files) {
      if (!FILE_SD_NAME.matcher(name).matches()) {
        throw Decoder.invalid(node, "files",
            "path name \"" + name + "\" is not valid for file discovery");
      }
    }
    return new FileSd(files.stream().map(this::resolve).toList(), refresh);
  }

  private DnsSd dnsSd(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "dns.plain");
    List<String> names = f.strings("names");
    Duration refresh = f.duration("refresh_interval", Duration.ofSeconds(30));
    String type = f.string("type", "SRV").toUpperCase();
    int port = f.integer("port", 0);
    f.done();
    if (names.isEmpty()) {
      throw Decoder.invalid(node, "names", "DNS-SD config must contain at least one SRV record name");
    }
    switch (type) {
      case "SRV" -> { }
      case "A", "AAAA" -> {
        if (port == 0) {
          throw Decoder.invalid(node, "port",
              "a port is required in DNS-SD configs for all record types except SRV");
        }
      }
      default -> throw Decoder.invalid(node, "type", "invalid DNS-SD records type " + type);
    }
    return new DnsSd(names, type, port, refresh);
  }

  private ConsulSd consulSd(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "consul.plain");
    String server = f.string("server", "localhost:8500");
    String pathPrefix = f.string("path_prefix", "");
    String token = f.string("token", "");
    String datacenter = f.string("datacenter", "");
    String namespace = f.string("namespace", "");
    String partition = f.string("partition", "");
    String scheme = f.string("scheme", "http");
    List<String> services = f.strings("services");
    List<String> tags = f.strings("tags");
    Map<String, String> nodeMeta = f.stringMap("node_meta", "map[string]string");
    String tagSeparator = f.string("tag_separator", ",");
    boolean allowStale = f.bool("allow_stale", true);
    Duration refresh = f.duration("refresh_interval", Duration.ofSeconds(30));
    String filter = f.string("filter", "");
    String health = f.string("health_filter", "passing");
    HttpClientConfig http = httpClients.read(f);
    f.node("services_filter");
    f.done();
    if (server.isBlank()) {
      throw Decoder.invalid(node, "server", "consul SD configuration requires a server address");
    }
    return new ConsulSd(server, pathPrefix, token, datacenter, namespace, partition, scheme,
        services, tags, nodeMeta, tagSeparator, allowStale, refresh, filter, health, http);
  }

  private Alerting alerting(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.AlertingConfig");
    List<RelabelConfig> relabel =
        f.list("alert_relabel_configs", "[]*relabel.Config", this::relabel);
    List<Config.Alertmanager> ams =
        f.list("alertmanagers", "[]*config.AlertmanagerConfig", this::alertmanager);
    f.done();
    return new Alerting(relabel, ams);
  }

  private Config.Alertmanager alertmanager(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.AlertmanagerConfig");
    String scheme = f.string("scheme", "http");
    String prefix = f.string("path_prefix", "");
    Duration timeout = f.duration("timeout", Duration.ofSeconds(10));
    String api = f.string("api_version", "v2");
    List<RelabelConfig> relabel = f.list("relabel_configs", "[]*relabel.Config", this::relabel);
    HttpClientConfig http = httpClients.read(f);
    DiscoveryConfigs discovery = discovery(f);
    f.done();
    if (!api.equals("v1") && !api.equals("v2")) {
      throw f.invalidAt("api_version", "expected Alertmanager api version to be one of [v1 v2] but got " + api);
    }
    return new Config.Alertmanager(scheme, prefix, timeout, api, http, relabel, discovery);
  }

  private Config.RemoteWrite remoteWrite(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.plain");
    String url = f.string("url", "");
    Duration timeout = f.duration("remote_timeout", Duration.ofSeconds(30));
    Map<String, String> headers = f.stringMap("headers", "map[string]string");
    String name = f.string("name", "");
    List<RelabelConfig> relabel =
        f.list("write_relabel_configs", "[]*relabel.Config", this::relabel);
    Config.Queue queue = f.object("queue_config", this::queue, Config.Queue.DEFAULT);
    Config.Metadata metadata = f.object("metadata_config", this::metadata, Config.Metadata.DEFAULT);
    boolean sendExemplars = f.bool("send_exemplars", false);
    boolean sendNativeHistograms = f.bool("send_native_histograms", false);
    if (f.has("sigv4")) {
      f.node("sigv4");
      throw f.invalidAt("sigv4", "sigv4 is not supported by this collector");
    }
    HttpClientConfig http = httpClients.read(f);
    f.done();
    if (url.isEmpty()) {
      throw Decoder.invalid(node, "url", "url for remote_write is empty");
    }
    return new Config.RemoteWrite(url, timeout, headers, name, relabel, http, queue,
        sendExemplars, sendNativeHistograms, metadata);
  }

  private Config.Metadata metadata(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.MetadataConfig");
    Config.Metadata d = Config.Metadata.DEFAULT;
    Config.Metadata m = new Config.Metadata(f.bool("send", d.send()),
        f.duration("send_interval", d.sendInterval()),
        f.integer("max_samples_per_send", d.maxSamplesPerSend()));
    f.done();
    return m;
  }

  private Config.Queue queue(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.QueueConfig");
    Config.Queue d = Config.Queue.DEFAULT;
    Config.Queue q = new Config.Queue(
        f.integer("capacity", d.capacity()), f.integer("max_shards", d.maxShards()),
        f.integer("min_shards", d.minShards()),
        f.integer("max_samples_per_send", d.maxSamplesPerSend()),
        f.duration("batch_send_deadline", d.batchSendDeadline()),
        f.duration("min_backoff", d.minBackoff()), f.duration("max_backoff", d.maxBackoff()),
        f.bool("retry_on_http_429", d.retryOnHttp429()));
    f.done();
    return q;
  }

  private Config.RemoteRead remoteRead(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.plain");
    String url = f.string("url", "");
    Duration timeout = f.duration("remote_timeout", Duration.ofMinutes(1));
    Map<String, String> headers = f.stringMap("headers", "map[string]string");
    String name = f.string("name", "");
    Map<String, String> required = f.stringMap("required_matchers", "model.LabelSet");
    boolean readRecent = f.bool("read_recent", false);
    boolean filterExternalLabels = f.bool("filter_external_labels", true);
    HttpClientConfig http = httpClients.read(f);
    f.done();
    if (url.isEmpty()) {
      throw Decoder.invalid(node, "url", "url for remote_read is empty");
    }
    return new Config.RemoteRead(url, timeout, headers, name, required, readRecent, http,
        filterExternalLabels);
  }

  private String resolve(String path) {
    if (path == null || path.isEmpty() || baseDir == null) {
      return path == null ? "" : path;
    }
    Path p = Path.of(path);
    return p.isAbsolute() ? path : baseDir.resolve(p).toString();
  }
}
