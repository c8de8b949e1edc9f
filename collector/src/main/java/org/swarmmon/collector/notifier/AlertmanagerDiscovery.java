package org.swarmmon.collector.notifier;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.DiscoveryConfigs;
import org.swarmmon.collector.discovery.DiscoveryManager;
import org.swarmmon.collector.targetgroup.TargetGroup;
import org.swarmmon.collector.config.HttpClients;

/**
 * Keeps the notifier's HTTP destinations in step with {@code alerting.alertmanagers}: each entry's
 * discovery runs under the name {@code config-N} (as Prometheus names them), and every change
 * rebuilds the list of Alertmanager API endpoints.
 */
public final class AlertmanagerDiscovery implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AlertmanagerDiscovery.class.getName());

  private final Notifier notifier;
  private final DiscoveryManager discovery;
  private final Map<String, List<TargetGroup>> discovered = new LinkedHashMap<>();
  private volatile List<Config.Alertmanager> configs = List.of();
  private volatile List<String> active = List.of();
  private volatile List<String> dropped = List.of();

  public AlertmanagerDiscovery(Notifier notifier, Clock clock, Duration filePollInterval, Duration maxBackoff) {
    this.notifier = notifier;
    this.discovery = new DiscoveryManager(clock, this::update, filePollInterval, maxBackoff);
  }

  public synchronized void applyConfig(Config config) {
    notifier.applyConfig(config.global().externalLabels(), config.alerting().alertRelabelConfigs());
    configs = config.alerting().alertmanagers();
    Map<String, DiscoveryConfigs> wanted = new LinkedHashMap<>();
    for (int i = 0; i < configs.size(); i++) {
      wanted.put("config-" + i, configs.get(i).discovery());
    }
    discovered.keySet().retainAll(wanted.keySet());
    rebuild();
    discovery.applyDiscovery(wanted);
  }

  private synchronized void update(String name, List<TargetGroup> groups) {
    discovered.put(name, groups);
    rebuild();
  }

  private void rebuild() {
    List<AlertSender> senders = new ArrayList<>();
    List<String> act = new ArrayList<>();
    List<String> drop = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      Config.Alertmanager cfg = configs.get(i);
      List<TargetGroup> groups = discovered.getOrDefault("config-" + i, List.of());
      Alertmanagers.Resolved r = Alertmanagers.resolve(cfg, groups);
      drop.addAll(r.dropped());
      if (r.active().isEmpty()) {
        continue;
      }
      HttpClient client = HttpClients.build(cfg.http(), cfg.timeout());
      String auth;
      try {
        auth = HttpClients.authorization(cfg.http());
      } catch (IOException e) {
        LOG.warning("alertmanager credentials unreadable: " + e.getMessage());
        auth = null;
      }
      for (String url : r.active()) {
        senders.add(new HttpAlertSender(client, url, cfg.timeout(), auth));
        act.add(url);
      }
    }
    active = List.copyOf(act);
    dropped = List.copyOf(drop);
    notifier.setSenders(senders);
  }

  public List<String> active() {
    return active;
  }

  public List<String> dropped() {
    return dropped;
  }

  @Override
  public void close() {
    discovery.close();
  }
}
