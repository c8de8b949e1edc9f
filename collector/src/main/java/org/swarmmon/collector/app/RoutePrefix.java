package org.swarmmon.collector.app;

import java.net.URI;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prometheus's route prefix: {@code --web.route-prefix}, else the path of {@code
 * --web.external-url}, becomes the servlet context path, so a collector behind a reverse proxy
 * at {@code http://host/prometheus/} serves {@code /prometheus/api/v1/...} as Prometheus does. An
 * explicit {@code server.servlet.context-path} wins.
 */
public class RoutePrefix implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (env.containsProperty("server.servlet.context-path")) {
      return;
    }
    String prefix = of(env.getProperty("collector.web.route-prefix", ""), env.getProperty("collector.web.external-url", ""));
    if (!prefix.isEmpty()) {
      env.getPropertySources().addFirst(new MapPropertySource("collectorRoutePrefix",
          Map.of("server.servlet.context-path", prefix)));
    }
  }

  /**
   * As Prometheus computes it: the route prefix, else the external URL's path, with one leading
   * and no trailing slash; "" for the root.
   *
   * @throws IllegalArgumentException when the external URL does not parse
   */
  static String of(String routePrefix, String externalUrl) {
    String prefix = routePrefix;
    if (prefix.isEmpty() && !externalUrl.isEmpty()) {
      try {
        String path = URI.create(externalUrl).getRawPath();
        prefix = path == null ? "" : path;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid --web.external-url " + externalUrl + ": " + e.getMessage(), e);
      }
    }
    String trimmed = prefix.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? "" : "/" + trimmed;
  }
}
