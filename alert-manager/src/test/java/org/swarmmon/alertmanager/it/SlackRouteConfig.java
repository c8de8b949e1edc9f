package org.swarmmon.alertmanager.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config most integration tests run with: one route grouping by alertname (group_wait 1s,
 * group_interval 2s, repeat_interval 1h) to one Slack receiver.
 */
final class SlackRouteConfig {

  private SlackRouteConfig() {}

  /**
   * Writes {@code alertmanager.yml} in {@code dir} and returns it; {@code slackConfig} is the
   * receiver's one slack_config, its fields as YAML lines ({@code api_url: ...}).
   */
  static Path write(Path dir, String slackConfig) throws IOException {
    String fields = slackConfig.stripIndent().indent(8);
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: slack
          group_by: [alertname]
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        receivers:
          - name: slack
            slack_configs:
        """ + "      - " + fields.substring(8));
    return config;
  }
}
