package org.swarmmon.collector.app;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.collector.scrape.ScrapeManager;
import org.swarmmon.collector.scrape.Target;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;

/** {@code GET /api/v1/targets} and {@code /api/v1/scrape_pools} in Prometheus's JSON shape. */
@RestController
public class TargetsController {

  private final ScrapeManager scrapeManager;
  private final CollectorProperties properties;

  public TargetsController(ScrapeManager scrapeManager, CollectorProperties properties) {
    this.scrapeManager = scrapeManager;
    this.properties = properties;
  }

  @GetMapping("/api/v1/targets")
  public Map<String, Object> targets(
      @RequestParam(name = "state", defaultValue = "any") String state,
      @RequestParam(name = "scrapePool", required = false) String scrapePool) {
    boolean active = state.equalsIgnoreCase("any") || state.equalsIgnoreCase("active");
    boolean dropped = state.equalsIgnoreCase("any") || state.equalsIgnoreCase("dropped");
    Map<String, Object> data = new LinkedHashMap<>();
    if (active) {
      List<Map<String, Object>> list = new ArrayList<>();
      scrapeManager.activeTargets().forEach((pool, targets) -> {
        if (scrapePool == null || scrapePool.equals(pool)) {
          targets.forEach(t -> list.add(activeTarget(pool, t)));
        }
      });
      data.put("activeTargets", list);
    }
    if (dropped) {
      List<Map<String, Object>> list = new ArrayList<>();
      scrapeManager.droppedTargets().forEach((pool, targets) -> {
        if (scrapePool == null || scrapePool.equals(pool)) {
          targets.forEach(l -> list.add(Map.of("discoveredLabels", l.toMap())));
        }
      });
      data.put("droppedTargets", list);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("data", data);
    return body;
  }

  /** {@code GET /api/v1/scrape_pools}: the scrape pools' names, sorted (Prometheus 2.42). */
  @GetMapping("/api/v1/scrape_pools")
  public Map<String, Object> scrapePools() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("data", Map.of("scrapePools", new TreeSet<>(scrapeManager.activeTargets().keySet())));
    return body;
  }

  private Map<String, Object> activeTarget(String pool, Target t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("discoveredLabels", t.discoveredLabels().toMap());
    m.put("labels", t.sampleLabels().toMap());
    m.put("scrapePool", pool);
    m.put("scrapeUrl", t.url().toString());
    m.put("globalUrl", globalUrl(t));
    m.put("lastError", t.lastError());
    Instant last = t.lastScrape();
    m.put("lastScrape", last == null ? "0001-01-01T00:00:00Z" : DateTimeFormatter.ISO_INSTANT.format(last));
    m.put("lastScrapeDuration", t.lastScrapeDuration().toNanos() / 1e9);
    m.put("health", t.health().text());
    m.put("scrapeInterval", PromDuration.format(t.interval()));
    m.put("scrapeTimeout", PromDuration.format(t.timeout()));
    return m;
  }

  /** The scrape URL with a loopback host replaced by the external URL's host, as Prometheus does. */
  private String globalUrl(Target t) {
    String url = t.url().toString();
    String external = properties.getWeb().getExternalUrl();
    Labels l = t.labels();
    String address = l.get("__address__");
    if (external.isBlank() || !(address.startsWith("localhost") || address.startsWith("127."))) {
      return url;
    }
    String host = java.net.URI.create(external).getHost();
    int colon = address.lastIndexOf(':');
    String port = colon < 0 ? "" : address.substring(colon);
    return url.replaceFirst(java.util.regex.Pattern.quote(address), host + port);
  }
}
