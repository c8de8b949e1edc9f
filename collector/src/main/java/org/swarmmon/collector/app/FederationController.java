package org.swarmmon.collector.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ConfigReloader;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.web.Federation;
import org.swarmmon.collector.web.Selectors;
import org.swarmmon.exportertoolkit.MetricsServer;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.Matcher;

/**
 * {@code GET /federate}, as Prometheus serves it: from local storage only (remote read is not
 * federated), in the text format 0.0.4, gzip-compressed when the client accepts it.
 */
@RestController
public class FederationController {

  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final Storage storage;
  private final PromqlEngine engine;
  private final ConfigReloader reloader;
  private final Clock clock;
  private final Counter errors;

  public FederationController(Storage storage, PromqlEngine engine, ConfigReloader reloader, Clock clock,
      MeterRegistry registry) {
    this.storage = storage;
    this.engine = engine;
    this.reloader = reloader;
    this.clock = clock;
    this.errors = Counter.builder("prometheus_web_federation_errors")
        .description("Total number of errors that occurred while sending federation responses.").register(registry);
    Counter.builder("prometheus_web_federation_warnings")
        .description("Total number of warnings that occurred while sending federation responses.").register(registry);
  }

  @GetMapping("/federate")
  public ResponseEntity<byte[]> federate(HttpServletRequest request) {
    Config config = reloader.current();
    if (config == null) {
      return plain(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable");
    }
    String[] params = request.getParameterValues("match[]");
    List<List<Matcher>> selectors = new ArrayList<>();
    try {
      for (String p : params == null ? new String[0] : params) {
        selectors.add(Selectors.metricSelector(p));
      }
    } catch (IllegalArgumentException e) {
      return plain(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    List<Federation.Sample> samples;
    try {
      samples = Federation.latest(storage, selectors, clock.millis(), engine.options().lookbackDelta().toMillis());
    } catch (RuntimeException e) {
      errors.increment();
      return plain(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
    }
    Labels external = config.global().externalLabels();
    StringBuilder text = new StringBuilder();
    Federation.write(samples, external, text);
    byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, TEXT_FORMAT);
    if (MetricsServer.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
      headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
      body = gzip(body);
    }
    return new ResponseEntity<>(body, headers, HttpStatus.OK);
  }

  /** As Go's http.Error: the message and a newline, plain text. */
  private static ResponseEntity<byte[]> plain(HttpStatus status, String message) {
    return ResponseEntity.status(status)
        .header(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .header("X-Content-Type-Options", "nosniff")
        .body((message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
