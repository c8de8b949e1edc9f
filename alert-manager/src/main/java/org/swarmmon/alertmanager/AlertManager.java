package org.swarmmon.alertmanager;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.alertmanager.alert.Alert;
import org.swarmmon.alertmanager.alert.AlertStore;
import org.swarmmon.alertmanager.config.Config;
import org.swarmmon.alertmanager.config.Receiver;
import org.swarmmon.alertmanager.config.SlackSettings;
import org.swarmmon.alertmanager.dispatch.Dispatcher;
import org.swarmmon.alertmanager.inhibit.Inhibitor;
import org.swarmmon.alertmanager.notify.NotificationLog;
import org.swarmmon.alertmanager.notify.NotifyMetrics;
import org.swarmmon.alertmanager.notify.Pipeline;
import org.swarmmon.alertmanager.notify.Sleeper;
import org.swarmmon.alertmanager.persist.AppendLog;
import org.swarmmon.alertmanager.persist.SnapshotFile;
import org.swarmmon.alertmanager.silence.Silence;
import org.swarmmon.alertmanager.silence.Silences;
import org.swarmmon.alertmanager.slack.SlackMessage;
import org.swarmmon.alertmanager.slack.SlackNotifier;
import org.swarmmon.labels.Labels;

/**
 * One alert-manager: the alert store, silences, notification log, and the dispatcher and inhibitor
 * built from the current config. {@link #applyConfig} swaps them on reload; {@link #start} runs the
 * timer loop and garbage collection on threads of its own.
 */
