package org.swarmmon.collector.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.swarmmon.collector.config.ConfigException;
import org.swarmmon.collector.config.ConfigReloader;
import org.swarmmon.collector.discovery.DiscoveryManager;
import org.swarmmon.collector.remote.FanoutAppendable;
import org.swarmmon.collector.remote.RemoteReadManager;
import org.swarmmon.collector.remote.RemoteWriteManager;
import org.swarmmon.collector.remote.RemoteWriteReceiver;
import org.swarmmon.collector.scrape.ScrapeManager;
import org.swarmmon.collector.storage.Storage;

/**
 * Wires configuration, discovery, scraping and remote write around the storage, and applies the
 * configuration at start (a bad file at start stops the collector, as Prometheus exits).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CollectorProperties.class)
public class IngestionWiring {

  private static final Logger LOG = LoggerFactory.getLogger(IngestionWiring.class);

  @Bean
  @ConditionalOnMissingBean
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  public ConfigReloader configReloader(CollectorProperties properties, Clock clock)
      throws IOException {
    String file = properties.getConfigFile();
    if (file == null || file.isBlank()) {
      try (InputStream in = IngestionWiring.class.getResourceAsStream("/prometheus.yml")) {
        String bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new ConfigReloader(null, bundled, clock);
      }
    }
    return new ConfigReloader(Path.of(file), null, clock);
  }

  @Bean(destroyMethod = "close")
  public RemoteWriteManager remoteWriteManager() {
    return new RemoteWriteManager();
  }

  /** What scraping (and rules) append to: local storage, then the remote-write queues. */
  @Bean
  public FanoutAppendable fanoutAppendable(Storage storage, RemoteWriteManager remote) {
    return new FanoutAppendable(storage, remote);
  }

  @Bean(destroyMethod = "close")
  public ScrapeManager scrapeManager(FanoutAppendable appendable, Clock clock) {
    return new ScrapeManager(appendable, clock);
  }

  @Bean(destroyMethod = "close")
  public DiscoveryManager discoveryManager(ScrapeManager scrapeManager, Clock clock,
      CollectorProperties properties) {
    return new DiscoveryManager(clock, scrapeManager::updateTargets,
        properties.getFileSdPollInterval(), properties.getConsulMaxBackoff());
  }

  @Bean
  public RemoteWriteReceiver remoteWriteReceiver(Storage storage) {
    return new RemoteWriteReceiver(storage);
  }

  /** SIGHUP reloads the configuration, as it does for Prometheus. */
  private static void reloadOnSighup(ConfigReloader reloader) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        try {
          reloader.reload();
        } catch (ConfigException e) {
          LOG.error("reload on SIGHUP refused: {}", e.getMessage());
        }
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.info("SIGHUP reloads unavailable on this platform: {}", e.getMessage());
    }
  }

  /** Applies the configuration once everything is wired, then watches the file for changes. */
  @Bean
  public SmartLifecycle configLifecycle(ConfigReloader reloader, ScrapeManager scrape,
      DiscoveryManager discovery, RemoteWriteManager remote, RemoteReadManager remoteRead,
      CollectorProperties properties) {
    return new SmartLifecycle() {
      private ScheduledExecutorService watcher;
      private volatile boolean running;

      @Override
      public void start() {
        reloader.onApply(remote::applyConfig);
        reloader.onApply(remoteRead::applyConfig);
        reloader.onApply(scrape::applyConfig);
        reloader.onApply(discovery::applyConfig);
        try {
          reloader.reload();
        } catch (ConfigException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
        reloadOnSighup(reloader);
        Duration every = properties.getConfigCheckInterval();
        if (reloader.file() != null && !every.isZero() && !every.isNegative()) {
          watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "config-watcher");
            t.setDaemon(true);
            return t;
          });
          watcher.scheduleWithFixedDelay(() -> {
            try {
              if (reloader.reloadIfChanged()) {
                LOG.info("configuration file changed; reload {}",
                    reloader.lastReloadSuccessful() ? "applied" : "refused");
              }
            } catch (RuntimeException e) {
              LOG.warn("checking the configuration file failed", e);
            }
          }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        running = true;
      }

      @Override
      public void stop() {
        if (watcher != null) {
          watcher.shutdownNow();
        }
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
