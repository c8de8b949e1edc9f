package org.swarmmon.alertmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;

/**
 * Done-when 4: across a restart on the same --storage.path no notification is repeated and none is
 * lost (the resolved one still comes), silences survive; a 429 with Retry-After then 200 delivers
 * exactly one message.
 */
class RestartAndRetryTest {

  private static Path config(Path dir, String slackUrl) throws IOException {
    return SlackRouteConfig.write(dir, """
        api_url: %s
        send_resolved: true
        title: '{{ .Status }} {{ .CommonLabels.alertname }}'
        text: '{{ range .Alerts }}{{ .Labels.instance }} {{ end }}'
        """.formatted(slackUrl));
  }

  private static void post(String url, String alertname, String instance, Instant endsAt) {
    String ends = endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"";
    var r = Http.post(url + "/api/v2/alerts", "application/json",
        "[{\"labels\":{\"alertname\":\"" + alertname + "\",\"instance\":\"" + instance + "\"}" + ends + "}]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static List<String> titles(LocalSlack slack, String alertname) {
    return slack.messages().stream().map(LocalSlack.Message::title).filter(t -> t.endsWith(" " + alertname)).toList();
  }

  @Test
  void restartNeitherRepeatsNorLosesNotifications() throws Exception {
    Path dir = Parts.workDir("restart");
    Path storage = dir.resolve("data");
    try (LocalSlack slack = new LocalSlack()) {
      Path config = config(dir, slack.url());
      String silenceId;
      try (OurAlertManager am = OurAlertManager.start(config, storage)) {
        post(am.url(), "NodeDown", "node-1", null);
        slack.await(1, Duration.ofSeconds(30));
        assertThat(titles(slack, "NodeDown")).containsExactly("firing NodeDown");
        var created = Http.post(am.url() + "/api/v2/silences", "application/json",
            "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"Other\",\"isRegex\":false}],"
                + "\"startsAt\":\"" + Instant.now() + "\",\"endsAt\":\"" + Instant.now().plusSeconds(3600)
                + "\",\"createdBy\":\"ops\",\"comment\":\"kept across restarts\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        silenceId = created.body().replaceAll(".*\"silenceID\":\"([^\"]+)\".*", "$1");
      }
      try (OurAlertManager am = OurAlertManager.start(config, storage)) {
        // Prometheus resends the still-firing alert to the new process
        post(am.url(), "NodeDown", "node-1", null);
        Thread.sleep(6000);
        assertThat(titles(slack, "NodeDown")).containsExactly("firing NodeDown");
        assertThat(Http.get(am.url() + "/api/v2/silence/" + silenceId).body()).contains("kept across restarts");

        post(am.url(), "NodeDown", "node-1", Instant.now());
        Instant deadline = Instant.now().plusSeconds(30);
        while (titles(slack, "NodeDown").size() < 2 && Instant.now().isBefore(deadline)) {
          Thread.sleep(200);
        }
        Thread.sleep(4000);
        assertThat(titles(slack, "NodeDown")).containsExactly("firing NodeDown", "resolved NodeDown");
      }
      assertThat(slack.rejected()).isEmpty();
    }
  }

  @Test
  void rateLimitedThenAcceptedDeliversExactlyOnce() throws Exception {
    Path dir = Parts.workDir("retry");
    try (LocalSlack slack = new LocalSlack()) {
      Path config = config(dir, slack.url());
      try (OurAlertManager am = OurAlertManager.start(config, dir.resolve("data"))) {
        slack.queue(new LocalSlack.Answer(429, 1, "rate_limited"));
        post(am.url(), "Throttled", "node-2", null);
        slack.await(1, Duration.ofSeconds(30));
        Thread.sleep(5000);
        assertThat(titles(slack, "Throttled")).containsExactly("firing Throttled");
        assertThat(slack.requests()).isEqualTo(2);
        String metrics = Http.get(am.url() + "/metrics").body();
        assertThat(metrics).contains("alertmanager_notifications_total{integration=\"slack\"} 1.0");
        assertThat(metrics).contains("alertmanager_notification_requests_failed_total{integration=\"slack\"} 1.0");
        assertThat(metrics).contains("alertmanager_notifications_failed_total{integration=\"slack\"} 0.0");
      }
    }
  }
}
