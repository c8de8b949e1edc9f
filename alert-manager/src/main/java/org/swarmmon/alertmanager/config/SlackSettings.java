package org.swarmmon.alertmanager.config;

import java.util.List;
import org.swarmmon.alertmanager.config.ConfigFile.SlackAction;
import org.swarmmon.alertmanager.config.ConfigFile.SlackField;

/**
 * One slack_configs entry with Alertmanager's defaults applied. {@code apiUrl} and {@code botToken}
 * are secrets: never logged, and {@link #toString()} leaves them out.
 */
public record SlackSettings(
    boolean sendResolved,
    String apiUrl,
    String apiUrlFile,
    String botToken,
    String botTokenFile,
    String channel,
    String username,
    String color,
    String title,
    String titleLink,
    String pretext,
    String text,
    List<SlackField> fields,
    boolean shortFields,
    String footer,
    String fallback,
    String callbackId,
    String iconEmoji,
    String iconUrl,
    String imageUrl,
    String thumbUrl,
    boolean linkNames,
    List<String> mrkdwnIn,
    List<SlackAction> actions) {

  /** Whether the URL is Slack's Web API chat.postMessage (a bot token), not an incoming webhook. */
  public boolean usesBotToken() {
    return botToken != null || botTokenFile != null;
  }

  /** The same message settings sent to the incoming webhook {@code url} instead. */
  public SlackSettings withWebhook(String url) {
    return new SlackSettings(sendResolved, url, null, null, null, channel, username, color, title, titleLink,
        pretext, text, fields, shortFields, footer, fallback, callbackId, iconEmoji, iconUrl, imageUrl, thumbUrl,
        linkNames, mrkdwnIn, actions);
  }

  @Override
  public String toString() {
    return "SlackSettings[channel=" + channel + ", sendResolved=" + sendResolved + ", apiUrl=<secret>]";
  }
}
