package org.swarmmon.collector.promql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.swarmmon.collector.storage.MemoryStorage;
import org.swarmmon.labels.Labels;

/**
 * A rough engine-only benchmark on in-memory data (not a test): {@code java ... PromqlBenchmark
 * [series]}. Prints median and p99 latency of typical dashboard queries over 1h and 2h ranges.
 */
public final class PromqlBenchmark {

  private PromqlBenchmark() {}

  public static void main(String[] args) {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int points = 480;
    long step = 15_000;
    MemoryStorage storage = new MemoryStorage();
    String[] les = {"0.1", "0.5", "1", "+Inf"};
    for (int s = 0; s < series; s++) {
      Labels l = Labels.of("__name__", "http_requests_total", "job", "job" + (s % 10), "instance", "i" + s);
      Labels b = Labels.of("__name__", "request_duration_seconds_bucket", "job", "job" + (s % 10),
          "instance", "i" + (s / 4), "le", les[s % 4]);
      double v = 0;
      for (int i = 0; i < points; i++) {
        v += (s % 7) + (i % 3);
        storage.add(l, i * step, v);
        storage.add(b, i * step, v * (1 + s % 4));
      }
    }
    PromqlEngine engine = new PromqlEngine(EngineOptions.defaults(), Clock.systemUTC());
    String[] queries = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {
      "sum by (job) (rate(http_requests_total[5m]))",
      "rate(http_requests_total{job=\"job1\"}[5m])",
      "topk(5, rate(http_requests_total[5m]))",
      "histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))",
    };
    long end = (points - 1) * step;
    for (String q : queries) {
      for (long range : new long[] {3_600_000, 7_000_000}) {
        long[] nanos = new long[12];
        long[] cpu = new long[12];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < nanos.length; r++) {
          long c0 = mx.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          engine.rangeQuery(storage, q, Instant.ofEpochMilli(end - range), Instant.ofEpochMilli(end),
              Duration.ofSeconds(60));
          nanos[r] = System.nanoTime() - t0;
          cpu[r] = mx.getCurrentThreadCpuTime() - c0;
        }
        long[] cpuMeasured = Arrays.copyOfRange(cpu, 2, cpu.length);
        Arrays.sort(cpuMeasured);
        long[] measured = Arrays.copyOfRange(nanos, 2, nanos.length);
        Arrays.sort(measured);
        System.out.printf("%-85s range %5ds: median %7.1f ms, max %7.1f ms (cpu median %7.1f ms)%n", q,
            range / 1000, measured[measured.length / 2] / 1e6, measured[measured.length - 1] / 1e6,
            cpuMeasured[cpuMeasured.length / 2] / 1e6);
      }
    }
  }
}
