package org.swarmmon.collector.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.swarmmon.collector.relabel.RelabelConfig;

/**
 * One {@code scrape_configs} entry, with Prometheus's defaults filled in. {@code bodySizeLimit}
 * (bytes, 0 = none) is read and shown by {@code status/config}; the scraper does not enforce it.
 */
public record ScrapeConfig(
    String jobName,
    Duration scrapeInterval,
    Duration scrapeTimeout,
    String metricsPath,
    String scheme,
    Map<String, List<String>> params,
    boolean honorLabels,
    boolean honorTimestamps,
    HttpClientConfig http,
    long bodySizeLimit,
    long sampleLimit,
    long labelLimit,
    long labelNameLengthLimit,
    long labelValueLengthLimit,
    long targetLimit,
    List<RelabelConfig> relabelConfigs,
    List<RelabelConfig> metricRelabelConfigs,
    DiscoveryConfigs discovery) {

  public ScrapeConfig {
    params = Map.copyOf(params);
    relabelConfigs = List.copyOf(relabelConfigs);
    metricRelabelConfigs = List.copyOf(metricRelabelConfigs);
  }
}
