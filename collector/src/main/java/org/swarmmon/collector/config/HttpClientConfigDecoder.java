package org.swarmmon.collector.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.UnaryOperator;

/**
 * Reads the HTTP client fields of Prometheus's common config ({@code basic_auth},
 * {@code authorization}, {@code bearer_token}, {@code tls_config}, {@code proxy_url}, ...) with
 * the checks and error texts of Prometheus 2.42; file paths go through the loader's resolver.
 */
final class HttpClientConfigDecoder {

  private final Decoder decoder;
  private final UnaryOperator<String> resolve;

  HttpClientConfigDecoder(Decoder decoder, UnaryOperator<String> resolve) {
    this.decoder = decoder;
    this.resolve = resolve;
  }

  /** The common HTTP client fields, read from the enclosing struct (they are inlined). */
  HttpClientConfig read(Decoder.Fields f) throws ConfigException {
    HttpClientConfig.BasicAuth basic = f.object("basic_auth", this::basicAuth, null);
    HttpClientConfig.Authorization auth = f.object("authorization", this::authorization, null);
    String bearer = f.string("bearer_token", "");
    String bearerFile = f.string("bearer_token_file", "");
    if (f.has("oauth2")) {
      f.node("oauth2");
      throw f.invalidAt("oauth2", "oauth2 is not supported by this collector");
    }
    HttpClientConfig.TlsConfig tls = f.object("tls_config", this::tls, HttpClientConfig.TlsConfig.NONE);
    String proxy = f.string("proxy_url", "");
    if (!proxy.isEmpty()) {
      URI u;
      try {
        u = new URI(proxy);
      } catch (URISyntaxException e) {
        throw f.invalidAt("proxy_url", "parse \"" + proxy + "\": " + e.getReason());
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme();
      if (!scheme.equals("http") && !scheme.equals("https")) {
        // the JDK's HTTP client speaks to HTTP proxies only
        throw f.invalidAt("proxy_url", "proxy scheme \"" + scheme
            + "\" is not supported by this collector (only http and https proxies)");
      }
      if (u.getHost() == null) {
        throw f.invalidAt("proxy_url", "proxy_url \"" + proxy + "\" has no host");
      }
    }
    boolean follow = f.bool("follow_redirects", true);
    boolean http2 = f.bool("enable_http2", true);
    if (f.has("proxy_connect_header")) {
      f.node("proxy_connect_header");
      if (proxy.isEmpty()) {
        throw f.invalidAt("proxy_connect_header",
            "if proxy_connect_header is configured proxy_url must also be configured");
      }
      // the JDK's HTTP client sends no headers of ours on a proxy's CONNECT
      throw f.invalidAt("proxy_connect_header", "proxy_connect_header is not supported by this collector");
    }
    if (!bearer.isEmpty() && !bearerFile.isEmpty()) {
      throw f.invalidAt("bearer_token_file",
          "at most one of bearer_token & bearer_token_file must be configured");
    }
    if ((!bearer.isEmpty() || !bearerFile.isEmpty()) && (basic != null || auth != null)) {
      throw f.invalidAt(basic != null ? "basic_auth" : "authorization",
          "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    }
    if (basic != null && auth != null) {
      throw f.invalidAt("authorization",
          "at most one of basic_auth, oauth2 & authorization must be configured");
    }
    if (!bearer.isEmpty() || !bearerFile.isEmpty()) {
      auth = new HttpClientConfig.Authorization("Bearer", bearer, resolve.apply(bearerFile));
    }
    return new HttpClientConfig(basic, auth, tls, proxy, follow, http2);
  }

  private HttpClientConfig.BasicAuth basicAuth(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.plain");
    String user = f.string("username", "");
    String password = f.string("password", "");
    String passwordFile = f.string("password_file", "");
    f.done();
    if (!password.isEmpty() && !passwordFile.isEmpty()) {
      throw f.invalidAt("password_file",
          "at most one of basic_auth password & password_file must be configured");
    }
    return new HttpClientConfig.BasicAuth(user, password, resolve.apply(passwordFile));
  }

  private HttpClientConfig.Authorization authorization(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.Authorization");
    String type = f.string("type", "Bearer");
    String credentials = f.string("credentials", "");
    String file = f.string("credentials_file", "");
    f.done();
    if (type.equalsIgnoreCase("basic")) {
      throw f.invalidAt("type",
          "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
    }
    if (!credentials.isEmpty() && !file.isEmpty()) {
      throw f.invalidAt("credentials_file",
          "at most one of authorization credentials & credentials_file must be configured");
    }
    return new HttpClientConfig.Authorization(
        type.isEmpty() ? "Bearer" : type, credentials, resolve.apply(file));
  }

  private HttpClientConfig.TlsConfig tls(YamlNode node) throws ConfigException {
    Decoder.Fields f = decoder.fields(node, "config.plain");
    String ca = f.string("ca", "");
    String cert = f.string("cert", "");
    String key = f.string("key", "");
    String caFile = f.string("ca_file", "");
    String certFile = f.string("cert_file", "");
    String keyFile = f.string("key_file", "");
    String serverName = f.string("server_name", "");
    boolean insecure = f.bool("insecure_skip_verify", false);
    String minVersion = f.check("min_version", HttpClientConfigDecoder::tlsVersion, "");
    String maxVersion = f.check("max_version", HttpClientConfigDecoder::tlsVersion, "");
    f.done();
    if (!ca.isEmpty() && !caFile.isEmpty()) {
      throw f.invalidAt("ca_file", "at most one of ca and ca_file must be configured");
    }
    if (!cert.isEmpty() && !certFile.isEmpty()) {
      throw f.invalidAt("cert_file", "at most one of cert and cert_file must be configured");
    }
    if (!key.isEmpty() && !keyFile.isEmpty()) {
      throw f.invalidAt("key_file", "at most one of key and key_file must be configured");
    }
    // Prometheus 2.42 words the file-only case its own way; the inline fields came later with
    // common's "exactly one of" texts
    if (!certFile.isEmpty() && cert.isEmpty() && key.isEmpty() && keyFile.isEmpty()) {
      throw f.invalidAt("cert_file",
          "client cert file \"" + certFile + "\" specified without client key file");
    }
    if (!keyFile.isEmpty() && key.isEmpty() && cert.isEmpty() && certFile.isEmpty()) {
      throw f.invalidAt("key_file",
          "client key file \"" + keyFile + "\" specified without client cert file");
    }
    boolean usingCert = !cert.isEmpty() || !certFile.isEmpty();
    boolean usingKey = !key.isEmpty() || !keyFile.isEmpty();
    if (usingCert && !usingKey) {
      throw f.invalidAt(cert.isEmpty() ? "cert_file" : "cert",
          "exactly one of key or key_file must be configured when a client certificate is configured");
    }
    if (usingKey && !usingCert) {
      throw f.invalidAt(key.isEmpty() ? "key_file" : "key",
          "exactly one of cert or cert_file must be configured when a client key is configured");
    }
    return new HttpClientConfig.TlsConfig(ca, cert, key, resolve.apply(caFile), resolve.apply(certFile),
        resolve.apply(keyFile), serverName, insecure, minVersion, maxVersion);
  }

  private static String tlsVersion(String text) {
    if (text == null) {
      throw new IllegalArgumentException("unknown TLS version: ");
    }
    HttpClientConfig.TlsConfig.versionNumber(text);
    return text;
  }
}
