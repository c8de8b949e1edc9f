package org.swarmmon.collector.app;

import jakarta.servlet.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.swarmmon.webconfig.BasicAuth;
import org.swarmmon.webconfig.BasicAuthFilter;
import org.swarmmon.webconfig.WebConfig;

/**
 * Applies --web.config.file: basic auth in front of every endpoint (the UI, the API, admin, reload
 * and metrics alike, as exporter-toolkit does) and TLS on the listener. Credentials are never logged.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(WebSecurityConfiguration.class);

  @Bean
  public FilterRegistrationBean<Filter> basicAuthFilter(WebConfig webConfig) {
    Filter filter = (request, response, chain) -> chain.doFilter(request, response);
    if (webConfig.authEnabled()) {
      LOG.info("basic authentication enabled for {} user(s)", webConfig.basicAuthUsers().size());
      filter = new BasicAuthFilter(new BasicAuth(webConfig.basicAuthUsers(), new BCryptPasswordEncoder()::matches));
    }
    FilterRegistrationBean<Filter> bean = new FilterRegistrationBean<>(filter);
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    bean.addUrlPatterns("/*");
    return bean;
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
    return factory -> {
      WebConfig.Tls tls = webConfig.tls();
      if (tls == null) {
        return;
      }
      Ssl ssl = new Ssl();
      ssl.setEnabled(true);
      ssl.setCertificate("file:" + tls.certFile());
      ssl.setCertificatePrivateKey("file:" + tls.keyFile());
      if (tls.clientCaFile() != null) {
        ssl.setTrustCertificate("file:" + tls.clientCaFile());
      }
      ssl.setClientAuth(switch (tls.clientAuth()) {
        case NoClientCert -> Ssl.ClientAuth.NONE;
        case RequestClientCert, VerifyClientCertIfGiven -> Ssl.ClientAuth.WANT;
        case RequireAnyClientCert, RequireAndVerifyClientCert -> Ssl.ClientAuth.NEED;
      });
      factory.setSsl(ssl);
      LOG.info("TLS enabled with certificate {}", tls.certFile());
    };
  }
}
