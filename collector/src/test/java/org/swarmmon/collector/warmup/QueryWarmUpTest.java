package org.swarmmon.collector.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.promql.EngineOptions;

class QueryWarmUpTest {

  @TempDir
  Path tmp;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T04:30:00Z"), ZoneOffset.UTC);

  @Test
  void everyQueryFindsDataAndTheScratchDatabaseIsGone() throws Exception {
    Path scratch = tmp.resolve("scratch");
    QueryWarmUp.Report r = new QueryWarmUp(EngineOptions.defaults(), clock).run(scratch, 2, Duration.ofMinutes(1));

    assertThat(r.queries()).isEqualTo(QueryWarmUp.queries(2));
    assertThat(r.emptyResults()).isZero();
    assertThat(scratch).doesNotExist();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void stopsAfterTheFirstRoundOnceTheBudgetIsSpent() throws Exception {
    // a clock that moves a minute per reading: the 3-minute budget is spent after the first round
    Clock jumping = new Clock() {
      private Instant now = Instant.parse("2026-11-22T04:30:00Z");

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public synchronized Instant instant() {
        now = now.plusSeconds(60);
        return now;
      }
    };
    QueryWarmUp.Report r = new QueryWarmUp(EngineOptions.defaults(), jumping)
        .run(tmp.resolve("scratch"), 1000, Duration.ofMinutes(3));

    assertThat(r.queries()).isBetween(QueryWarmUp.queries(1), QueryWarmUp.queries(3));
    assertThat(tmp.resolve("scratch")).doesNotExist();
  }
}
