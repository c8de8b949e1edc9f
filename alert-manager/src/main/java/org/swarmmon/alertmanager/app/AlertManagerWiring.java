package org.swarmmon.alertmanager.app;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.api.ApiV2;
import org.swarmmon.alertmanager.config.Config;
import org.swarmmon.alertmanager.config.ConfigException;
import org.swarmmon.alertmanager.config.ConfigLoader;
import org.swarmmon.alertmanager.notify.Sleeper;
import org.swarmmon.alertmanager.slack.SlackMessage;
import org.swarmmon.duration.PromDuration;

/** Builds the plain-Java alert-manager from the properties and starts it. */
@Configuration
@EnableConfigurationProperties(AlertManagerProperties.class)
public class AlertManagerWiring {

  private static final Logger LOG = LoggerFactory.getLogger(AlertManagerWiring.class);

  @Bean
  ConfigSource configSource(AlertManagerProperties props) {
    return new ConfigSource(Path.of(props.configFile()));
  }

  @Bean(destroyMethod = "close")
  AlertManager alertManager(AlertManagerProperties props, ConfigSource source, Environment env) throws Exception {
    Config config;
    try {
      config = source.load();
    } catch (ConfigException e) {
      LOG.error("Loading configuration file failed file={} err=\"{}\"", source.path(), e.getMessage());
      throw e;
    }
    if (props.clusterListenAddress() != null && !props.clusterListenAddress().isEmpty()) {
      LOG.info("gossip clustering is not used; replicas share work through Kafka (cluster.listen-address={})",
          props.clusterListenAddress());
    }
    String externalUrl = props.externalUrl();
    if (externalUrl == null || externalUrl.isEmpty()) {
      externalUrl = "http://" + InetAddress.getLocalHost().getHostName() + ":" + env.getProperty("server.port", "9093");
    }
    externalUrl = externalUrl.replaceAll("/+$", "");
    SlackMessage.Layout layout = "blocks".equalsIgnoreCase(props.slackLayout())
        ? SlackMessage.Layout.BLOCKS : SlackMessage.Layout.ATTACHMENTS;
    Path storage = Path.of(props.storagePath());
    Files.createDirectories(storage);
    AlertManager.Options options = new AlertManager.Options(storage, PromDuration.parse(props.retention()),
        externalUrl, layout, Sleeper.REAL);
    AlertManager am = new AlertManager(Clock.systemUTC(), options, config, new PrometheusRegistry());
    am.start();
    LOG.info("alert-manager started: config={} storage={} externalUrl={} slackLayout={}",
        source.path(), storage, externalUrl, layout.name().toLowerCase(Locale.ROOT));
    return am;
  }

  @Bean
  ApiV2 apiV2(AlertManager am, AlertManagerProperties props) {
    return new ApiV2(am, props.version());
  }
}
