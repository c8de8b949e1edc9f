package org.swarmmon.exportertoolkit.spring;

import java.net.InetSocketAddress;
import org.springframework.core.env.Environment;

/** Where a {@link org.swarmmon.exportertoolkit.MetricsServer} listens: Spring Boot's {@code server.address} and {@code server.port}. */
public final class ListenAddress {

  private ListenAddress() {}

  /** {@code server.address} (blank: every interface) and {@code server.port}, else {@code defaultPort}. */
  public static InetSocketAddress of(Environment env, int defaultPort) {
    String host = env.getProperty("server.address", "");
    int port = env.getProperty("server.port", Integer.class, defaultPort);
    return host.isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
