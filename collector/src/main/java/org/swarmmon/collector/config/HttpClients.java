package org.swarmmon.collector.config;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Builds {@link HttpClient}s and authorization headers from Prometheus's {@code
 * http_client_config}: basic auth (password or password_file), authorization/bearer token
 * (inline or file, re-read at each request as Prometheus does) and {@code tls_config} (see
 * {@link TlsContexts}).
 */
public final class HttpClients {

  /** What Prometheus 2.42 sends on scrapes, remote read and write and alert hand-off alike. */
  public static final String USER_AGENT = "Prometheus/2.42.0";

  static {
    // The JDK client reads a body in buffers of this size (16 KiB by default), each passed on
    // through its flow and the body stream's queue; a 100-200 KiB scrape takes a few 64 KiB reads
    // instead of a dozen 16 KiB ones (about a third less client CPU per scrape, measured in
    // docs/benchmarks.md). Only effective before the JDK client's first use; a value given on the
    // command line wins.
    System.getProperties().putIfAbsent("jdk.httpclient.bufsize", "65536");
  }

  private HttpClients() {}

  public static HttpClient build(HttpClientConfig cfg, Duration connectTimeout) {
    HttpClient.Builder b = HttpClient.newBuilder()
        // the client's own steps run on its selector thread instead of being handed to a worker
        // pool (18 % less client CPU per scrape, docs/benchmarks.md §1c); every caller uses the
        // blocking send() with the JDK's body handlers, so no caller code runs there
        .executor(Runnable::run)
        .connectTimeout(connectTimeout)
        .followRedirects(cfg.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
        // HTTP/2 would make every plain-http request try an h2c upgrade; Prometheus speaks
        // HTTP/1.1 to plain-http targets, so HTTP/2 is used only where TLS negotiates it
        .version(cfg.enableHttp2() && cfg.tls() != null && !cfg.tls().equals(HttpClientConfig.TlsConfig.NONE)
            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    if (cfg.tls() != null && !cfg.tls().equals(HttpClientConfig.TlsConfig.NONE)) {
      b.sslContext(TlsContexts.sslContext(cfg.tls()));
      b.sslParameters(TlsContexts.sslParameters(cfg.tls()));
    }
    if (cfg.proxyUrl() != null && !cfg.proxyUrl().isEmpty()) {
      proxy(b, URI.create(cfg.proxyUrl()));
    }
    return b.build();
  }

  /**
   * Every request through the proxy of {@code proxyUrl} (the loader checked it is an http(s) URL
   * with a host); its user and password, if any, answer the proxy's 407 Basic challenge.
   */
  private static void proxy(HttpClient.Builder b, URI proxyUrl) {
    int port = proxyUrl.getPort() >= 0 ? proxyUrl.getPort() : proxyUrl.getScheme().equals("https") ? 443 : 80;
    b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxyUrl.getHost(), port)));
    String userInfo = proxyUrl.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      char[] password = colon < 0 ? new char[0] : userInfo.substring(colon + 1).toCharArray();
      b.authenticator(new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
          return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(user, password) : null;
        }
      });
    }
  }

  /** The Authorization header value, or null. */
  public static String authorization(HttpClientConfig cfg) throws IOException {
    if (cfg.basicAuth() != null) {
      HttpClientConfig.BasicAuth ba = cfg.basicAuth();
      String password = ba.passwordFile().isEmpty()
          ? ba.password() : Files.readString(Path.of(ba.passwordFile())).strip();
      String raw = ba.username() + ":" + password;
      return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
    if (cfg.authorization() != null) {
      HttpClientConfig.Authorization a = cfg.authorization();
      String credentials = a.credentialsFile().isEmpty()
          ? a.credentials() : Files.readString(Path.of(a.credentialsFile())).strip();
      return a.type() + " " + credentials;
    }
    return null;
  }
}
