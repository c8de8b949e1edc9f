package org.swarmmon.collector.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.swarmmon.collector.targetgroup.TargetGroup;

/** The service discovery sections of a scrape (or Alertmanager) config. */
public record DiscoveryConfigs(
    List<TargetGroup> staticConfigs,
    List<FileSd> fileSd,
    List<DnsSd> dnsSd,
    List<ConsulSd> consulSd) {

  public static final DiscoveryConfigs NONE =
      new DiscoveryConfigs(List.of(), List.of(), List.of(), List.of());

  public DiscoveryConfigs {
    staticConfigs = List.copyOf(staticConfigs);
    fileSd = List.copyOf(fileSd);
    dnsSd = List.copyOf(dnsSd);
    consulSd = List.copyOf(consulSd);
  }

  /** {@code file_sd_configs}: files (globs allowed in the last path element), re-read on change. */
  public record FileSd(List<String> files, Duration refreshInterval) {}

  /** {@code dns_sd_configs}: A, AAAA or SRV lookups of {@code names}. */
  public record DnsSd(List<String> names, String type, int port, Duration refreshInterval) {}

  /**
   * {@code consul_sd_configs}. {@code healthFilter} is ours: which health states to keep; the
   * default, {@code passing}, keeps only healthy instances.
   */
  public record ConsulSd(
      String server,
      String pathPrefix,
      String token,
      String datacenter,
      String namespace,
      String partition,
      String scheme,
      List<String> services,
      List<String> tags,
      Map<String, String> nodeMeta,
      String tagSeparator,
      boolean allowStale,
      Duration refreshInterval,
      String filter,
      String healthFilter,
      HttpClientConfig http) {}
}
