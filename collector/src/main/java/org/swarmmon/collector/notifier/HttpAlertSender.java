package org.swarmmon.collector.notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.swarmmon.collector.config.HttpClients;

/** POSTs alerts to one Alertmanager's {@code /api/v2/alerts}, as Prometheus's notifier does. */
public final class HttpAlertSender implements AlertSender {

  private final HttpClient client;
  private final String url;
  private final Duration timeout;
  private final String authorization;

  /** {@code authorization} is the Authorization header value or null. */
  public HttpAlertSender(HttpClient client, String url, Duration timeout, String authorization) {
    this.client = client;
    this.url = url;
    this.timeout = timeout;
    this.authorization = authorization;
  }

  @Override
  public String name() {
    return url;
  }

  @Override
  public void send(List<PostableAlert> alerts) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", HttpClients.USER_AGENT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(PostableAlert.toJsonArray(alerts)));
    if (authorization != null && !authorization.isEmpty()) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("bad response status " + r.statusCode() + " " + reason(r.statusCode()));
    }
  }

  private static String reason(int code) {
    return switch (code) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }
}
