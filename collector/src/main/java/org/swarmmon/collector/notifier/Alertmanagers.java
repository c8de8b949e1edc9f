package org.swarmmon.collector.notifier;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.collector.relabel.Relabeler;
import org.swarmmon.labels.Labels;

/** Turns discovered Alertmanager targets into alerts URLs, as Prometheus's AlertmanagerFromGroup. */
public final class Alertmanagers {

  private Alertmanagers() {}

  /** The active and dropped URLs of one {@code alertmanagers} entry. */
  public record Resolved(List<String> active, List<String> dropped) {}

  public static Resolved resolve(Config.Alertmanager cfg, List<TargetGroup> groups) {
    Set<String> active = new LinkedHashSet<>();
    List<String> dropped = new ArrayList<>();
    String path = alertsPath(cfg);
    for (TargetGroup g : groups) {
      for (Labels target : g.targets()) {
        Labels.Builder b = target.toBuilder();
        g.labels().forEach((k, v) -> {
          if (!target.has(k)) {
            b.set(k, v);
          }
        });
        b.set("__scheme__", cfg.scheme());
        b.set("__alerts_path__", path);
        Labels before = b.build();
        Labels l = Relabeler.process(before, cfg.relabelConfigs());
        if (l == null) {
          dropped.add(cfg.scheme() + "://" + before.get("__address__") + path);
          continue;
        }
        String address = l.get("__address__");
        if (address.isEmpty()) {
          continue;
        }
        active.add(l.get("__scheme__") + "://" + address + l.get("__alerts_path__"));
      }
    }
    return new Resolved(new ArrayList<>(active), dropped);
  }

  /** path.Join(path_prefix, "/api/v2/alerts") (or v1). */
  static String alertsPath(Config.Alertmanager cfg) {
    String prefix = cfg.pathPrefix() == null ? "/" : cfg.pathPrefix();
    String api = "v1".equals(cfg.apiVersion()) ? "/api/v1/alerts" : "/api/v2/alerts";
    String joined = (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix) + api;
    joined = joined.replaceAll("/+", "/");
    return joined.startsWith("/") ? joined : "/" + joined;
  }
}
