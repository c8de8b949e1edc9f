package org.swarmmon.alertmanager.app;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.warmup.PathWarmup;
import org.swarmmon.webconfig.WebConfig;

/**
 * Warms the JVM up once the server listens and before Spring reports the application ready, so
 * {@code /-/ready} answers 503 until it is done while {@code /-/healthy} (Consul's check) answers at
 * once: first sample alerts through a throwaway copy of the receive path ({@link PathWarmup}), then
 * empty alert posts ({@code []}: no alert, no counter moves) to our own {@code /api/v2/alerts} over
 * loopback for Tomcat's and Spring MVC's request path. Real alerts posted meanwhile are handled as
 * usual. The HTTP part is skipped when {@code --web.config.file} asks for TLS or basic auth.
 */
@Component
class StartupWarmup implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(StartupWarmup.class);
  /** The most time each part may take; a warm-up cut short only leaves the first alerts slower. */
  private static final Duration PATH_BUDGET = Duration.ofSeconds(15);
  private static final Duration HTTP_BUDGET = Duration.ofSeconds(5);

  private final AlertManager am;
  private final AlertManagerProperties props;
  private final WebConfig webConfig;
  private final Environment env;

  StartupWarmup(AlertManager am, AlertManagerProperties props, WebConfig webConfig, Environment env) {
    this.am = am;
    this.props = props;
    this.webConfig = webConfig;
    this.env = env;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (props.warmupNotifications() > 0) {
      PathWarmup.Result r = PathWarmup.run(am.config(), am.options(), Clock.systemUTC(), props.warmupNotifications(),
          PATH_BUDGET);
      LOG.info("receive path warmed up: {} sample alerts posted, {} notifications to a loopback receiver in {} ms",
          r.posted(), r.notified(), r.took().toMillis());
    }
    if (props.warmupRequests() > 0 && event.getApplicationContext() instanceof WebServerApplicationContext web) {
      if (webConfig.tls() != null || !webConfig.basicAuthUsers().isEmpty()) {
        LOG.info("HTTP warm-up skipped: the web config file asks for TLS or basic auth");
        return;
      }
      String host = env.getProperty("server.address", "");
      if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
        host = "127.0.0.1";
      }
      long started = System.nanoTime();
      int sent = postEmpty(new InetSocketAddress(host, web.getWebServer().getPort()), props.warmupRequests());
      LOG.info("HTTP path warmed up: {} empty alert posts to ourselves in {} ms", sent,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /**
   * {@code POST /api/v2/alerts} with {@code []} on kept-alive connections (a new one when Tomcat
   * closes one, after 100 requests by default); returns how many got 200.
   */
  private static int postEmpty(InetSocketAddress address, int requests) {
    byte[] request = ("POST /api/v2/alerts HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]").getBytes(StandardCharsets.US_ASCII);
    long deadline = System.nanoTime() + HTTP_BUDGET.toNanos();
    int sent = 0;
    try {
      while (sent < requests && System.nanoTime() < deadline) {
        try (Socket socket = new Socket()) {
          socket.connect(address, 2000);
          socket.setSoTimeout(2000);
          socket.setTcpNoDelay(true);
          InputStream in = new BufferedInputStream(socket.getInputStream());
          OutputStream out = socket.getOutputStream();
          boolean open = true;
          while (open && sent < requests && System.nanoTime() < deadline) {
            out.write(request);
            out.flush();
            String status = readLine(in);
            long length = -1;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
              String lower = line.toLowerCase(Locale.ROOT);
              if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
              } else if (lower.startsWith("connection:") && lower.contains("close")) {
                open = false;
              }
            }
            if (!status.startsWith("HTTP/1.1 200") || length < 0) {
              LOG.info("HTTP warm-up stopped: our server answered {}", status);
              return sent;
            }
            in.skipNBytes(length);
            sent++;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.info("HTTP warm-up stopped: {}", e.toString());
    }
    return sent;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        throw new IOException("connection closed by our server");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
