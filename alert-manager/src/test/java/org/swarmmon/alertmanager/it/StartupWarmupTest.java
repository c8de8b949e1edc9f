package org.swarmmon.alertmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;

/**
 * The start-up warm-up (on by default: sample alerts through a throwaway receive path, then empty
 * posts to ourselves) is done when the start returns, and leaves nothing behind: no Slack message,
 * no alert or group in the API, no counted metric, no notification log line.
 */
class StartupWarmupTest {

  @Test
  void warmUpLeavesNoTrace() throws Exception {
    Path dir = Parts.workDir("startup-warmup");
    Path storage = dir.resolve("data");
    try (LocalSlack slack = new LocalSlack()) {
      Path config = dir.resolve("alertmanager.yml");
      Files.writeString(config, """
          route:
            receiver: slack
            group_by: [alertname]
          receivers:
            - name: slack
              slack_configs:
                - api_url: %s/hook
                  text: '{{ .CommonAnnotations.description }}'
          """.formatted(slack.url()));
      try (OurAlertManager am = OurAlertManager.startWithDefaultWarmup(config, storage)) {
        assertThat(Http.get(am.url() + "/-/ready").statusCode()).isEqualTo(200);
        assertThat(slack.requests()).isZero();
        assertThat(Http.get(am.url() + "/api/v2/alerts").body()).isEqualTo("[]");
        assertThat(Http.get(am.url() + "/api/v2/alerts/groups").body()).isEqualTo("[]");
        String metrics = Http.get(am.url() + "/metrics").body();
        try (Stream<String> lines = metrics.lines()) {
          lines.filter(l -> l.startsWith("alertmanager_alerts_received_total")
                  || l.startsWith("alertmanager_alerts_invalid_total")
                  || l.startsWith("alertmanager_notifications_total")
                  || l.startsWith("alertmanager_notification_requests_total"))
              .forEach(l -> assertThat(l).endsWith(" 0.0"));
        }
        assertThat(metrics).contains("alertmanager_alerts{state=\"active\"} 0.0");
      }
      try (Stream<Path> files = Files.list(storage)) {
        for (Path f : files.toList()) {
          assertThat(Files.readString(f)).as(f.toString()).isBlank();
        }
      }
    }
  }
}
