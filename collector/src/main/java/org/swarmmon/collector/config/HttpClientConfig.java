package org.swarmmon.collector.config;

/** How to reach an HTTP endpoint: Prometheus's common {@code http_client_config}. */
public record HttpClientConfig(
    BasicAuth basicAuth,
    Authorization authorization,
    TlsConfig tls,
    String proxyUrl,
    boolean followRedirects,
    boolean enableHttp2) {

  public static final HttpClientConfig DEFAULT =
      new HttpClientConfig(null, null, TlsConfig.NONE, "", true, true);

  /** {@code basic_auth}; the password comes inline or from {@code password_file}. */
  public record BasicAuth(String username, String password, String passwordFile) {}

  /** {@code authorization} (or the old {@code bearer_token}/{@code bearer_token_file}). */
  public record Authorization(String type, String credentials, String credentialsFile) {}

  /**
   * {@code tls_config}. The CA, client certificate and key come inline (PEM text) or from a
   * file, at most one of each; {@code minVersion}/{@code maxVersion} are Go's names
   * ({@code TLS10}..{@code TLS13}) or empty.
   */
  public record TlsConfig(
      String ca, String cert, String key, String caFile, String certFile, String keyFile,
      String serverName, boolean insecureSkipVerify, String minVersion, String maxVersion) {
    public static final TlsConfig NONE = new TlsConfig("", "", "", "", "", "", "", false, "", "");

    /** Go's {@code tls.VersionTLS1x} constants, which Prometheus 2.42 prints as numbers. */
    public static int versionNumber(String name) {
      return switch (name) {
        case "TLS10" -> 0x0301;
        case "TLS11" -> 0x0302;
        case "TLS12" -> 0x0303;
        case "TLS13" -> 0x0304;
        default -> throw new IllegalArgumentException("unknown TLS version: " + name);
      };
    }

    @Override
    public String toString() {
      return "TlsConfig[caFile=" + caFile + ", certFile=" + certFile + ", keyFile=" + keyFile
          + ", serverName=" + serverName + ", insecureSkipVerify=" + insecureSkipVerify
          + ", minVersion=" + minVersion + ", maxVersion=" + maxVersion + "]";
    }
  }
}
