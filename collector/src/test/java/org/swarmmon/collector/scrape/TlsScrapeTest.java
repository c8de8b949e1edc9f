package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.swarmmon.collector.config.ConfigException;
import org.swarmmon.collector.config.ConfigLoader;
import org.swarmmon.collector.config.HttpClientConfig;
import org.swarmmon.collector.config.HttpClients;
import org.swarmmon.collector.config.ScrapeConfig;
import org.swarmmon.labels.Labels;

/**
 * HTTPS targets served by the JDK's HTTPS server with certificates made by {@code keytool} under
 * a throw-away CA, scraped with the CA (and the client certificate and key, for a target that
 * requires one) given inline in {@code tls_config}, as read from a prometheus.yml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsScrapeTest {

  private static final char[] PASS = "changeit".toCharArray();
  private static final String BODY = "# TYPE tls_probe gauge\ntls_probe 42\n";

  private Path dir;
  private HttpsServer server;
  private HttpsServer mtlsServer;
  private HttpsServer tls12Server;
  private String caPem;
  private String otherCaPem;
  private String clientCertPem;
  private String clientKeyPem;
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("collector-tls");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=swarmmon test CA", "-ext", "bc:c", "-validity", "2",
        "-keystore", "ca.p12");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=some other CA", "-ext", "bc:c", "-validity", "2",
        "-keystore", "other-ca.p12");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "other-ca.p12",
        "-file", "other-ca.pem");
    issued("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
    issued("client", "CN=swarmmon collector", null);
    caPem = Files.readString(dir.resolve("ca.pem"));
    otherCaPem = Files.readString(dir.resolve("other-ca.pem"));
    KeyStore client = keyStore("client.p12");
    StringBuilder chain = new StringBuilder();
    for (Certificate c : client.getCertificateChain("client")) {
      chain.append(pem("CERTIFICATE", c.getEncoded()));
    }
    clientCertPem = chain.toString();
    clientKeyPem = pem("PRIVATE KEY", client.getKey("client", PASS).getEncoded());
    server = serve(false, null);
    mtlsServer = serve(true, null);
    tls12Server = serve(false, "TLSv1.2");
  }

  @AfterAll
  void stop() throws IOException {
    if (server != null) {
      server.stop(0);
    }
    if (mtlsServer != null) {
      mtlsServer.stop(0);
    }
    if (tls12Server != null) {
      tls12Server.stop(0);
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void inlineCaMakesTheTargetUp() throws Exception {
    MemoryStorage storage = new MemoryStorage();
    ScrapeLoop loop = loop(server, "ca: |\n" + caPem.indent(2), storage);
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(loop.target().lastError()).isEmpty();
    assertThat(loop.target().health()).isEqualTo(Target.Health.UP);
    assertThat(value(storage, "up")).isEqualTo(1);
    assertThat(value(storage, "tls_probe")).isEqualTo(42);
  }

  @Test
  void inlineClientCertificateAndKeyPassAServerThatRequiresOne() throws Exception {
    MemoryStorage storage = new MemoryStorage();
    ScrapeLoop loop = loop(mtlsServer, "ca: |\n" + caPem.indent(2)
        + "cert: |\n" + clientCertPem.indent(2) + "key: |\n" + clientKeyPem.indent(2)
        + "min_version: TLS13\n", storage);
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(loop.target().lastError()).isEmpty();
    assertThat(loop.target().health()).isEqualTo(Target.Health.UP);
    assertThat(value(storage, "tls_probe")).isEqualTo(42);

    MemoryStorage without = new MemoryStorage();
    ScrapeLoop noCert = loop(mtlsServer, "ca: |\n" + caPem.indent(2), without);
    noCert.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(noCert.target().health()).isEqualTo(Target.Health.DOWN);
    assertThat(value(without, "up")).isEqualTo(0);
  }

  @Test
  void aWrongCaMakesTheTargetDownNamingTheCertificateProblem() throws Exception {
    MemoryStorage storage = new MemoryStorage();
    ScrapeLoop loop = loop(server, "ca: |\n" + otherCaPem.indent(2), storage);
    loop.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(loop.target().health()).isEqualTo(Target.Health.DOWN);
    assertThat(loop.target().lastError())
        .startsWith("Get \"https://127.0.0.1:" + server.getAddress().getPort() + "/metrics\": ")
        .contains("PKIX path building failed")
        .contains("unable to find valid certification path to requested target");
    assertThat(value(storage, "up")).isEqualTo(0);
    assertThat(storage.samples("tls_probe")).isEmpty();
  }

  @Test
  void minAndMaxVersionBoundTheProtocols() throws Exception {
    ScrapeLoop tls13 = loop(tls12Server, "ca: |\n" + caPem.indent(2) + "min_version: TLS13\n",
        new MemoryStorage());
    tls13.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(tls13.target().health()).isEqualTo(Target.Health.DOWN);

    ScrapeLoop tls12 = loop(tls12Server, "ca: |\n" + caPem.indent(2) + "max_version: TLS12\n",
        new MemoryStorage());
    tls12.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(tls12.target().health()).isEqualTo(Target.Health.UP);

    MemoryStorage storage = new MemoryStorage();
    ScrapeLoop onlyTls12 = loop(server, "ca: |\n" + caPem.indent(2)
        + "min_version: TLS12\nmax_version: TLS12\n", storage);
    onlyTls12.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(onlyTls12.target().health()).isEqualTo(Target.Health.UP);
    assertThat(value(storage, "tls_probe")).isEqualTo(42);
  }

  @Test
  void serverNameIsTheNameTheCertificateMustCarry() throws Exception {
    MemoryStorage good = new MemoryStorage();
    ScrapeLoop named = loop(server, "ca: |\n" + caPem.indent(2) + "server_name: localhost\n", good);
    named.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(named.target().health()).isEqualTo(Target.Health.UP);

    MemoryStorage bad = new MemoryStorage();
    ScrapeLoop wrong = loop(server, "ca: |\n" + caPem.indent(2) + "server_name: nodes.internal\n", bad);
    wrong.scrapeAndReport(Instant.ofEpochMilli(1000));
    assertThat(wrong.target().health()).isEqualTo(Target.Health.DOWN);
    assertThat(wrong.target().lastError()).contains("certificate is not valid for nodes.internal");
  }

  @Test
  void unusableInlineMaterialIsRefusedWhenTheClientIsBuilt() throws Exception {
    assertThatThrownBy(() -> HttpClients.build(http("ca: not a certificate\n"), Duration.ofSeconds(1)))
        .hasMessage("unable to load TLS config: unable to use inline CA cert");
    assertThatThrownBy(() -> HttpClients.build(
        http("cert: |\n" + clientCertPem.indent(2) + "key: junk\n"), Duration.ofSeconds(1)))
        .hasMessageContaining("unable to use specified client cert () & key ()");
    assertThatThrownBy(() -> HttpClients.build(
        http("min_version: TLS13\nmax_version: TLS12\n"), Duration.ofSeconds(1)))
        .hasMessage("tls_config.max_version must be greater than or equal to "
            + "tls_config.min_version if both are specified");
  }

  private HttpClientConfig http(String tls) throws ConfigException {
    return scrapeConfig(tls).http();
  }

  private ScrapeConfig scrapeConfig(String tls) throws ConfigException {
    String yaml = "scrape_configs:\n  - job_name: tls\n    scheme: https\n    tls_config:\n"
        + tls.indent(6);
    return ConfigLoader.parse(yaml, "prometheus.yml", dir).scrapeConfigs().get(0);
  }

  private ScrapeLoop loop(HttpsServer target, String tls, MemoryStorage storage)
      throws ConfigException {
    ScrapeConfig cfg = scrapeConfig(tls);
    String address = "127.0.0.1:" + target.getAddress().getPort();
    Labels labels = Labels.of("__address__", address, "__scheme__", "https",
        "__metrics_path__", "/metrics", "__scrape_interval__", "1s", "__scrape_timeout__", "5s",
        "job", "tls", "instance", address);
    Target t = new Target("tls", labels, labels, Map.of());
    Scraper scraper = new Scraper(HttpClients.build(cfg.http(), Duration.ofSeconds(5)), cfg.http());
    return new ScrapeLoop(t, scraper, storage, clock,
        new ScrapeLoop.Options(0, 0, false, true, List.of()));
  }

  private static double value(MemoryStorage storage, String name) {
    return storage.samples(name).stream().findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing: " + storage.samples())).v();
  }

  private HttpsServer serve(boolean requireClientCert, String onlyProtocol) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore("server.p12"), PASS);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", keyStore("ca.p12").getCertificate("ca"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        p.setNeedClientAuth(requireClientCert);
        if (onlyProtocol != null) {
          p.setProtocols(new String[] {onlyProtocol});
        }
        params.setSSLParameters(p);
      }
    });
    s.createContext("/metrics", exchange -> {
      byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    s.start();
    return s;
  }

  /** A key pair in {@code <name>.p12} whose certificate the test CA signed, chain included. */
  private void issued(String name, String dname, String san) throws Exception {
    String store = name + ".p12";
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", dname, "-validity", "2", "-keystore", store);
    keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
    List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca",
        "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile", name + ".crt",
        "-validity", "2"));
    if (san != null) {
      sign.addAll(List.of("-ext", san));
    }
    keytool(sign.toArray(new String[0]));
    keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", store, "-file", "ca.pem");
    keytool("-importcert", "-noprompt", "-alias", name, "-keystore", store, "-file", name + ".crt");
  }

  private KeyStore keyStore(String file) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve(file))) {
      ks.load(in, PASS);
    }
    return ks;
  }

  private void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // fourteen short-lived JVMs: start them cheaply
    cmd.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("keytool timed out: " + cmd);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("keytool failed: " + cmd + "\n" + out);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
