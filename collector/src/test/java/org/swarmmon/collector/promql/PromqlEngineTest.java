package org.swarmmon.collector.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.collector.storage.Querier;
import org.swarmmon.collector.storage.Queryable;
import org.swarmmon.labels.Labels;

class PromqlEngineTest {

  private static MemoryStorage storage() {
    MemoryStorage s = new MemoryStorage();
    for (int i = 0; i <= 600; i++) {
      s.add(Labels.of("__name__", "up", "job", "a"), i * 15_000L, 1);
      s.add(Labels.of("__name__", "up", "job", "b"), i * 15_000L, 0);
    }
    return s;
  }

  /** A clock that moves one second forward every time it is read. */
  private static Clock ticking() {
    AtomicLong now = new AtomicLong();
    return new Clock() {
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      public Clock withZone(ZoneId zone) {
        return this;
      }

      public Instant instant() {
        return Instant.ofEpochMilli(now.addAndGet(1000));
      }
    };
  }

  @Test
  void rangeQueryReturnsSortedMatrix() {
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), Clock.systemUTC());
    QueryResult r = engine.rangeQuery(storage(), "up", Instant.ofEpochSecond(0), Instant.ofEpochSecond(120),
        Duration.ofSeconds(60));
    Value.Matrix m = assertInstanceOf(Value.Matrix.class, r.value());
    assertEquals(2, m.series().size());
    assertEquals("a", m.series().get(0).metric().get("job"));
    assertEquals(3, m.series().get(0).size());
  }

  @Test
  void rangeQueryRejectsRangeVectors() {
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), Clock.systemUTC());
    PromqlException e = assertThrows(PromqlException.class, () -> engine.rangeQuery(storage(), "up[5m]",
        Instant.ofEpochSecond(0), Instant.ofEpochSecond(60), Duration.ofSeconds(15)));
    assertEquals(ErrorType.BAD_DATA, e.type());
    assertEquals("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector",
        e.getMessage());
  }

  @Test
  void parseErrorsAreBadData() {
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), Clock.systemUTC());
    PromqlException e = assertThrows(PromqlException.class,
        () -> engine.instantQuery(storage(), "sum(", Instant.EPOCH));
    assertEquals(ErrorType.BAD_DATA, e.type());
    assertEquals("1:5: parse error: unclosed left parenthesis", e.getMessage());
  }

  @Test
  void tooManySamplesFailsWithPrometheusText() {
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults().withMaxSamples(100), Clock.systemUTC());
    PromqlException e = assertThrows(PromqlException.class, () -> engine.rangeQuery(storage(), "up",
        Instant.ofEpochSecond(0), Instant.ofEpochSecond(9000), Duration.ofSeconds(15)));
    assertEquals(ErrorType.EXECUTION, e.type());
    assertEquals("query processing would load too many samples into memory in query execution", e.getMessage());
  }

  @Test
  void hugeStepCountsHitTheSampleLimitNotTheHeap() {
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults().withMaxSamples(10_000), Clock.systemUTC());
    for (String q : List.of("1", "vector(1) * 2", "sum(vector(time()))")) {
      PromqlException e = assertThrows(PromqlException.class, () -> engine.rangeQuery(storage(), q,
          Instant.ofEpochSecond(0), Instant.ofEpochSecond(1_000_000_000), Duration.ofMillis(1)));
      assertEquals(ErrorType.EXECUTION, e.type(), q);
    }
  }

  @Test
  void timeoutFollowsTheInjectedClock() {
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults().withTimeout(Duration.ofSeconds(30)), ticking());
    PromqlException e = assertThrows(PromqlException.class, () -> engine.rangeQuery(storage(),
        "sum(rate(up[5m]))", Instant.ofEpochSecond(0), Instant.ofEpochSecond(9000), Duration.ofSeconds(1)));
    assertEquals(ErrorType.TIMEOUT, e.type());
    assertEquals("query timed out in expression evaluation", e.getMessage());
  }

  @Test
  void queriesOverTheConcurrencyLimitWaitInLineUntilTheirTimeout() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MemoryStorage data = storage();
    Queryable blocking = (mint, maxt) -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return data.querier(mint, maxt);
    };
    PromqlEngine engine = new PromqlEngine(
        EngineOptions.defaults().withMaxConcurrent(1).withTimeout(Duration.ofMillis(200)), Clock.systemUTC());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<QueryResult> first = pool.submit(() -> engine.instantQuery(blocking, "up", Instant.EPOCH));
      entered.await(10, TimeUnit.SECONDS);
      PromqlException e = assertThrows(PromqlException.class,
          () -> engine.instantQuery(data, "up", Instant.EPOCH));
      assertEquals(ErrorType.TIMEOUT, e.type());
      assertEquals("query timed out in query queue", e.getMessage());
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      Value.Vector v = assertInstanceOf(Value.Vector.class,
          engine.instantQuery(data, "up", Instant.EPOCH).value());
      assertEquals(2, v.samples().size());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void stringsAndScalars() {
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), Clock.systemUTC());
    assertEquals(new Value.Str(1000, "x"), engine.instantQuery(storage(), "\"x\"", Instant.ofEpochSecond(1)).value());
    assertEquals(new Value.Scalar(1000, 3), engine.instantQuery(storage(), "1 + 2", Instant.ofEpochSecond(1)).value());
    List<Sample> s = ((Value.Vector) engine.instantQuery(storage(), "sum(up)", Instant.ofEpochSecond(60)).value())
        .samples();
    assertEquals(List.of(new Sample(Labels.EMPTY, 60_000, 1)), s);
  }

  @SuppressWarnings("unused")
  private static Querier unused() {
    return null;
  }
}
