package org.swarmmon.alertmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;

/**
 * The bot-token path against a local emulation of Slack's Web API: the firing notification is a
 * chat.postMessage (token in the Authorization header, channel, Block Kit layout Slack accepts,
 * a text fallback), and the resolved one updates that message (chat.update with the channel id and
 * ts Slack returned) instead of posting a new one. The token never appears in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackBotTokenTest {

  private static final String TOKEN = "xoxb-1111-2222-test-token";

  @Test
  void resolvedNotificationUpdatesTheOriginalMessage(CapturedOutput output) throws Exception {
    Path dir = Parts.workDir("slack-bot-token");
    try (SlackWebApi slack = new SlackWebApi(TOKEN)) {
      Path config = SlackRouteConfig.write(dir, """
          api_url: %s
          http_config:
            authorization:
              credentials: %s
          channel: '#alerts'
          send_resolved: true
          text: "{{ range .Alerts }}{{ .Annotations.description }}\\n{{ end }}"
          """.formatted(slack.postMessageUrl(), TOKEN));
      try (OurAlertManager am = OurAlertManager.start(config, dir.resolve("data"),
          "--alertmanager.slack-layout=blocks")) {
        StringBuilder alerts = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
          alerts.append(i > 0 ? "," : "").append("{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"node-")
              .append(i).append("\"},\"annotations\":{\"description\":\"disk of node-").append(i)
              .append(" is 97% full and will be full within the hour\"}}");
        }
        var r = Http.post(am.url() + "/api/v2/alerts", "application/json", alerts.append("]").toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        List<SlackWebApi.Call> posts = slack.await("chat.postMessage", 1, Duration.ofSeconds(60));
        assertThat(slack.errors()).isEmpty();
        assertThat(posts).hasSize(1);
        SlackWebApi.Call post = posts.get(0);
        assertThat(post.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(post.args()).containsEntry("channel", "#alerts");
        assertThat(post.args().get("text")).as("notification text fallback").contains("FIRING").contains("DiskFull");
        JsonNode blocks = post.attachments().path(0).path("blocks");
        assertThat(blocks.path(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.path(0).path("text").path("text").asText()).contains("FIRING:400").contains("DiskFull");
        String section = blocks.path(1).path("text").path("text").asText();
        assertThat(section).contains("disk of node-0 ").hasSizeLessThanOrEqualTo(3000)
            .containsPattern("_… and \\d+ more lines_");
        assertThat(post.attachments().path(0).path("color").asText()).isEqualTo("danger");

        StringBuilder resolved = new StringBuilder("[");
        String past = Instant.now().minusSeconds(1).toString();
        for (int i = 0; i < 400; i++) {
          resolved.append(i > 0 ? "," : "").append("{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"node-")
              .append(i).append("\"},\"endsAt\":\"").append(past).append("\"}");
        }
        r = Http.post(am.url() + "/api/v2/alerts", "application/json", resolved.append("]").toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        List<SlackWebApi.Call> updates = slack.await("chat.update", 1, Duration.ofSeconds(60));
        assertThat(slack.errors()).isEmpty();
        assertThat(updates).hasSize(1);
        SlackWebApi.Call update = updates.get(0);
        assertThat(update.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(update.args()).containsEntry("channel", SlackWebApi.CHANNEL_ID).containsEntry("ts", SlackWebApi.TS);
        assertThat(update.args().get("text")).contains("RESOLVED");
        assertThat(update.attachments().path(0).path("color").asText()).isEqualTo("good");
        assertThat(update.attachments().path(0).path("blocks").path(0).path("text").path("text").asText())
            .contains("RESOLVED").contains("DiskFull");
        // nothing new was posted for the resolution
        assertThat(slack.await("chat.postMessage", 2, Duration.ofSeconds(5))).hasSize(1);
      }
    }
    assertThat(output.getAll()).doesNotContain(TOKEN);
  }
}
