package org.swarmmon.collector.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.HttpClients;
import org.swarmmon.labels.Matcher;

/** Sends remote-read requests to one {@code remote_read} endpoint, as Prometheus's read client. */
final class RemoteReadClient {

  private final Config.RemoteRead config;
  private final HttpClient client;

  RemoteReadClient(Config.RemoteRead config) {
    this.config = config;
    this.client = HttpClients.build(config.http(), config.remoteTimeout());
  }

  Config.RemoteRead config() {
    return config;
  }

  /** The series the endpoint holds over [mint, maxt] that match every matcher. */
  List<TimeSeries> read(long mint, long maxt, List<Matcher> matchers)
      throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(config.url()))
        .timeout(config.remoteTimeout())
        .header("Content-Encoding", "snappy")
        .header("Accept-Encoding", "snappy")
        .header("Content-Type", "application/x-protobuf")
        .header("User-Agent", HttpClients.USER_AGENT)
        .header("X-Prometheus-Remote-Read-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ReadRequestCodec.encode(mint, maxt, matchers)));
    config.headers().forEach(req::header);
    String auth = HttpClients.authorization(config.http());
    if (auth != null) {
      req.header("Authorization", auth);
    }
    HttpResponse<byte[]> r;
    try {
      r = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IOException("error sending request: " + e, e);
    }
    if (r.statusCode() / 100 != 2) {
      String line = new String(r.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      throw new IOException("remote server " + config.url() + " returned HTTP status "
          + r.statusCode() + ": " + line);
    }
    try {
      return ReadRequestCodec.decodeResponse(r.body());
    } catch (IOException e) {
      throw new IOException("error reading response: " + e.getMessage(), e);
    }
  }
}