public final class AlertManager implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AlertManager.class.getName());
  /** Groups flushing at once (Alertmanager runs one goroutine per group; a slow Slack holds a thread). */
  private static final int FLUSH_THREADS = 64;
  /** Settings that are not in alertmanager.yml (command line and environment); no storage path: memory only. */
  public record Options(Path storagePath, Duration retention, String externalUrl,
      SlackMessage.Layout slackLayout, Sleeper sleeper) {}

  private final Clock clock;
  private final Options options;
  private final PrometheusRegistry registry;
  private final AlertStore alerts;
  private final Silences silences;
  private final NotificationLog nflog;
  private final NotifyMetrics notifyMetrics;
  private final Counter alertsReceived;
  private final Counter alertsInvalid;
  private final Instant started;
  private volatile Config config;
  private volatile Inhibitor inhibitor;
  private volatile Dispatcher dispatcher;
  private ExecutorService flushers;
  private Thread loop;
  private volatile boolean running;

  public AlertManager(Clock clock, Options options, Config config, PrometheusRegistry registry) {
    this.clock = clock;
    this.options = options;
    this.registry = registry;
    this.started = clock.instant();
    this.alerts = new AlertStore(clock);
    this.silences = new Silences(clock, options.retention(),
        options.storagePath() == null ? null : new SnapshotFile(options.storagePath().resolve("silences")));
    this.nflog = new NotificationLog(clock, options.retention(),
        options.storagePath() == null ? null : new AppendLog(options.storagePath().resolve("nflog")));
    this.notifyMetrics = new NotifyMetrics(registry);
    this.alertsReceived = Counter.builder().name("alertmanager_alerts_received_total")
        .help("The total number of received alerts.").labelNames("status").register(registry);
    this.alertsInvalid = Counter.builder().name("alertmanager_alerts_invalid_total")
        .help("The total number of received alerts that were invalid.").register(registry);
    GaugeWithCallback.builder().name("alertmanager_alerts").help("How many alerts by state.")
        .labelNames("state").callback(cb -> {
          int active = 0;
          int suppressed = 0;
          Instant now = clock.instant();
          for (Alert a : alerts.all()) {
            if (a.resolvedAt(now)) {
              continue;
            }
            if (status(a).suppressed()) {
              suppressed++;
            } else {
              active++;
            }
          }
          cb.call(active, "active");
          cb.call(suppressed, "suppressed");
          cb.call(0, "unprocessed");
        }).register(registry);
    GaugeWithCallback.builder().name("alertmanager_silences").help("How many silences by state.")
        .labelNames("state").callback(cb -> silences.countByState().forEach(
            (state, n) -> cb.call(n, state.name().toLowerCase()))).register(registry);
    GaugeWithCallback.builder().name("alertmanager_config_last_reload_success_timestamp_seconds")
        .help("Timestamp of the last successful configuration reload.")
        .callback(cb -> cb.call(lastReload.getEpochSecond())).register(registry);
    alerts.subscribe(a -> {
      Inhibitor ih = inhibitor;
      if (ih != null) {
        ih.observe(a);
      }
      Dispatcher d = dispatcher;
      if (d != null) {
        d.receive(a);
      }
    });
    alerts.onDelete(fp -> {
      Inhibitor ih = inhibitor;
      if (ih != null) {
        ih.forget(fp);
      }
    });
    applyConfig(config);
  }

  private volatile Instant lastReload = Instant.EPOCH;

  /** Builds inhibitor, pipeline and dispatcher for {@code newConfig} and feeds them the current alerts. */
  public synchronized void applyConfig(Config newConfig) {
    Inhibitor ih = new Inhibitor(clock, newConfig.inhibitRules());
    Map<String, List<Pipeline.Integration>> integrations = new LinkedHashMap<>();
    for (Receiver r : newConfig.receivers().values()) {
      List<Pipeline.Integration> list = new ArrayList<>();
      for (int i = 0; i < r.slackConfigs().size(); i++) {
        SlackSettings s = r.slackConfigs().get(i);
        list.add(new Pipeline.Integration(r.name() + "/slack/" + i,
            new SlackNotifier(s, newConfig.templates(), options.externalUrl(), options.slackLayout())));
      }
      integrations.put(r.name(), list);
    }
    Pipeline pipeline = new Pipeline(ih, silences::mutedBy, newConfig.timeIntervals(), integrations, nflog,
        notifyMetrics, clock, options.sleeper());
    Dispatcher d = new Dispatcher(newConfig.route(), pipeline, clock);
    for (Alert a : alerts.all()) {
      ih.observe(a);
    }
    this.config = newConfig;
    this.inhibitor = ih;
    this.dispatcher = d;
    for (Alert a : alerts.all()) {
      d.receive(a);
    }
    lastReload = clock.instant();
  }

  /** Starts the dispatcher's timer loop and the periodic maintenance. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    flushers = Executors.newFixedThreadPool(FLUSH_THREADS, r -> {
      Thread t = new Thread(r, "alert-flush");
      t.setDaemon(true);
      return t;
    });
    loop = new Thread(this::runLoop, "alert-dispatcher");
    loop.setDaemon(true);
    loop.start();
  }

  private void runLoop() {
    Instant nextMaintenance = clock.instant().plusSeconds(30);
    while (running) {
      try {
        Dispatcher d = dispatcher;
        d.flushDue(flushers);
        if (!clock.instant().isBefore(nextMaintenance)) {
          d.removeEmptyGroups();
          alerts.collectResolved();
          silences.collectGarbage();
          nflog.collectGarbage();
          nextMaintenance = clock.instant().plusSeconds(30);
        }
        d.awaitWork(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "dispatcher loop error", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (loop != null) {
      loop.interrupt();
    }
    if (flushers != null) {
      flushers.shutdown();
      try {
        flushers.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    nflog.close();
  }

  /** Puts alerts already validated and completed (start/end set) into the store. */
  public void putAlerts(List<Alert> batch) {
    Instant now = clock.instant();
    for (Alert a : batch) {
      alertsReceived.labelValues(a.resolvedAt(now) ? "resolved" : "firing").inc();
    }
    alerts.put(batch);
  }

  public void countInvalid() {
    alertsInvalid.inc();
  }

  /** An alert's status as the API reports it. */
  public record AlertStatus(List<String> silencedBy, List<String> inhibitedBy) {
    public boolean suppressed() {
      return !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
    }

    public String state() {
      return suppressed() ? "suppressed" : "active";
    }
  }

  public AlertStatus status(Alert a) {
    Labels labels = a.labels();
    return new AlertStatus(silences.mutedBy(labels), inhibitor.mutedBy(labels));
  }

  /** The receivers an alert is routed to, in route order, without repeats. */
  public List<String> receiversOf(Labels labels) {
    List<String> out = new ArrayList<>();
    dispatcher.route().match(labels).forEach(r -> {
      if (!out.contains(r.receiver())) {
        out.add(r.receiver());
      }
    });
    return out;
  }

  public Clock clock() {
    return clock;
  }

  public Config config() {
    return config;
  }

  public AlertStore alerts() {
    return alerts;
  }

  public Silences silences() {
    return silences;
  }

  public NotificationLog notificationLog() {
    return nflog;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public NotifyMetrics notifyMetrics() {
    return notifyMetrics;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public Instant started() {
    return started;
  }

  public Options options() {
    return options;
  }

  public List<Silence> allSilences() {
    return silences.all();
  }
}
