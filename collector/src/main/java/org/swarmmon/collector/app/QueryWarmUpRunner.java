package org.swarmmon.collector.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.swarmmon.collector.warmup.HttpWarmUp;
import org.swarmmon.collector.warmup.QueryWarmUp;
import org.swarmmon.collector.warmup.WarmUpRoute;
import org.swarmmon.webconfig.WebConfig;

/**
 * Runs the {@link QueryWarmUp} once the collector is up, on a background thread, so the first
 * dashboard queries do not pay for the JIT and for loading classes. Its rounds go through the
 * collector's own HTTP API on loopback ({@link HttpWarmUp}), unless the listener asks for TLS or
 * basic auth; then they run in process. A failed warm-up only costs that.
 */
public class QueryWarmUpRunner implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(QueryWarmUpRunner.class);

  private final QueryWarmUp warmUp;
  private final int rounds;
  private final Duration budget;
  private final WarmUpRoute route;
  private final WebConfig webConfig;
  private final Clock clock;
  private final CompletableFuture<QueryWarmUp.Report> result = new CompletableFuture<>();

  public QueryWarmUpRunner(QueryWarmUp warmUp, int rounds, Duration budget, WarmUpRoute route, WebConfig webConfig,
      Clock clock) {
    this.warmUp = warmUp;
    this.rounds = rounds;
    this.budget = budget;
    this.route = route;
    this.webConfig = webConfig;
    this.clock = clock;
  }

  /** Completes when the warm-up has run (with an empty report when turned off). */
  public CompletableFuture<QueryWarmUp.Report> result() {
    return result;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (rounds <= 0) {
      result.complete(new QueryWarmUp.Report(0, 0, Duration.ZERO));
      return;
    }
    QueryWarmUp.Phase phase = httpPhase(event);
    Thread thread = new Thread(() -> run(phase), "query-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  /** The HTTP rounds on loopback, or null (in process) when the API is not reachable that way. */
  private QueryWarmUp.Phase httpPhase(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null
        || web.getWebServer().getPort() <= 0) {
      return null;
    }
    Environment env = event.getApplicationContext().getEnvironment();
    if (webConfig.tls() != null || webConfig.authEnabled()
        || env.getProperty("server.ssl.enabled", Boolean.class, false)) {
      LOG.info("query warm-up runs in process: the listener asks for TLS or basic auth");
      return null;
    }
    String host = loopbackOr(env.getProperty("server.address"));
    String contextPath = env.getProperty("server.servlet.context-path", "");
    URI base = URI.create("http://" + host + ":" + web.getWebServer().getPort() + contextPath + "/");
    return new HttpWarmUp(base, route, clock);
  }

  /** The address the server listens on, as a URI host; loopback when it listens on every address. */
  private static String loopbackOr(String address) {
    if (address == null || address.isBlank()) {
      return "127.0.0.1";
    }
    try {
      InetAddress a = InetAddress.getByName(address);
      if (a.isAnyLocalAddress()) {
        return a.getAddress().length == 4 ? "127.0.0.1" : "[::1]";
      }
      return a.getAddress().length == 4 ? a.getHostAddress() : "[" + a.getHostAddress() + "]";
    } catch (UnknownHostException e) {
      return address;
    }
  }

  private void run(QueryWarmUp.Phase phase) {
    try {
      Path scratch = Files.createTempDirectory("collector-query-warm-up-");
      QueryWarmUp.Report r = warmUp.run(scratch, rounds, budget, phase);
      LOG.info("query path warmed up: {} queries on a scratch database{} in {} ms", r.queries(),
          phase == null ? "" : " through the HTTP API", r.took().toMillis());
      result.complete(r);
    } catch (IOException | RuntimeException e) {
      LOG.warn("query warm-up failed; the first queries will be slower: {}", e.toString());
      result.completeExceptionally(e);
    }
  }
}
