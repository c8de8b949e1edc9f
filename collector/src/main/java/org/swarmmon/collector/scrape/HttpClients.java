package org.swarmmon.collector.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.swarmmon.collector.config.HttpClientConfig;

/**
 * Builds {@link HttpClient}s and authorization headers from Prometheus's {@code
 * http_client_config}: basic auth (password or password_file), authorization/bearer token
 * (inline or file, re-read at each request as Prometheus does), TLS with a CA file, a client
 * certificate (PEM, PKCS#8 key) and insecure_skip_verify.
 */
public final class HttpClients {

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
        .connectTimeout(connectTimeout)
        .followRedirects(cfg.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
        // HTTP/2 would make every plain-http request try an h2c upgrade; Prometheus speaks
        // HTTP/1.1 to plain-http targets, so HTTP/2 is used only where TLS negotiates it
        .version(cfg.enableHttp2() && cfg.tls() != null && !cfg.tls().equals(HttpClientConfig.TlsConfig.NONE)
            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
    if (cfg.tls() != null && !cfg.tls().equals(HttpClientConfig.TlsConfig.NONE)) {
      b.sslContext(sslContext(cfg.tls()));
    }
    return b.build();
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

  static SSLContext sslContext(HttpClientConfig.TlsConfig tls) {
    try {
      TrustManager[] trust;
      if (tls.insecureSkipVerify()) {
        trust = new TrustManager[] {new TrustingManager()};
      } else if (!tls.caFile().isEmpty()) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certificates(Path.of(tls.caFile()))) {
          ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = tmf.getTrustManagers();
      } else {
        trust = null;
      }
      KeyManagerFactory kmf = null;
      if (!tls.certFile().isEmpty()) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        Certificate[] chain = certificates(Path.of(tls.certFile())).toArray(new Certificate[0]);
        ks.setKeyEntry("client", privateKey(Path.of(tls.keyFile())), new char[0], chain);
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("unable to load TLS config: " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String pem = Files.readString(file);
    if (!pem.contains("BEGIN PRIVATE KEY")) {
      throw new GeneralSecurityException(
          file + ": only PKCS#8 keys (BEGIN PRIVATE KEY) are supported");
    }
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException(file + ": unsupported private key");
  }

  /** insecure_skip_verify: accepts any certificate and any host name. */
  private static final class TrustingManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
