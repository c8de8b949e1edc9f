package org.swarmmon.webconfig.spring;

import jakarta.servlet.Filter;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.swarmmon.webconfig.BasicAuth;
import org.swarmmon.webconfig.BasicAuthFilter;
import org.swarmmon.webconfig.WebConfig;

/** Applies a {@link WebConfig} to a Spring Boot servlet server: TLS on the listener, basic auth in front of it. */
public final class WebConfigServer {

  private WebConfigServer() {}

  /** TLS from the PEM files, with client certificates as client_auth_type asks; nothing without tls_server_config. */
  public static WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> tls(WebConfig config) {
    return factory -> {
      WebConfig.Tls tls = config.tls();
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
    };
  }

  /** Basic auth on every path, first in the filter chain; a pass-through without basic_auth_users. */
  public static FilterRegistrationBean<Filter> basicAuthFilter(WebConfig config) {
    Filter filter = config.authEnabled()
        ? new BasicAuthFilter(new BasicAuth(config.basicAuthUsers(), new BCryptPasswordEncoder()::matches))
        : (request, response, chain) -> chain.doFilter(request, response);
    FilterRegistrationBean<Filter> bean = new FilterRegistrationBean<>(filter);
    bean.addUrlPatterns("/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    bean.setName("webConfigBasicAuth");
    return bean;
  }
}
