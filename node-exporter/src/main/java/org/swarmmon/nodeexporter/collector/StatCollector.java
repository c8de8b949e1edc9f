package org.swarmmon.nodeexporter.collector;

import java.io.IOException;

/** Boot time, context switches, forks, interrupts and process states from /proc/stat. */
public final class StatCollector implements Collector {

  private final HostPaths paths;

  public StatCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "stat";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    for (ProcLine line : ProcFiles.table(paths.proc("stat"))) {
      String[] f = line.fields();
      if (f.length < 2) {
        continue;
      }
      switch (f[0]) {
        case "intr" -> out.counter("node_intr_total", "Total number of interrupts serviced.",
            line.value(1));
        case "ctxt" -> out.counter("node_context_switches_total",
            "Total number of context switches.", line.value(1));
        case "processes" -> out.counter("node_forks_total", "Total number of forks.",
            line.value(1));
        case "btime" -> out.gauge("node_boot_time_seconds", "Node boot time, in unixtime.",
            line.value(1));
        case "procs_running" -> out.gauge("node_procs_running",
            "Number of processes in runnable state.", line.value(1));
        case "procs_blocked" -> out.gauge("node_procs_blocked",
            "Number of processes blocked waiting for I/O to complete.",
            line.value(1));
        default -> { }
      }
    }
  }
}
