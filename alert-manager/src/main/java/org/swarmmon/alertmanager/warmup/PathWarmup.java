package org.swarmmon.alertmanager.warmup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.api.ApiResponse;
import org.swarmmon.alertmanager.api.ApiV2;
import org.swarmmon.alertmanager.config.Config;
import org.swarmmon.alertmanager.config.ConfigLoader;
import org.swarmmon.alertmanager.config.Receiver;
import org.swarmmon.alertmanager.config.SlackSettings;
import org.swarmmon.alertmanager.notify.NotifyContext;
import org.swarmmon.alertmanager.notify.NotifyException;
import org.swarmmon.alertmanager.notify.Sleeper;
import org.swarmmon.alertmanager.silence.Silence;
import org.swarmmon.alertmanager.slack.SlackNotifier;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * Runs sample alerts through the whole receive path before the first real one arrives: the API's
 * JSON parse and validation, the alert store, routing, grouping, the dispatcher's timers and flush
 * threads, the inhibition and silence muters, dedup against the notification log, the templates,
 * the Slack payload and the SDK's HTTP client. It all happens in a throwaway alert-manager of its
 * own (its own store, silences, in-memory notification log and metrics registry) whose Slack configs
 * post to a loopback receiver, so the real one sees no alert, no notification, no metric and no
 * log entry, and no Slack receiver gets a message. Without it the first burst after start runs
 * interpreted while the JIT compiles that path, and loads the classes it needs under locks every
 * flush thread queues on.
 */
public final class PathWarmup {

