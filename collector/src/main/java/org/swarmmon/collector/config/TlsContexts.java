package org.swarmmon.collector.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.swarmmon.collector.config.HttpClientConfig.TlsConfig;

/**
 * Turns Prometheus's {@code tls_config} into a JDK {@link SSLContext} and {@link SSLParameters}:
 * CA and client certificate/key as inline PEM or PEM files, {@code server_name} (SNI and the name
 * the certificate must carry), {@code insecure_skip_verify}, {@code min_version}/{@code
 * max_version}. Error texts are those of Prometheus's common/config.
 */
final class TlsContexts {

  private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
  private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
  private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|:");

  private TlsContexts() {}

  static SSLContext sslContext(TlsConfig tls) {
    try {
      X509TrustManager trust = tls.insecureSkipVerify() ? null : trustManager(tls);
      TrustManager[] trustManagers;
      if (tls.insecureSkipVerify()) {
        trustManagers = new TrustManager[] {new TrustingManager()};
      } else if (!tls.serverName().isEmpty()) {
        trustManagers = new TrustManager[] {new ServerNameTrustManager(trust, tls.serverName())};
      } else {
        trustManagers = new TrustManager[] {trust};
      }
      KeyManagerFactory kmf = null;
      if (!tls.cert().isEmpty() || !tls.certFile().isEmpty()) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setKeyEntry("client", clientKey(tls), new char[0], clientChain(tls));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), trustManagers, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("unable to load TLS config: " + e.getMessage(), e);
    }
  }

  /** The protocols {@code min_version}..{@code max_version} allow, and the SNI name. */
  static SSLParameters sslParameters(TlsConfig tls) {
    int min = tls.minVersion().isEmpty() ? VERSIONS.indexOf("TLS12") : VERSIONS.indexOf(tls.minVersion());
    int max = tls.maxVersion().isEmpty() ? VERSIONS.size() - 1 : VERSIONS.indexOf(tls.maxVersion());
    if (max < min) {
      throw new IllegalArgumentException("tls_config.max_version must be greater than or equal "
          + "to tls_config.min_version if both are specified");
    }
    SSLParameters p = new SSLParameters();
    p.setProtocols(PROTOCOLS.subList(min, max + 1).toArray(new String[0]));
    if (!tls.serverName().isEmpty() && !IP_LITERAL.matcher(tls.serverName()).find()) {
      p.setServerNames(List.of(new SNIHostName(tls.serverName())));
    }
    return p;
  }

  private static X509TrustManager trustManager(TlsConfig tls)
      throws GeneralSecurityException, IOException {
    KeyStore ks = null;
    if (!tls.ca().isEmpty() || !tls.caFile().isEmpty()) {
      Collection<? extends Certificate> cas;
      if (!tls.ca().isEmpty()) {
        cas = certificatesOrEmpty(tls.ca());
        if (cas.isEmpty()) {
          throw new GeneralSecurityException("unable to use inline CA cert");
        }
      } else {
        String pem;
        try {
          pem = Files.readString(Path.of(tls.caFile()));
        } catch (IOException e) {
          throw new IOException(
              "unable to load specified CA cert " + tls.caFile() + ": " + e.getMessage(), e);
        }
        cas = certificatesOrEmpty(pem);
        if (cas.isEmpty()) {
          throw new GeneralSecurityException("unable to use specified CA cert " + tls.caFile());
        }
      }
      ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : cas) {
        ks.setCertificateEntry("ca" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  private static Collection<? extends Certificate> certificatesOrEmpty(String pem) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      return List.of();
    }
  }

  private static Certificate[] clientChain(TlsConfig tls) throws GeneralSecurityException, IOException {
    String pem = tls.certFile().isEmpty() ? tls.cert() : readClientFile("cert", tls.certFile());
    Collection<? extends Certificate> chain = certificatesOrEmpty(pem);
    if (chain.isEmpty()) {
      throw new GeneralSecurityException(pairError(tls) + "failed to find any PEM data in certificate input");
    }
    return chain.toArray(new Certificate[0]);
  }

  private static PrivateKey clientKey(TlsConfig tls) throws GeneralSecurityException, IOException {
    String pem = tls.keyFile().isEmpty() ? tls.key() : readClientFile("key", tls.keyFile());
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new GeneralSecurityException(pairError(tls)
          + "only PKCS#8 keys (BEGIN PRIVATE KEY) are supported");
    }
    String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----"))
        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getMimeDecoder().decode(base64);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException(pairError(tls) + "unsupported private key");
  }

  private static String readClientFile(String what, String file) throws IOException {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IOException(
          "unable to read specified client " + what + " (" + file + "): " + e.getMessage(), e);
    }
  }

  private static String pairError(TlsConfig tls) {
    return "unable to use specified client cert (" + tls.certFile() + ") & key ("
        + tls.keyFile() + "): ";
  }

  /**
   * Verifies the chain with the CA, then the leaf against {@code server_name} instead of the
   * URL's host, as Go's {@code tls.Config.ServerName} does.
   */
  private static final class ServerNameTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private final String serverName;

    ServerNameTrustManager(X509TrustManager delegate, String serverName) {
      this.delegate = delegate;
      this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
      if (!matches(chain[0], serverName)) {
        throw new CertificateException("x509: certificate is not valid for " + serverName);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

  /** Go's rules: subject alternative names only, a wildcard only as the whole leftmost label. */
  static boolean matches(X509Certificate cert, String name) throws CertificateParsingException {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    if (sans == null) {
      return false;
    }
    boolean ip = IP_LITERAL.matcher(name).find();
    String host = name.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    List<String> dns = new ArrayList<>();
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1));
      if (ip && type == 7 && sameAddress(value, name)) {
        return true;
      }
      if (!ip && type == 2) {
        dns.add(value.toLowerCase(Locale.ROOT));
      }
    }
    for (String pattern : dns) {
      if (pattern.equals(host)) {
        return true;
      }
      if (pattern.startsWith("*.") && host.indexOf('.') > 0
          && host.substring(host.indexOf('.')).equals(pattern.substring(1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
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
