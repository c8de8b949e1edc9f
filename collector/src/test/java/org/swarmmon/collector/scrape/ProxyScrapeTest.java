package org.swarmmon.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.config.ConfigLoader;
import org.swarmmon.collector.config.HttpClients;
import org.swarmmon.collector.config.ScrapeConfig;

/** proxy_url: a local forward proxy that wants Basic credentials sees every scrape. */
class ProxyScrapeTest {

  private HttpServer proxy;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", exchange -> {
      String auth = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
      seen.add(exchange.getRequestURI() + " " + auth);
      if (auth == null) {
        exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"test\"");
        exchange.sendResponseHeaders(407, -1);
        exchange.close();
        return;
      }
      byte[] body = "via_proxy 1\n".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    proxy.start();
  }

  @AfterEach
  void stop() {
    proxy.stop(0);
  }

  private static ScrapeConfig job(String proxyUrl) throws Exception {
    return ConfigLoader.parse("""
        scrape_configs:
          - job_name: x
            proxy_url: %s
        """.formatted(proxyUrl), "prometheus.yml", Path.of("/tmp")).scrapeConfigs().get(0);
  }

  @Test
  void scrapesGoThroughTheProxyWithItsCredentials() throws Exception {
    ScrapeConfig cfg = job("http://scraper:s3cret@127.0.0.1:" + proxy.getAddress().getPort());
    Scraper scraper = new Scraper(HttpClients.build(cfg.http(), Duration.ofSeconds(5)), cfg.http());
    // nothing listens on the target's port: only the proxy can answer
    Scraper.Response r = scraper.scrape(URI.create("http://target.invalid:9/metrics"), Duration.ofSeconds(5));
    assertThat(new String(r.body(), 0, r.length(), StandardCharsets.UTF_8)).isEqualTo("via_proxy 1\n");
    assertThat(seen).last().asString()
        .isEqualTo("http://target.invalid:9/metrics Basic c2NyYXBlcjpzM2NyZXQ=");
  }

  @Test
  void proxiesTheJdkClientCannotUseAreRefusedAtLoad() {
    assertThatThrownBy(() -> job("socks5://127.0.0.1:1080"))
        .hasMessageContaining("line 3")
        .hasMessageEndingWith("proxy scheme \"socks5\" is not supported by this collector (only http and https proxies)");
  }
}
