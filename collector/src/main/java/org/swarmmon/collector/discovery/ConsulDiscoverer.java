package org.swarmmon.collector.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.swarmmon.collector.config.DiscoveryConfigs.ConsulSd;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.labels.Labels;

/**
 * {@code consul_sd_configs}: watches the catalog's service list with blocking queries, and each
 * wanted service's instances through {@code /v1/health/service/<name>} (only passing instances
 * unless {@code health_filter} is empty), giving targets Prometheus 2.42's {@code __meta_consul_*}
 * labels. When Consul fails, the last known targets stay and the query is retried with
 * exponential backoff.
 */
public final class ConsulDiscoverer implements Discoverer {

  private static final Logger LOG = Logger.getLogger(ConsulDiscoverer.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WATCH_TIMEOUT = Duration.ofSeconds(30);

  private final ConsulSd config;
  private final HttpClient http;
  private final Clock clock;
  private final Pause pause;
  private final Duration maxBackoff;
  private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
  private final Map<String, Thread> watchers = new LinkedHashMap<>();
  private Consumer<List<TargetGroup>> updates;
  private String datacenter;

  public ConsulDiscoverer(ConsulSd config, HttpClient http, Clock clock, Pause pause,
      Duration maxBackoff) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.pause = pause;
    this.maxBackoff = maxBackoff;
  }

