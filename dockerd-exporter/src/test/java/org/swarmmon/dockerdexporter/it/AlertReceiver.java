package org.swarmmon.dockerdexporter.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;
import org.swarmmon.testbed.References;
import org.swarmmon.testbed.RunningProcess;

/**
 * The alert-manager crash alerts are delivered to, listening on a fixed port so it can be stopped
 * and started again: ours ({@code alert-manager/target/alert-manager-exec.jar}, built with {@code
 * ./mvnw -pl alert-manager package -DskipTests}) when it is built, else Debian's Alertmanager 0.25.
 * {@code -Ddockerd-exporter.it.alertmanager=debian|ours} forces one.
 */
final class AlertReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AutoCloseable process;
  private final String url;
  private final String kind;

  private AlertReceiver(AutoCloseable process, String url, String kind) {
    this.process = process;
    this.url = url;
    this.kind = kind;
  }

  static Path ourJar() {
    return Parts.projectRoot().resolve("alert-manager/target/alert-manager-exec.jar");
  }

  /** A config that groups crash alerts by container, one group each, and sends them nowhere. */
  static Path groupByContainerConfig() throws IOException {
    Path config = Files.createTempFile(Parts.workDir("am-config"), "alertmanager", ".yml");
    Files.writeString(config, """
        route:
          receiver: nobody
          group_by: [alertname, container]
          group_wait: 1s
        receivers:
          - name: nobody
        """);
    return config;
  }

  static AlertReceiver start(Path config, int port) {
    String choice = System.getProperty("dockerd-exporter.it.alertmanager", "");
    boolean ours = choice.equals("ours") || (choice.isEmpty() && Files.isRegularFile(ourJar()));
    String url = "http://127.0.0.1:" + port;
    if (ours) {
      Path workDir = Parts.workDir("alert-manager-ours");
      RunningProcess process = RunningProcess.start("alert-manager", workDir, List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", ourJar().toString(),
          "--config.file=" + config.toAbsolutePath(),
          "--storage.path=" + workDir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port,
          "--cluster.listen-address="));
      try {
        process.awaitHttp(url + "/-/ready", Duration.ofSeconds(180));
      } catch (RuntimeException e) {
        process.close();
        throw e;
      }
      return new AlertReceiver(process, url, "ours (" + ourJar() + ")");
    }
    References.Started started = References.alertmanager(config, "--web.listen-address=127.0.0.1:" + port);
    return new AlertReceiver(started, url, "Debian's Alertmanager 0.25");
  }

  String url() {
    return url;
  }

  String kind() {
    return kind;
  }

  /** The ContainerCrashed alert of {@code container}, or null while there is none. */
  JsonNode crashAlert(String container) {
    for (JsonNode a : get("/api/v2/alerts?filter="
        + URLEncoder.encode("alertname=\"ContainerCrashed\"", StandardCharsets.UTF_8))) {
      if (container.equals(a.at("/labels/container").asText())) {
        return a;
      }
    }
    return null;
  }

  /** For each alert group holding alerts of {@code container}: how many it holds. */
  List<Integer> alertsPerGroupOf(String container) {
    List<Integer> counts = new ArrayList<>();
    for (JsonNode group : get("/api/v2/alerts/groups")) {
      int ofContainer = 0;
      for (JsonNode a : group.get("alerts")) {
        if (container.equals(a.at("/labels/container").asText())) {
          ofContainer++;
        }
      }
      if (ofContainer > 0) {
        counts.add(ofContainer);
      }
    }
    return counts;
  }

  private JsonNode get(String path) {
    try {
      return JSON.readTree(Http.get(url + path).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      process.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
