package org.swarmmon.dockerdexporter.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.exportertoolkit.Backoff;

/**
 * Posts crash alerts to an Alertmanager (API v2, {@code POST /api/v2/alerts}) on its own thread.
 * Alerts waiting to go are keyed by their labels, so a crash loop while Alertmanager is down
 * leaves one pending alert (the newest), not a queue; failures are retried with backoff and never
 * reach the rest of the exporter.
 */
public final class AlertDelivery implements Consumer<CrashReport>, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AlertDelivery.class.getName());

  private final URI endpoint;
  private final CrashAlerts alerts;
  private final Backoff backoff;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Object, Map<String, Object>> pending = new LinkedHashMap<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "alert-delivery");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private boolean scheduled;

  /** {@code alertmanagerUrl} is the base URL, e.g. http://alert-manager:9093. */
  public AlertDelivery(String alertmanagerUrl, CrashAlerts alerts, Backoff backoff) {
    String base = alertmanagerUrl.endsWith("/") ? alertmanagerUrl.substring(0, alertmanagerUrl.length() - 1)
        : alertmanagerUrl;
    this.endpoint = URI.create(base + "/api/v2/alerts");
    this.alerts = alerts;
    this.backoff = backoff;
  }

  @Override
  public void accept(CrashReport report) {
    Map<String, Object> alert = alerts.alert(report);
    synchronized (pending) {
      pending.put(alert.get("labels"), alert);
      if (!scheduled) {
        scheduled = true;
        thread.execute(this::deliver);
      }
    }
  }

  private void deliver() {
    List<Map<String, Object>> batch;
    synchronized (pending) {
      batch = new ArrayList<>(pending.values());
      pending.clear();
    }
    String problem = post(batch);
    synchronized (pending) {
      if (problem == null) {
        sent.addAndGet(batch.size());
        backoff.succeeded();
      } else {
        failures.incrementAndGet();
        for (Map<String, Object> alert : batch) {
          pending.putIfAbsent(alert.get("labels"), alert);
        }
      }
      if (pending.isEmpty()) {
        scheduled = false;
        return;
      }
    }
    Duration delay = problem == null ? Duration.ZERO : backoff.failed();
    if (problem != null) {
      LOG.log(Level.WARNING, "cannot deliver {0} crash alert(s) to {1}: {2}; retrying in {3}",
          new Object[] {batch.size(), endpoint, problem, delay});
    }
    thread.schedule(this::deliver, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Null when Alertmanager accepted the alerts, else what went wrong. */
  private String post(List<Map<String, Object>> batch) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch)))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return null;
      }
      return "HTTP " + response.statusCode() + ": " + response.body();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  public long sent() {
    return sent.get();
  }

  public long failures() {
    return failures.get();
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
