package org.swarmmon.alertmanager.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.alertmanager.config.Config;
import org.swarmmon.alertmanager.config.ConfigLoader;

class SlackWarmupTest {

  private static Config config(String text) {
    // the real api_url is a closed port: the warm-up must never send there
    return ConfigLoader.parse("""
        route: {receiver: r}
        receivers:
          - name: r
            slack_configs:
              - api_url: http://127.0.0.1:1/hook
                text: %s
              - api_url: https://slack.com/api/chat.postMessage
                channel: '#alerts'
                http_config: {authorization: {credentials: xoxb-not-a-token}}
        """.formatted(text), Path.of("."));
  }

  private static List<SlackWarmup.Message> messages(Config c) {
    return c.receivers().get("r").slackConfigs().stream().map(s -> new SlackWarmup.Message("r", s)).toList();
  }

  @Test
  void sendsEachConfiguredMessageToItsOwnLoopbackReceiver() {
    Config c = config("'{{ .CommonAnnotations.description }}'");
    int received = SlackWarmup.run(messages(c), c.templates(), "http://am.example", SlackMessage.Layout.ATTACHMENTS,
        Clock.systemUTC(), 5, Duration.ofSeconds(30));
    assertThat(received).isEqualTo(10);
  }

  @Test
  void aTemplateFailingAtRenderTimeStopsTheWarmUpWithoutFailingTheStart() {
    Config c = config("'{{ template \"nowhere\" . }}'");
    int received = SlackWarmup.run(messages(c), c.templates(), "http://am.example", SlackMessage.Layout.BLOCKS,
        Clock.systemUTC(), 5, Duration.ofSeconds(30));
    assertThat(received).isZero();
  }
}
