package org.swarmmon.alertmanager.app;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.config.Config;
import org.swarmmon.alertmanager.config.ConfigException;
import org.swarmmon.exportertoolkit.ProcessCollector;

/** /-/healthy, /-/ready, /-/reload and /metrics, as Alertmanager serves them. */
@RestController
public class OperationsController {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsController.class);

  private final AlertManager am;
  private final ConfigSource source;
  private final ApplicationAvailability availability;

  public OperationsController(AlertManager am, ConfigSource source, ApplicationAvailability availability) {
    this.am = am;
    this.source = source;
    this.availability = availability;
    ProcessCollector.register(am.registry()); // Alertmanager's /metrics has the process_* families
  }

  @RequestMapping(path = "/-/healthy", method = {RequestMethod.GET, RequestMethod.HEAD})
  public ResponseEntity<String> healthy() {
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("OK");
  }

  /** 503 until Spring reports the application ready, i.e. until the start-up warm-up is done (see StartupWarmup). */
  @RequestMapping(path = "/-/ready", method = {RequestMethod.GET, RequestMethod.HEAD})
  public ResponseEntity<String> ready() {
    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      return ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body("Service Unavailable");
    }
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("OK");
  }

  @PostMapping("/-/reload")
  public ResponseEntity<String> reload() {
    try {
      Config config = source.load();
      am.applyConfig(config);
      LOG.info("Completed loading of configuration file file={}", source.path());
      return ResponseEntity.ok().build();
    } catch (ConfigException | java.io.UncheckedIOException e) {
      LOG.error("Loading configuration file failed file={} err=\"{}\"", source.path(), e.getMessage());
      return ResponseEntity.internalServerError().contentType(MediaType.TEXT_PLAIN)
          .body("failed to reload config: " + e.getMessage() + "\n");
    }
  }

  @GetMapping("/metrics")
  public ResponseEntity<byte[]> metrics() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, am.registry().scrape());
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8"))
        .body(out.toByteArray());
  }
}
