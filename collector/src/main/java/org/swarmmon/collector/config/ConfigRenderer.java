package org.swarmmon.collector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.swarmmon.collector.config.Config.Alertmanager;
import org.swarmmon.collector.config.Config.RemoteRead;
import org.swarmmon.collector.config.Config.RemoteWrite;
import org.swarmmon.collector.config.DiscoveryConfigs.ConsulSd;
import org.swarmmon.collector.config.DiscoveryConfigs.DnsSd;
import org.swarmmon.collector.config.DiscoveryConfigs.FileSd;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.collector.relabel.RelabelConfig;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;

/**
 * The loaded configuration as Prometheus 2.42's {@code /api/v1/status/config} shows it: marshalled
 * back to YAML with every default filled in, Prometheus's field order and omissions, and every
 * secret (passwords, credentials, tokens) replaced by {@code <secret>}.
 */
public final class ConfigRenderer {

  /** What Prometheus's {@code config.Secret} marshals to. */
  public static final String SECRET = "<secret>";

  private ConfigRenderer() {}

  public static String render(Config config) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("global", global(config.global()));
    if (!config.alerting().alertRelabelConfigs().isEmpty()
        || !config.alerting().alertmanagers().isEmpty()) {
      Map<String, Object> alerting = new LinkedHashMap<>();
      putList(alerting, "alert_relabel_configs", relabels(config.alerting().alertRelabelConfigs()));
      putList(alerting, "alertmanagers", config.alerting().alertmanagers().stream()
          .map(ConfigRenderer::alertmanager).toList());
      doc.put("alerting", alerting);
    }
    putList(doc, "rule_files", config.ruleFiles());
    putList(doc, "scrape_configs", config.scrapeConfigs().stream().map(ConfigRenderer::scrape).toList());
    putList(doc, "remote_write", config.remoteWrite().stream().map(ConfigRenderer::remoteWrite).toList());
    putList(doc, "remote_read", config.remoteRead().stream().map(ConfigRenderer::remoteRead).toList());
    return YamlWriter.write(doc);
  }

  private static Map<String, Object> global(Config.Global g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scrape_interval", duration(g.scrapeInterval()));
    m.put("scrape_timeout", duration(g.scrapeTimeout()));
    m.put("evaluation_interval", duration(g.evaluationInterval()));
    putString(m, "query_log_file", g.queryLogFile());
    if (!g.externalLabels().isEmpty()) {
      m.put("external_labels", labels(g.externalLabels()));
    }
    return m;
  }

  private static Map<String, Object> scrape(ScrapeConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_name", c.jobName());
    if (c.honorLabels()) {
      m.put("honor_labels", true);
    }
    m.put("honor_timestamps", c.honorTimestamps());
    if (!c.params().isEmpty()) {
      Map<String, Object> params = new LinkedHashMap<>();
      new TreeMap<>(c.params()).forEach(params::put);
      m.put("params", params);
    }
    m.put("scrape_interval", duration(c.scrapeInterval()));
    m.put("scrape_timeout", duration(c.scrapeTimeout()));
    putString(m, "metrics_path", c.metricsPath());
    putString(m, "scheme", c.scheme());
    if (c.bodySizeLimit() != 0) {
      m.put("body_size_limit", Base2Bytes.format(c.bodySizeLimit()));
    }
    putCount(m, "sample_limit", c.sampleLimit());
    putCount(m, "target_limit", c.targetLimit());
    putCount(m, "label_limit", c.labelLimit());
    putCount(m, "label_name_length_limit", c.labelNameLengthLimit());
    putCount(m, "label_value_length_limit", c.labelValueLengthLimit());
    http(m, c.http());
    putList(m, "relabel_configs", relabels(c.relabelConfigs()));
    putList(m, "metric_relabel_configs", relabels(c.metricRelabelConfigs()));
    discovery(m, c.discovery());
    return m;
  }

  private static Map<String, Object> alertmanager(Alertmanager a) {
    Map<String, Object> m = new LinkedHashMap<>();
    http(m, a.http());
    putString(m, "scheme", a.scheme());
    putString(m, "path_prefix", a.pathPrefix());
    m.put("timeout", duration(a.timeout()));
    m.put("api_version", a.apiVersion());
    putList(m, "relabel_configs", relabels(a.relabelConfigs()));
    discovery(m, a.discovery());
    return m;
  }

  private static Map<String, Object> remoteWrite(RemoteWrite w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", w.url());
    m.put("remote_timeout", duration(w.remoteTimeout()));
    putMap(m, "headers", w.headers());
    putList(m, "write_relabel_configs", relabels(w.writeRelabelConfigs()));
    putString(m, "name", w.name());
    if (w.sendExemplars()) {
      m.put("send_exemplars", true);
    }
    if (w.sendNativeHistograms()) {
      m.put("send_native_histograms", true);
    }
    http(m, w.http());
    Config.Queue q = w.queue();
    Map<String, Object> queue = new LinkedHashMap<>();
    queue.put("capacity", q.capacity());
    queue.put("max_shards", q.maxShards());
    queue.put("min_shards", q.minShards());
    queue.put("max_samples_per_send", q.maxSamplesPerSend());
    queue.put("batch_send_deadline", duration(q.batchSendDeadline()));
    queue.put("min_backoff", duration(q.minBackoff()));
    queue.put("max_backoff", duration(q.maxBackoff()));
    if (q.retryOnHttp429()) {
      queue.put("retry_on_http_429", true);
    }
    m.put("queue_config", queue);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("send", w.metadata().send());
    metadata.put("send_interval", duration(w.metadata().sendInterval()));
    metadata.put("max_samples_per_send", w.metadata().maxSamplesPerSend());
    m.put("metadata_config", metadata);
    return m;
  }

  private static Map<String, Object> remoteRead(RemoteRead r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("url", r.url());
    m.put("remote_timeout", duration(r.remoteTimeout()));
    putMap(m, "headers", r.headers());
    if (r.readRecent()) {
      m.put("read_recent", true);
    }
    putString(m, "name", r.name());
    http(m, r.http());
    putMap(m, "required_matchers", r.requiredMatchers());
    if (r.filterExternalLabels()) {
      m.put("filter_external_labels", true);
    }
    return m;
  }

  /** Prometheus's inlined {@code HTTPClientConfig}. */
  private static void http(Map<String, Object> m, HttpClientConfig h) {
    if (h.basicAuth() != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("username", h.basicAuth().username());
      putSecret(b, "password", h.basicAuth().password());
      putString(b, "password_file", h.basicAuth().passwordFile());
      m.put("basic_auth", b);
    }
    if (h.authorization() != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      putString(a, "type", h.authorization().type());
      putSecret(a, "credentials", h.authorization().credentials());
      putString(a, "credentials_file", h.authorization().credentialsFile());
      m.put("authorization", a);
    }
    HttpClientConfig.TlsConfig t = h.tls();
    if (t != null && !t.equals(HttpClientConfig.TlsConfig.NONE)) {
      Map<String, Object> tls = new LinkedHashMap<>();
      // ca, cert and key are not in Prometheus 2.42 (later releases print them so): shown only
      // when set
      putString(tls, "ca", t.ca());
      putString(tls, "cert", t.cert());
      putSecret(tls, "key", t.key());
      putString(tls, "ca_file", t.caFile());
      putString(tls, "cert_file", t.certFile());
      putString(tls, "key_file", t.keyFile());
      putString(tls, "server_name", t.serverName());
      tls.put("insecure_skip_verify", t.insecureSkipVerify());
      // Prometheus 2.42's TLSVersion has no YAML marshaller: it prints Go's uint16 constant
      if (!t.minVersion().isEmpty()) {
        tls.put("min_version", HttpClientConfig.TlsConfig.versionNumber(t.minVersion()));
      }
      if (!t.maxVersion().isEmpty()) {
        tls.put("max_version", HttpClientConfig.TlsConfig.versionNumber(t.maxVersion()));
      }
      m.put("tls_config", tls);
    }
    putString(m, "proxy_url", h.proxyUrl());
    m.put("follow_redirects", h.followRedirects());
    m.put("enable_http2", h.enableHttp2());
  }

  /** The service discovery sections, last and in Prometheus's (alphabetical) order. */
  private static void discovery(Map<String, Object> m, DiscoveryConfigs d) {
    putList(m, "consul_sd_configs", d.consulSd().stream().map(ConfigRenderer::consul).toList());
    putList(m, "dns_sd_configs", d.dnsSd().stream().map(ConfigRenderer::dns).toList());
    putList(m, "file_sd_configs", d.fileSd().stream().map(ConfigRenderer::file).toList());
    putList(m, "static_configs", d.staticConfigs().stream().map(ConfigRenderer::staticGroup).toList());
  }

  private static Map<String, Object> consul(ConsulSd c) {
    Map<String, Object> m = new LinkedHashMap<>();
    putString(m, "server", c.server());
    putString(m, "path_prefix", c.pathPrefix());
    putSecret(m, "token", c.token());
    putString(m, "datacenter", c.datacenter());
    putString(m, "namespace", c.namespace());
    putString(m, "partition", c.partition());
    putString(m, "tag_separator", c.tagSeparator());
    putString(m, "scheme", c.scheme());
    m.put("allow_stale", c.allowStale());
    m.put("refresh_interval", duration(c.refreshInterval()));
    putList(m, "services", c.services());
    putList(m, "tags", c.tags());
    putMap(m, "node_meta", c.nodeMeta());
    // Not in Prometheus 2.42: shown only when set.
    putString(m, "filter", c.filter());
    if (!"passing".equals(c.healthFilter())) {
      putString(m, "health_filter", c.healthFilter());
    }
    http(m, c.http());
    return m;
  }

  private static Map<String, Object> dns(DnsSd d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("names", d.names());
    m.put("refresh_interval", duration(d.refreshInterval()));
    m.put("type", d.type());
    m.put("port", d.port());
    return m;
  }

  private static Map<String, Object> file(FileSd f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", f.files());
    m.put("refresh_interval", duration(f.refreshInterval()));
    return m;
  }

  private static Map<String, Object> staticGroup(TargetGroup g) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> targets = new ArrayList<>();
    for (Labels t : g.targets()) {
      targets.add(value(t, "__address__"));
    }
    m.put("targets", targets);
    if (g.labels() != null && !g.labels().isEmpty()) {
      m.put("labels", labels(g.labels()));
    }
    return m;
  }

  private static List<Object> relabels(List<RelabelConfig> configs) {
    List<Object> out = new ArrayList<>();
    for (RelabelConfig r : configs) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (!r.sourceLabels().isEmpty()) {
        m.put("source_labels", new YamlWriter.Flow(r.sourceLabels()));
      }
      putString(m, "separator", r.separator());
      // Prometheus marshals an empty regex as null.
      m.put("regex", r.regex().isEmpty() ? null : r.regex());
      putCount(m, "modulus", r.modulus());
      putString(m, "target_label", r.targetLabel());
      putString(m, "replacement", r.replacement());
      m.put("action", r.action().configName());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> labels(Labels labels) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      m.put(labels.name(i), labels.value(i));
    }
    return m;
  }

  private static String value(Labels labels, String name) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.name(i).equals(name)) {
        return labels.value(i);
      }
    }
    return "";
  }

  private static String duration(Duration d) {
    return PromDuration.format(d);
  }

  private static void putString(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  private static void putSecret(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, SECRET);
    }
  }

  private static void putCount(Map<String, Object> m, String key, long value) {
    if (value != 0) {
      m.put(key, value);
    }
  }

  private static void putList(Map<String, Object> m, String key, List<?> list) {
    if (!list.isEmpty()) {
      m.put(key, list);
    }
  }

  private static void putMap(Map<String, Object> m, String key, Map<String, String> map) {
    if (map != null && !map.isEmpty()) {
      m.put(key, new LinkedHashMap<String, Object>(new TreeMap<>(map)));
    }
  }
}
