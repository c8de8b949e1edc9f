package org.swarmmon.dockerdexporter.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.swarmmon.dockerdexporter.app.DockerdExporterApplication;
import org.swarmmon.testbed.FreePorts;
import org.swarmmon.testbed.Http;

/** The exporter itself, started in this JVM on a free port with the given settings. */
final class ExporterUnderTest implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;

  private ExporterUnderTest(ConfigurableApplicationContext context, int port) {
    this.context = context;
    this.port = port;
  }

  static ExporterUnderTest start(Map<String, String> settings) {
    int port = FreePorts.next();
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--spring.cloud.consul.enabled=false");
    settings.forEach((k, v) -> args.add("--" + k + "=" + v));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(DockerdExporterApplication.class)
        .run(args.toArray(String[]::new));
    return new ExporterUnderTest(context, port);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String metricsUrl() {
    return url() + "/metrics";
  }

  /** The crash reports whose {@code field} (containerName, stableName) is {@code value}. */
  List<JsonNode> crashReports(String field, String value) {
    try {
      JsonNode all = new ObjectMapper().readTree(Http.get(url() + "/api/v1/crashes?limit=500").body());
      List<JsonNode> out = new ArrayList<>();
      all.forEach(r -> {
        if (value.equals(r.get(field).asText())) {
          out.add(r);
        }
      });
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
