package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code node_sockstat_<PROTOCOL>_<state>} from /proc/net/sockstat and /proc/net/sockstat6, plus
 * {@code node_sockstat_sockets_used} and {@code _mem_bytes} (the {@code mem} pages times the page
 * size). A missing file (IPv4 or IPv6 disabled) is skipped, as node_exporter does.
 */
public final class SockstatCollector implements Collector {

  /** The states node_exporter exposes, in its order; other keys in the files are ignored. */
  private static final List<String> STATES = List.of("inuse", "orphan", "tw", "alloc", "mem", "memory");

  private final HostPaths paths;
  private final long pageSize;

  /** @param pageSize the host's page size in bytes, or -1 when unknown (the scrape then fails) */
  public SockstatCollector(HostPaths paths, long pageSize) {
    this.paths = paths;
    this.pageSize = pageSize;
  }

  @Override
  public String name() {
    return "sockstat";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    read(paths.net("sockstat"), false, out);
    read(paths.net("sockstat6"), true, out);
  }

  private void read(Path file, boolean ipv6, MetricFamilies out) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    for (ProcLine line : ProcFiles.table(file)) {
      String[] f = line.fields();
      if (f.length % 2 == 0 || !f[0].endsWith(":")) {
        throw line.malformed("malformed sockstat line " + ProcFiles.quote(line.text()));
      }
      String protocol = f[0].substring(0, f[0].length() - 1);
      if (protocol.equals("sockets")) {
        if (!ipv6 && f[1].equals("used")) {
          out.gauge("node_sockstat_sockets_used", "Number of IPv4 sockets in use.",
              line.value(2));
        }
        continue;
      }
      Double[] values = new Double[STATES.size()];
      values[0] = 0.0; // procfs reads inuse as a plain int: 0 when the line lacks it
      for (int i = 1; i < f.length; i += 2) {
        int state = STATES.indexOf(f[i]);
        double value = line.value(i + 1);
        if (state >= 0) {
          values[state] = value;
        }
      }
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          state(out, protocol, STATES.get(i), values[i]);
        }
      }
      Double mem = values[STATES.indexOf("mem")];
      if (mem != null) {
        if (pageSize <= 0) {
          throw new IOException("page size unknown (getpagesize(3) unavailable), needed for "
              + protocol + "_mem_bytes");
        }
        state(out, protocol, "mem_bytes", mem * pageSize);
      }
    }
  }

  private static void state(MetricFamilies out, String protocol, String state, double value) {
    out.gauge("node_sockstat_" + protocol + "_" + state,
        "Number of " + protocol + " sockets in state " + state + ".", value);
  }
}
