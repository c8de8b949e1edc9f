package org.swarmmon.nodeexporter.collector;

import java.io.IOException;

/** {@code node_memory_<Field>_bytes} for every field of /proc/meminfo. */
public final class MeminfoCollector implements Collector {

  private final HostPaths paths;

  public MeminfoCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "meminfo";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    for (ProcLine line : ProcFiles.table(paths.proc("meminfo"))) {
      String[] f = line.fields();
      if (f.length < 2 || !f[0].endsWith(":")) {
        throw line.malformed("invalid line " + ProcFiles.quote(line.text()));
      }
      // "Active(anon):" becomes "Active_anon", as node_exporter names it
      String key = f[0].substring(0, f[0].length() - 1).replace("(", "_").replace(")", "");
      double value = line.value(1);
      if (f.length == 3) {
        if (!f[2].equals("kB")) {
          throw line.malformed("unsupported unit " + ProcFiles.quote(f[2]));
        }
        key += "_bytes";
        value *= 1024;
      }
      out.gauge("node_memory_" + key, "Memory information field " + key + ".", value);
    }
  }
}
