package org.swarmmon.labels.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.swarmmon.labels.GoRegexp;
import org.swarmmon.labels.Matcher;

/**
 * A regex label matcher against 1 000 label values, as an index tests them: our {@link Matcher}
 * (literal shapes decided without an engine, RE2/J otherwise) against RE2/J alone and against
 * {@code java.util.regex} (what the matcher used before; not Go's semantics). Not a test; run as
 * the labels README says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatcherBenchmark {

  @Param({".*", "node.*", "target-1|target-22|target-333", "target-[0-9]+5"})
  public String regex;

  private final String[] values = new String[1000];
  private Matcher matcher;
  private com.google.re2j.Pattern re2j;
  private java.util.regex.Pattern jdk;

  @Setup
  public void setUp() {
    for (int i = 0; i < values.length; i++) {
      values[i] = (i % 3 == 0 ? "node-exporter-" : "target-") + i;
    }
    matcher = Matcher.regex("instance", regex);
    re2j = GoRegexp.compileAnchored(regex);
    jdk = java.util.regex.Pattern.compile("^(?:" + regex + ")$");
  }

  @Benchmark
  public void matcher(Blackhole bh) {
    for (String v : values) {
      bh.consume(matcher.matches(v));
    }
  }

  @Benchmark
  public void re2jAlone(Blackhole bh) {
    for (String v : values) {
      bh.consume(re2j.matcher(v).matches());
    }
  }

  @Benchmark
  public void javaUtilRegex(Blackhole bh) {
    for (String v : values) {
      bh.consume(jdk.matcher(v).matches());
    }
  }
}
