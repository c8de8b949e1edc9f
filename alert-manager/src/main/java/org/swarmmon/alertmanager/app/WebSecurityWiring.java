package org.swarmmon.alertmanager.app;

import jakarta.servlet.Filter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.swarmmon.webconfig.WebConfig;
import org.swarmmon.webconfig.WebConfigException;
import org.swarmmon.webconfig.spring.WebConfigServer;

/**
 * Applies {@code --web.config.file} as Alertmanager does: basic auth on every endpoint (401 with
 * {@code WWW-Authenticate: Basic}) and TLS from PEM files on the embedded server.
 */
@Configuration
public class WebSecurityWiring {

  private static final Logger LOG = LoggerFactory.getLogger(WebSecurityWiring.class);

  @Bean
  WebConfig webConfig(AlertManagerProperties props) throws WebConfigException {
    String file = props.webConfigFile();
    if (file == null || file.isEmpty()) {
      return WebConfig.NONE;
    }
    try {
      WebConfig config = WebConfig.load(Path.of(file));
      LOG.info("web config file={} basic_auth_users={} tls={}", file, config.basicAuthUsers().size(),
          config.tls() != null);
      return config;
    } catch (WebConfigException e) {
      LOG.error("Unable to load web configuration file file={} err=\"{}\"", file, e.getMessage());
      throw e;
    }
  }

  @Bean
  WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> tlsFromWebConfig(WebConfig config) {
    return WebConfigServer.tls(config);
  }

  @Bean
  FilterRegistrationBean<Filter> basicAuthFilter(WebConfig config) {
    return WebConfigServer.basicAuthFilter(config);
  }
}
