package org.swarmmon.collector.app;

import jakarta.servlet.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.swarmmon.webconfig.WebConfig;
import org.swarmmon.webconfig.spring.WebConfigServer;

/**
 * Applies --web.config.file: basic auth in front of every endpoint (the UI, the API, admin, reload
 * and metrics alike, as exporter-toolkit does) and TLS on the listener. Credentials are never logged.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(WebSecurityConfiguration.class);

  @Bean
  public FilterRegistrationBean<Filter> basicAuthFilter(WebConfig webConfig) {
    if (webConfig.authEnabled()) {
      LOG.info("basic authentication enabled for {} user(s)", webConfig.basicAuthUsers().size());
    }
    return WebConfigServer.basicAuthFilter(webConfig);
  }

  /**
   * Accepts raw {@code [ ] { } " < > | ^ `} in query strings as Prometheus (Go's net/http) does:
   * curl users and some clients send {@code match[]=up{job="x"}} unencoded.
   */
  @Bean
  public WebServerFactoryCustomizer<TomcatServletWebServerFactory> relaxedQueryChars() {
    return factory -> factory.addConnectorCustomizers(connector -> {
      connector.setProperty("relaxedQueryChars", "[]{}|^`\"<>\\");
      connector.setProperty("relaxedPathChars", "[]{}|^`\"<>\\");
    });
  }

  @Bean
  public WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> tlsFromWebConfig(WebConfig webConfig) {
    if (webConfig.tls() != null) {
      LOG.info("TLS enabled with certificate {}", webConfig.tls().certFile());
    }
    return WebConfigServer.tls(webConfig);
  }
}