  @Override
  public void run(Consumer<List<TargetGroup>> updates) throws InterruptedException {
    this.updates = updates;
    Backoff backoff = new Backoff(Duration.ofMillis(500), maxBackoff);
    long index = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Instant start = clock.instant();
        try {
          if (datacenter == null) {
            datacenter = config.datacenter().isEmpty() ? agentDatacenter() : config.datacenter();
          }
          StringBuilder q = query(index);
          config.nodeMeta().forEach((k, v) -> q.append("&node-meta=").append(enc(k + ":" + v)));
          HttpResponse<String> r = get("/v1/catalog/services", q.toString());
          long newIndex = consulIndex(r);
          backoff.reset();
          if (newIndex != index || index == 0) {
            index = newIndex < index ? 0 : newIndex;
            syncServices(JSON.readTree(r.body()));
          }
        } catch (IOException | RuntimeException e) {
          LOG.warning("Error refreshing service list from consul " + config.server() + ": " + e
              + "; keeping the last known targets");
          pause.pause(backoff.next());
          continue;
        }
        Duration left = Duration.between(clock.instant(), start.plus(config.refreshInterval()));
        if (!left.isNegative() && !left.isZero()) {
          pause.pause(left);
        }
      }
      throw new InterruptedException();
    } finally {
      synchronized (this) {
        watchers.values().forEach(Thread::interrupt);
        watchers.clear();
      }
    }
  }

  private synchronized void syncServices(JsonNode services) {
    Set<String> wanted = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = services.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> tags = new ArrayList<>();
      e.getValue().forEach(t -> tags.add(t.asText()));
      if (shouldWatch(e.getKey(), tags)) {
        wanted.add(e.getKey());
      }
    }
    for (String name : new ArrayList<>(watchers.keySet())) {
      if (!wanted.contains(name)) {
        watchers.remove(name).interrupt();
        groups.put(name, new TargetGroup(List.of(), Labels.EMPTY, name));
        publish();
        groups.remove(name);
      }
    }
    for (String name : wanted) {
      if (!watchers.containsKey(name)) {
        Thread t = new Thread(() -> watchService(name), "consul-sd-" + name);
        t.setDaemon(true);
        watchers.put(name, t);
        t.start();
      }
    }
  }

  boolean shouldWatch(String name, List<String> tags) {
    if (!config.services().isEmpty() && !config.services().contains(name)) {
      return false;
    }
    return tags.containsAll(config.tags());
  }

  private void watchService(String name) {
    Backoff backoff = new Backoff(Duration.ofMillis(500), maxBackoff);
    long index = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Instant start = clock.instant();
        try {
          StringBuilder q = query(index);
          for (String tag : config.tags()) {
            q.append("&tag=").append(enc(tag));
          }
          config.nodeMeta().forEach((k, v) -> q.append("&node-meta=").append(enc(k + ":" + v)));
          if (!config.healthFilter().isEmpty()) {
            q.append("&passing=1");
          }
          if (!config.filter().isEmpty()) {
            q.append("&filter=").append(enc(config.filter()));
          }
          HttpResponse<String> r = get("/v1/health/service/" + enc(name), q.toString());
          long newIndex = consulIndex(r);
          backoff.reset();
          if (newIndex != index || index == 0) {
            index = newIndex < index ? 0 : newIndex;
            TargetGroup group = group(name, JSON.readTree(r.body()));
            synchronized (this) {
              if (!watchers.containsKey(name)) {
                return;
              }
              groups.put(name, group);
              publish();
            }
          }
        } catch (IOException | RuntimeException e) {
          LOG.warning("Error refreshing service " + name + " from consul " + config.server() + ": "
              + e + "; keeping its last known targets");
          pause.pause(backoff.next());
          continue;
        }
        Duration left = Duration.between(clock.instant(), start.plus(config.refreshInterval()));
        if (!left.isNegative() && !left.isZero()) {
          pause.pause(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publish() {
    updates.accept(new ArrayList<>(groups.values()));
  }

  TargetGroup group(String service, JsonNode nodes) {
    List<Labels> targets = new ArrayList<>();
    for (JsonNode entry : nodes) {
      JsonNode node = entry.path("Node");
      JsonNode svc = entry.path("Service");
      String port = String.valueOf(svc.path("Port").asInt());
      String svcAddress = svc.path("Address").asText("");
      String host = svcAddress.isEmpty() ? node.path("Address").asText("") : svcAddress;
      Labels.Builder b = Labels.builder()
          .set("__address__", host.contains(":") ? "[" + host + "]:" + port : host + ":" + port)
          .set("__meta_consul_address", node.path("Address").asText(""))
          .set("__meta_consul_node", node.path("Node").asText(""))
          .set("__meta_consul_namespace", svc.path("Namespace").asText(""))
          .set("__meta_consul_partition", svc.path("Partition").asText(""))
          .set("__meta_consul_service_address", svcAddress)
          .set("__meta_consul_service_port", port)
          .set("__meta_consul_service_id", svc.path("ID").asText(""))
          .set("__meta_consul_health", aggregatedStatus(entry.path("Checks")));
      List<String> tags = new ArrayList<>();
      svc.path("Tags").forEach(t -> tags.add(t.asText()));
      if (!tags.isEmpty()) {
        String sep = config.tagSeparator();
        b.set("__meta_consul_tags", sep + String.join(sep, tags) + sep);
      }
      copy(node.path("Meta"), "__meta_consul_metadata_", b);
      copy(svc.path("Meta"), "__meta_consul_service_metadata_", b);
      copy(node.path("TaggedAddresses"), "__meta_consul_tagged_address_", b);
      targets.add(b.build());
    }
    Labels groupLabels = Labels.of("__meta_consul_service", service,
        "__meta_consul_dc", datacenter == null ? "" : datacenter);
    return new TargetGroup(targets, groupLabels, service);
  }

  private static void copy(JsonNode map, String prefix, Labels.Builder b) {
    Iterator<Map.Entry<String, JsonNode>> it = map.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      b.set(prefix + sanitize(e.getKey()), e.getValue().asText(""));
    }
  }

  /** Prometheus's {@code strutil.SanitizeLabelName}: invalid characters become underscores. */
  static String sanitize(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (i > 0 && c >= '0' && c <= '9');
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }

  /** Consul's {@code HealthChecks.AggregatedStatus}. */
  static String aggregatedStatus(JsonNode checks) {
    boolean warning = false;
    boolean critical = false;
    for (JsonNode c : checks) {
      String id = c.path("CheckID").asText("");
      if (id.equals("_node_maintenance") || id.startsWith("_service_maintenance:")) {
        return "maintenance";
      }
      switch (c.path("Status").asText("")) {
        case "passing" -> { }
        case "warning" -> warning = true;
        case "critical" -> critical = true;
        default -> {
          return "";
        }
      }
    }
    return critical ? "critical" : warning ? "warning" : "passing";
  }

  private StringBuilder query(long index) {
    StringBuilder q = new StringBuilder("?wait=" + WATCH_TIMEOUT.toSeconds() + "s");
    if (index > 0) {
      q.append("&index=").append(index);
    }
    if (config.allowStale()) {
      q.append("&stale=");
    }
    if (datacenter != null && !datacenter.isEmpty()) {
      q.append("&dc=").append(enc(datacenter));
    }
    if (!config.namespace().isEmpty()) {
      q.append("&ns=").append(enc(config.namespace()));
    }
    if (!config.partition().isEmpty()) {
      q.append("&partition=").append(enc(config.partition()));
    }
    return q;
  }

  private String agentDatacenter() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/v1/agent/self", "");
    return JSON.readTree(r.body()).path("Config").path("Datacenter").asText("");
  }

  private HttpResponse<String> get(String path, String query)
      throws IOException, InterruptedException {
    String server = config.server();
    String base = server.contains("://") ? server : config.scheme() + "://" + server;
    URI uri = URI.create(base + config.pathPrefix() + path + query);
    HttpRequest.Builder req = HttpRequest.newBuilder(uri)
        .timeout(WATCH_TIMEOUT.plusSeconds(10)).GET();
    if (!config.token().isEmpty()) {
      req.header("X-Consul-Token", config.token());
    }
    String auth = org.swarmmon.collector.config.HttpClients.authorization(config.http());
    if (auth != null) {
      req.header("Authorization", auth);
    }
    HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("Unexpected response code: " + r.statusCode() + " (" + r.body().strip() + ")");
    }
    return r;
  }

  private static long consulIndex(HttpResponse<String> r) {
    return r.headers().firstValue("X-Consul-Index").map(Long::parseLong).orElse(0L);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
