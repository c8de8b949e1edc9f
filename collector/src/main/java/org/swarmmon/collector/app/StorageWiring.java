package org.swarmmon.collector.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.swarmmon.collector.config.Config;
import org.swarmmon.collector.config.ConfigReloader;
import org.swarmmon.collector.remote.RemoteReadHandler;
import org.swarmmon.collector.remote.RemoteReadManager;
import org.swarmmon.collector.storage.FanoutQueryable;
import org.swarmmon.collector.storage.Storage;
import org.swarmmon.collector.tsdb.Tsdb;
import org.swarmmon.collector.tsdb.TsdbOptions;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;

/**
 * Opens the embedded TSDB as the collector's {@link Storage}, and the {@link FanoutQueryable} that
 * queries read: local storage with the {@code remote_read} endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class StorageWiring {

  @Bean
  public RemoteReadManager remoteReadManager(Storage storage, Clock clock) {
    return new RemoteReadManager(storage::startTime, clock);
  }

  @Bean
  public FanoutQueryable fanoutQueryable(Storage storage, RemoteReadManager remoteRead) {
    return new FanoutQueryable(storage, remoteRead);
  }

  /** {@code POST /api/v1/read} answers from what queries read, as Prometheus's fanout storage. */
  @Bean
  public RemoteReadHandler remoteReadHandler(FanoutQueryable queryable, ConfigReloader reloader,
      CollectorProperties properties) {
    CollectorProperties.Storage s = properties.getStorage();
    return new RemoteReadHandler(queryable, () -> {
      Config c = reloader.current();
      return c == null ? Labels.EMPTY : c.global().externalLabels();
    }, s.getRemoteReadSampleLimit(), s.getRemoteReadConcurrentLimit(), s.getRemoteReadMaxBytesInFrame());
  }

  @Bean(destroyMethod = "close")
  public Storage storage(CollectorProperties properties, Clock clock) throws IOException {
    CollectorProperties.Storage s = properties.getStorage();
    TsdbOptions.Builder options = TsdbOptions.builder(Path.of(s.getPath()));
    Duration retention = retentionTime(s.getRetentionTime());
    if (retention != null) {
      options.retentionTime(retention);
    }
    options.retentionSizeBytes(bytes(s.getRetentionSize()));
    return Tsdb.open(options.build(), clock);
  }

  static Duration retentionTime(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Duration d = PromDuration.parse(text.trim());
    return d.isZero() ? null : d;
  }

  /** Prometheus's byte sizes ({@code 512MB}, {@code 1GB}; units of 1024), 0 when empty. */
  static long bytes(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    String t = text.trim().toUpperCase(Locale.ROOT);
    String[] units = {"EB", "PB", "TB", "GB", "MB", "KB", "B"};
    int[] shifts = {60, 50, 40, 30, 20, 10, 0};
    for (int i = 0; i < units.length; i++) {
      if (t.endsWith(units[i])) {
        String number = t.substring(0, t.length() - units[i].length());
        try {
          return Long.parseLong(number) << shifts[i];
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new IllegalArgumentException("invalid size for --storage.tsdb.retention.size: " + text);
  }
}
