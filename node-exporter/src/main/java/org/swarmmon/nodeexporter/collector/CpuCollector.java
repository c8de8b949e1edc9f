package org.swarmmon.nodeexporter.collector;

import java.io.IOException;

/** {@code node_cpu_seconds_total} and {@code node_cpu_guest_seconds_total} from /proc/stat. */
public final class CpuCollector implements Collector {

  /** USER_HZ: /proc/stat counts in hundredths of a second on every Linux architecture. */
  private static final double USER_HZ = 100.0;

  private static final String[] MODES = {
      "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
  private static final String[] GUEST_MODES = {"user", "nice"};

  private final HostPaths paths;

  public CpuCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    for (ProcLine line : ProcFiles.table(paths.proc("stat"))) {
      if (!line.text().startsWith("cpu") || line.text().startsWith("cpu ")) {
        continue;
      }
      String[] f = line.fields();
      String cpu = f[0].substring(3);
      if (f.length < 1 + MODES.length) {
        throw line.malformed("expected at least 8 values for " + f[0]);
      }
      for (int i = 0; i < MODES.length; i++) {
        out.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.",
            line.value(1 + i) / USER_HZ, "cpu", cpu, "mode", MODES[i]);
      }
      for (int i = 0; i < GUEST_MODES.length && 9 + i < f.length; i++) {
        out.counter("node_cpu_guest_seconds_total",
            "Seconds the CPUs spent in guests (VMs) for each mode.",
            line.value(9 + i) / USER_HZ,
            "cpu", cpu, "mode", GUEST_MODES[i]);
      }
    }
  }
}
