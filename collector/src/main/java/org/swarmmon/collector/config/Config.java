package org.swarmmon.collector.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.swarmmon.collector.relabel.RelabelConfig;
import org.swarmmon.labels.Labels;

/** A whole {@code prometheus.yml}, decoded and validated. */
public record Config(
    Global global,
    List<String> ruleFiles,
    List<ScrapeConfig> scrapeConfigs,
    Alerting alerting,
    List<RemoteWrite> remoteWrite,
    List<RemoteRead> remoteRead,
    String source) {

  public Config {
    ruleFiles = List.copyOf(ruleFiles);
    scrapeConfigs = List.copyOf(scrapeConfigs);
    remoteWrite = List.copyOf(remoteWrite);
    remoteRead = List.copyOf(remoteRead);
  }

  /** The scrape config of {@code jobName}, or null. */
  public ScrapeConfig scrapeConfig(String jobName) {
    return scrapeConfigs.stream().filter(c -> c.jobName().equals(jobName)).findFirst().orElse(null);
  }

  /** {@code global}. */
  public record Global(
      Duration scrapeInterval,
      Duration scrapeTimeout,
      Duration evaluationInterval,
      Labels externalLabels,
      String queryLogFile) {
    public static final Global DEFAULT =
        new Global(Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Labels.EMPTY, "");
  }

  /** {@code alerting}. */
  public record Alerting(List<RelabelConfig> alertRelabelConfigs, List<Alertmanager> alertmanagers) {
    public static final Alerting NONE = new Alerting(List.of(), List.of());
  }

  /** One {@code alerting.alertmanagers} entry. */
  public record Alertmanager(
      String scheme,
      String pathPrefix,
      Duration timeout,
      String apiVersion,
      HttpClientConfig http,
      List<RelabelConfig> relabelConfigs,
      DiscoveryConfigs discovery) {}

  /** One {@code remote_write} entry; exemplars and native histograms are never sent. */
  public record RemoteWrite(
      String url,
      Duration remoteTimeout,
      Map<String, String> headers,
      String name,
      List<RelabelConfig> writeRelabelConfigs,
      HttpClientConfig http,
      Queue queue,
      boolean sendExemplars,
      boolean sendNativeHistograms,
      Metadata metadata) {}

  /**
   * {@code metadata_config}, with Prometheus 2.42's defaults. Read and shown by
   * {@code status/config}; this collector sends no metadata.
   */
  public record Metadata(boolean send, Duration sendInterval, int maxSamplesPerSend) {
    public static final Metadata DEFAULT = new Metadata(true, Duration.ofMinutes(1), 500);
  }

  /** {@code queue_config}, with Prometheus 2.42's defaults (a 429 is not retried unless asked). */
  public record Queue(
      int capacity,
      int maxShards,
      int minShards,
      int maxSamplesPerSend,
      Duration batchSendDeadline,
      Duration minBackoff,
      Duration maxBackoff,
      boolean retryOnHttp429) {
    public static final Queue DEFAULT =
        new Queue(2500, 200, 1, 500, Duration.ofSeconds(5), Duration.ofMillis(30),
            Duration.ofSeconds(5), false);
  }

  /** One {@code remote_read} entry. */
  public record RemoteRead(
      String url,
      Duration remoteTimeout,
      Map<String, String> headers,
      String name,
      Map<String, String> requiredMatchers,
      boolean readRecent,
      HttpClientConfig http,
      boolean filterExternalLabels) {}
}