  private static final Logger LOG = Logger.getLogger(PathWarmup.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Alerts per POST, as Prometheus batches them (its default is 64). */
  private static final int BATCH = 50;
  private static final String RECEIVER_LABEL = "swarmmon_warmup_receiver";
  /** No retry waits: a sample that fails is dropped, the warm-up must not hold the start. */
  private static final Sleeper NO_WAIT = d -> {
    throw new InterruptedException("no retries in the warm-up");
  };

  private PathWarmup() {}

  /** What the warm-up did: alerts posted, notifications the loopback receiver got, time spent. */
  public record Result(int posted, int notified, Duration took) {}

  /**
   * Posts {@code alertsPerConfig} sample alerts for each Slack config of {@code config} into a
   * throwaway alert-manager and waits (at most {@code budget}) for their notifications. Failures are
   * logged, never thrown: a warm-up that cannot run only leaves the first notifications slower.
   */
  public static Result run(Config config, AlertManager.Options options, Clock clock, int alertsPerConfig,
      Duration budget) {
    long started = System.nanoTime();
    if (alertsPerConfig <= 0) {
      return new Result(0, 0, Duration.ZERO);
    }
    LoopbackReceiver sink;
    try {
      sink = new LoopbackReceiver();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "warm-up skipped: no loopback receiver: " + e);
      return new Result(0, 0, Duration.ZERO);
    }
    int posted = 0;
    Path storage = null;
    try {
      String url = "http://127.0.0.1:" + sink.port() + "/warmup";
      Map<String, Receiver> receivers = receivers(config, options, clock, url);
      if (receivers.isEmpty()) {
        return new Result(0, 0, Duration.ofNanos(System.nanoTime() - started));
      }
      int expected = sink.received();
      for (Receiver r : receivers.values()) {
        expected += r.slackConfigs().size() * alertsPerConfig;
      }
      storage = temporaryStorage();
      AlertManager.Options throwaway = new AlertManager.Options(storage, options.retention(), options.externalUrl(),
          options.slackLayout(), NO_WAIT);
      try (AlertManager am = new AlertManager(clock, throwaway, warmupConfig(config, receivers),
          new PrometheusRegistry())) {
        Instant now = clock.instant();
        am.silences().set(new Silence(null, List.of(Matcher.equal("swarmmon_warmup_silenced", "true")),
            now, now.plus(Duration.ofHours(1)), now, "swarmmon", "warm-up"));
        am.start();
        ApiV2 api = new ApiV2(am, "warmup");
        long deadline = started + budget.toNanos();
        for (int from = 0; from < alertsPerConfig && System.nanoTime() < deadline; from += BATCH) {
          for (Receiver r : receivers.values()) {
            int n = Math.min(BATCH, alertsPerConfig - from);
            ApiResponse response = api.postAlerts(JSON.readTree(batch(r.name(), from, n, now)));
            if (response.status() != 200) {
              LOG.warning("warm-up stopped: sample alerts refused: " + response.body());
              return new Result(posted, sink.received(), Duration.ofNanos(System.nanoTime() - started));
            }
            posted += n;
          }
        }
        awaitNotifications(sink, expected, deadline);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "warm-up stopped: " + e);
    } finally {
      sink.close();
      delete(storage);
    }
    return new Result(posted, sink.received(), Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * The receivers with Slack configs, each config sending to the loopback receiver instead; a config
   * whose message cannot be built (a template failing at render time) is left out after one try,
   * so the warm-up does not log the same failure for every sample.
   */
  private static Map<String, Receiver> receivers(Config config, AlertManager.Options options, Clock clock,
      String url) {
    Map<String, Receiver> out = new LinkedHashMap<>();
    for (Receiver r : config.receivers().values()) {
      List<SlackSettings> slack = new ArrayList<>();
      for (SlackSettings s : r.slackConfigs()) {
        SlackSettings loopback = s.withWebhook(url);
        SlackNotifier notifier = new SlackNotifier(loopback, config.templates(), options.externalUrl(),
            options.slackLayout());
        Instant now = clock.instant();
        Labels labels = Labels.of("alertname", "SwarmmonWarmup", RECEIVER_LABEL, r.name());
        try {
          notifier.notify(new NotifyContext(now, "{}:{}", labels, r.name(), Duration.ofHours(1),
              now.plusSeconds(10), List.of(), List.of()), List.of(new org.swarmmon.alertmanager.alert.Alert(
              labels, Map.of("summary", "warm-up"), now.minusSeconds(60), now.plusSeconds(300), "", now, true)));
          slack.add(loopback);
        } catch (NotifyException | RuntimeException e) {
          LOG.warning("warm-up leaves out a Slack config of receiver " + r.name() + ": " + e.getMessage());
        }
      }
      if (!slack.isEmpty()) {
        out.put(r.name(), new Receiver(r.name(), slack, 0));
      }
    }
    return out;
  }

  /**
   * The config's templates, inhibition rules and time intervals with a route per receiver, each
   * sample alert its own group, flushed at once (its start is older than group_wait).
   */
  private static Config warmupConfig(Config config, Map<String, Receiver> receivers) throws IOException {
    StringBuilder yaml = new StringBuilder();
    String first = JSON.writeValueAsString(receivers.keySet().iterator().next());
    yaml.append("route:\n  receiver: ").append(first).append("\n  group_by: ['...']\n  group_wait: 0s\n")
        .append("  group_interval: 1h\n  repeat_interval: 1h\n  routes:\n");
    for (String name : receivers.keySet()) {
      String quoted = JSON.writeValueAsString(name);
      yaml.append("    - receiver: ").append(quoted).append("\n      match: {").append(RECEIVER_LABEL)
          .append(": ").append(quoted).append("}\n");
    }
    yaml.append("receivers:\n");
    for (String name : receivers.keySet()) {
      yaml.append("  - name: ").append(JSON.writeValueAsString(name)).append('\n');
    }
    Config routing = ConfigLoader.parse(yaml.toString(), Path.of("."));
    return new Config(config.resolveTimeout(), routing.route(), config.inhibitRules(), receivers,
        config.timeIntervals(), config.templates(), "");
  }

  /** A POST body of {@code n} postable alerts as the API receives them. */
  private static byte[] batch(String receiver, int from, int n, Instant now) throws IOException {
    String startsAt = DateTimeFormatter.ISO_INSTANT.format(now.minus(Duration.ofHours(1)));
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put("alertname", "SwarmmonWarmup");
      labels.put("instance", "warmup-" + i);
      labels.put("job", "swarmmon-warmup");
      labels.put("severity", "none");
      labels.put(RECEIVER_LABEL, receiver);
      alerts.add(Map.of("labels", labels,
          "annotations", Map.of("summary", "warm-up", "description", "sample alert " + i + " of the start-up warm-up"),
          "startsAt", startsAt, "generatorURL", "http://127.0.0.1/warmup"));
    }
    return JSON.writeValueAsString(alerts).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A fresh folder for the throwaway's silences and notification log, so their files are written as
   * the real ones are (the log's JSON lines are encoded only when there is a file); none when the
   * temporary folder is not writable.
   */
  private static Path temporaryStorage() {
    try {
      return Files.createTempDirectory("alertmanager-warmup");
    } catch (IOException | RuntimeException e) {
      LOG.info("warm-up keeps its notification log in memory: " + e);
      return null;
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      LOG.info("warm-up folder " + dir + " not removed: " + e);
    }
  }

  private static void awaitNotifications(LoopbackReceiver sink, int expected, long deadline) {
    int last = -1;
    long lastChange = System.nanoTime();
    while (sink.received() < expected && System.nanoTime() < deadline) {
      int now = sink.received();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > Duration.ofSeconds(2).toNanos()) {
        return; // samples muted by an inhibition rule or failed: no more are coming
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
