package org.swarmmon.alertmanager.slack;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.alertmanager.alert.Alert;
import org.swarmmon.alertmanager.config.SlackSettings;
import org.swarmmon.alertmanager.notify.NotifyContext;
import org.swarmmon.alertmanager.notify.NotifyException;
import org.swarmmon.alertmanager.template.NotificationTemplates;
import org.swarmmon.labels.Labels;

/**
 * Sends sample notifications with each configured Slack message (its templates, the payload, the
 * SDK's HTTP client) to a loopback receiver of its own, never to Slack, before the first real alert.
 * Without it the first flushes of a burst right after start load ~1000 classes (OkHttp, Okio, Kotlin,
 * Jackson, the template engine) while every other flush thread waits on the class-loading and
 * serializer-building locks, and run interpreted: receive→Slack of a cold burst was 5–12× Alertmanager's.
 */
public final class SlackWarmup {

  private static final Logger LOG = Logger.getLogger(SlackWarmup.class.getName());

  private SlackWarmup() {}

  /** One Slack message to warm up with: the receiver it belongs to and its settings. */
  public record Message(String receiver, SlackSettings settings) {}

  /**
   * Sends up to {@code rounds} sample notifications per message, stopping after {@code budget};
   * returns how many the loopback receiver got. Failures are logged, never thrown: a warm-up that
   * cannot run only leaves the first notifications slower.
   */
  public static int run(List<Message> messages, NotificationTemplates templates, String externalUrl,
      SlackMessage.Layout layout, Clock clock, int rounds, Duration budget) {
    if (messages.isEmpty()) {
      return 0;
    }
    LoopbackReceiver receiver;
    try {
      receiver = new LoopbackReceiver();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Slack warm-up skipped: no loopback receiver: " + e);
      return 0;
    }
    try {
      String url = "http://127.0.0.1:" + receiver.port() + "/warmup";
      long deadline = System.nanoTime() + budget.toNanos();
      for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
        for (Message m : messages) {
          send(new SlackNotifier(m.settings().withWebhook(url), templates, externalUrl, layout),
              m.receiver(), clock.instant(), round);
        }
      }
    } catch (NotifyException | RuntimeException e) {
      LOG.log(Level.WARNING, "Slack warm-up stopped: " + e.getMessage());
    } finally {
      receiver.close();
    }
    return receiver.received();
  }

  private static void send(SlackNotifier notifier, String receiver, Instant now, int round) throws NotifyException {
    Labels labels = Labels.of("alertname", "SwarmmonWarmup", "instance", "warmup-" + round, "severity", "none");
    Alert alert = new Alert(labels, Map.of("description", "warm-up " + round, "summary", "warm-up"),
        now.minusSeconds(60), now.plusSeconds(300), "", now, true);
    NotifyContext ctx = new NotifyContext(now, "{}:{alertname=\"SwarmmonWarmup\"}", labels, receiver,
        Duration.ofHours(1), now.plusSeconds(10), List.of(), List.of());
    notifier.notify(ctx, List.of(alert));
  }
}
