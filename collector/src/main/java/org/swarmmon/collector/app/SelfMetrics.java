package org.swarmmon.collector.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;
import org.swarmmon.collector.promql.PromqlEngine;
import org.swarmmon.collector.remote.RemoteReadHandler;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.storage.StorageMetric;
import org.swarmmon.collector.storage.StorageStats;
import org.swarmmon.collector.warmup.WarmUpRoute;
import org.swarmmon.exportertoolkit.ProcessCollector;

/**
 * The collector's own metrics under Prometheus's names (prometheus_tsdb_*, prometheus_engine_*,
 * prometheus_http_requests_total{handler,code}, the standard process_*) on {@code /metrics}, beside
 * Micrometer's JVM meters.
 */
@Configuration(proxyBeanMethods = false)
public class SelfMetrics {

  /** Queries running now, for prometheus_engine_queries. */
  public static final AtomicInteger RUNNING_QUERIES = new AtomicInteger();

  @Bean
  public Object engineMeters(MeterRegistry registry, PromqlEngine engine) {
    Gauge.builder("prometheus_engine_queries", RUNNING_QUERIES, AtomicInteger::get)
        .description("The current number of queries being executed or waiting.").register(registry);
    Gauge.builder("prometheus_engine_queries_concurrent_max", engine, e -> e.options().maxConcurrent())
        .description("The max number of concurrent queries.").register(registry);
    return RUNNING_QUERIES;
  }

  @Bean
  public MeterBinder remoteReadMeters(RemoteReadHandler remoteRead) {
    return registry -> Gauge.builder("prometheus_api_remote_read_queries", remoteRead, RemoteReadHandler::queries)
        .description("The current number of remote read queries being executed or waiting.").register(registry);
  }

  /**
   * The process_* families Prometheus serves, on the client_java registry beneath Micrometer's
   * Prometheus registry.
   */
  @Bean
  public MeterBinder processMetrics() {
    return registry -> {
      if (registry instanceof PrometheusMeterRegistry prometheus) {
        ProcessCollector.register(prometheus.getPrometheusRegistry());
      }
    };
  }

  /**
   * Micrometer's process meters go: its process.start.time would be a second
   * process_start_time_seconds family, and the others (process_uptime_seconds, process_files_*,
   * process_cpu_usage) repeat the standard families under names Prometheus does not serve.
   */
  @Bean
  public MeterFilter onlyTheStandardProcessMetrics() {
    return MeterFilter.denyNameStartsWith("process.");
  }

  @Bean
  public FilterRegistrationBean<Filter> httpRequestsFilter(MeterRegistry registry, WarmUpRoute warmUpRoute) {
    // one counter per (handler, code), looked up without building a meter id on every request
    Map<String, Map<Integer, Counter>> counters = new ConcurrentHashMap<>();
    Filter filter = (request, response, chain) -> {
      try {
        chain.doFilter(request, response);
      } finally {
        // the start-up warm-up's own requests are not the users': Prometheus has no such requests
        if (!warmUpRoute.isWarmUp(((HttpServletRequest) request).getHeader(WarmUpRoute.HEADER))) {
          Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
          String handler = pattern == null ? "other" : pattern.toString();
          int code = ((HttpServletResponse) response).getStatus();
          counters.computeIfAbsent(handler, h -> new ConcurrentHashMap<>())
              .computeIfAbsent(code, c -> Counter.builder("prometheus_http_requests")
                  .description("Counter of HTTP requests.")
                  .tag("handler", handler).tag("code", Integer.toString(c)).register(registry))
              .increment();
        }
      }
    };
    FilterRegistrationBean<Filter> bean = new FilterRegistrationBean<>(filter);
    // after authentication: refused requests count too, with their 401
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    bean.addUrlPatterns("/*");
    return bean;
  }

  /**
   * Storage's metrics in the text format, written here rather than through Micrometer: Micrometer's
   * Prometheus registry refuses names such as prometheus_tsdb_head_series beside
   * prometheus_tsdb_head_series_created_total (it reserves {@code _created}).
   */
  static String storageText(List<StorageMetric> metrics) {
    StringBuilder sb = new StringBuilder();
    for (StorageMetric m : metrics) {
      sb.append("# HELP ").append(m.name()).append(' ')
          .append(m.help().replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
      sb.append("# TYPE ").append(m.name()).append(' ')
          .append(m.type() == StorageMetric.Type.COUNTER ? "counter" : "gauge").append('\n');
      sb.append(m.name()).append(' ').append(org.swarmmon.collector.web.ApiJson.number(m.value())).append('\n');
    }
    return sb.toString();
  }

  /** {@code /metrics}: what {@code /actuator/prometheus} shows, where Prometheus serves its own. */
  @RestController
  public static class MetricsEndpoint {
    private final ObjectProvider<PrometheusMeterRegistry> registries;
    private final Storage storage;

    public MetricsEndpoint(ObjectProvider<PrometheusMeterRegistry> registries, Storage storage) {
      this.registries = registries;
      this.storage = storage;
    }

    @GetMapping(path = "/metrics")
    public ResponseEntity<String> metrics() {
      PrometheusMeterRegistry registry = registries.getIfAvailable();
      if (registry == null) {
        return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN)
            .body("metrics export disabled (management.prometheus.metrics.export.enabled)\n");
      }
      return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8"))
          .body(registry.scrape() + (storage instanceof StorageStats stats ? storageText(stats.metrics()) : ""));
    }
  }
}
