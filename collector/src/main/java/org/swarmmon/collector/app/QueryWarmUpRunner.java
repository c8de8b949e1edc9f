package org.swarmmon.collector.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.swarmmon.collector.warmup.QueryWarmUp;

/**
 * Runs the {@link QueryWarmUp} once the collector is up, on a background thread, so the first
 * dashboard queries do not pay for the JIT. A failed warm-up only costs that.
 */
public class QueryWarmUpRunner implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(QueryWarmUpRunner.class);

  private final QueryWarmUp warmUp;
  private final int rounds;
  private final Duration budget;
  private final CompletableFuture<QueryWarmUp.Report> result = new CompletableFuture<>();

  public QueryWarmUpRunner(QueryWarmUp warmUp, int rounds, Duration budget) {
    this.warmUp = warmUp;
    this.rounds = rounds;
    this.budget = budget;
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
    Thread thread = new Thread(this::run, "query-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private void run() {
    try {
      Path scratch = Files.createTempDirectory("collector-query-warm-up-");
      QueryWarmUp.Report r = warmUp.run(scratch, rounds, budget);
      LOG.info("query path warmed up: {} queries on a scratch database in {} ms", r.queries(), r.took().toMillis());
      result.complete(r);
    } catch (IOException | RuntimeException e) {
      LOG.warn("query warm-up failed; the first queries will be slower: {}", e.toString());
      result.completeExceptionally(e);
    }
  }
}
