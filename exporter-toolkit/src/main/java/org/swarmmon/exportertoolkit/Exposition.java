package org.swarmmon.exportertoolkit;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a scrape in the format the scraper asks for with its Accept header: OpenMetrics 1.0.0
 * when it lists {@code application/openmetrics-text}, else Prometheus text format 0.0.4.
 */
public final class Exposition {

  private static final ExpositionFormatWriter OPEN_METRICS = new OpenMetricsTextFormatWriter(false, false);
  private static final ExpositionFormatWriter TEXT = new PrometheusTextFormatWriter(false);

  /** A written body and its content type. */
  public record Body(String contentType, byte[] bytes) {}

  private Exposition() {}

  /** The writer for a scraper's Accept header (which may be null). */
  public static ExpositionFormatWriter writerFor(String acceptHeader) {
    return OPEN_METRICS.accepts(acceptHeader) ? OPEN_METRICS : TEXT;
  }

  public static Body write(MetricSnapshots snapshots, String acceptHeader) {
    ExpositionFormatWriter writer = writerFor(acceptHeader);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      writer.write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Body(writer.getContentType(), out.toByteArray());
  }
}
