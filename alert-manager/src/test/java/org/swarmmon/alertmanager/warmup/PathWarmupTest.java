package org.swarmmon.alertmanager.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.config.Config;
import org.swarmmon.alertmanager.config.ConfigLoader;
import org.swarmmon.alertmanager.it.LocalSlack;
import org.swarmmon.alertmanager.notify.Sleeper;
import org.swarmmon.alertmanager.slack.SlackMessage;
import org.swarmmon.duration.PromDuration;

class PathWarmupTest {

  /** Two receivers, a webhook and a bot-token config, an inhibition rule: all pointing at a real local Slack. */
  private static Config config(String slackUrl, String text) {
    return ConfigLoader.parse("""
        route:
          receiver: team
          group_by: [alertname]
          routes:
            - receiver: ops
              matchers: ['severity="critical"']
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [instance]
        receivers:
          - name: team
            slack_configs:
              - api_url: %1$s/hook
                send_resolved: true
                text: %2$s
          - name: ops
            slack_configs:
              - api_url: %1$s/api/chat.postMessage
                channel: '#ops'
                http_config: {authorization: {credentials: xoxb-not-a-token}}
          - name: quiet
        """.formatted(slackUrl, text), Path.of("."));
  }

  @Test
  void runsTheWholePathAndLeavesNoTraceInTheRealAlertManager(@TempDir Path storage) throws Exception {
    try (LocalSlack slack = new LocalSlack()) {
      Config config = config(slack.url(), "'{{ .CommonAnnotations.description }}'");
      PrometheusRegistry registry = new PrometheusRegistry();
      AlertManager.Options options = new AlertManager.Options(storage, PromDuration.parse("120h"),
          "http://am.example", SlackMessage.Layout.ATTACHMENTS, Sleeper.REAL);
      try (AlertManager real = new AlertManager(Clock.systemUTC(), options, config, registry)) {
        real.start();

        PathWarmup.Result result = PathWarmup.run(config, options, Clock.systemUTC(), 120, Duration.ofSeconds(60));

        // 120 alerts for each of the two Slack configs, and one probe message each
        assertThat(result.posted()).isEqualTo(240);
        assertThat(result.notified()).isEqualTo(242);
        assertThat(slack.requests()).isZero();
        assertThat(real.alerts().all()).isEmpty();
        assertThat(real.dispatcher().groups()).isEmpty();
        assertThat(real.notificationLog().all()).isEmpty();
        assertThat(real.allSilences()).isEmpty();
        assertThat(real.notifyMetrics().notificationsTotal("slack")).isZero();
        for (MetricSnapshot m : registry.scrape()) {
          if (m instanceof CounterSnapshot c) {
            c.getDataPoints().forEach(p -> assertThat(p.getValue()).as(m.getMetadata().getName()).isZero());
          }
        }
      }
      // the real notification log and silences files hold nothing either
      try (var files = Files.list(storage)) {
        for (Path f : files.toList()) {
          assertThat(Files.readString(f)).as(f.toString()).isBlank();
        }
      }
    }
  }

  @Test
  void aTemplateFailingAtRenderTimeLeavesItsConfigOutWithoutFailing() throws Exception {
    try (LocalSlack slack = new LocalSlack()) {
      Config config = config(slack.url(), "'{{ template \"nowhere\" . }}'");
      AlertManager.Options options = new AlertManager.Options(null, PromDuration.parse("120h"),
          "http://am.example", SlackMessage.Layout.BLOCKS, Sleeper.REAL);

      PathWarmup.Result result = PathWarmup.run(config, options, Clock.systemUTC(), 20, Duration.ofSeconds(60));

      // only the bot-token config of "ops" renders; "team"'s text fails and is left out
      assertThat(result.posted()).isEqualTo(20);
      assertThat(result.notified()).isEqualTo(21);
      assertThat(slack.requests()).isZero();
    }
  }

  @Test
  void zeroTurnsTheWarmUpOff() {
    Config config = config("http://127.0.0.1:1", "x");
    AlertManager.Options options = new AlertManager.Options(null, PromDuration.parse("120h"),
        "http://am.example", SlackMessage.Layout.ATTACHMENTS, Sleeper.REAL);
    assertThat(PathWarmup.run(config, options, Clock.systemUTC(), 0, Duration.ofSeconds(5)).notified()).isZero();
  }
}
