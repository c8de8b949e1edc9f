package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code node_pressure_*_seconds_total} from /proc/pressure/{cpu,io,memory}, the "total" stall
 * times (microseconds in the files) of the "some" and, for io and memory, "full" lines.
 */
public final class PressureCollector implements Collector {

  private final HostPaths paths;

  public PressureCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "pressure";
  }

  @Override
  public void update(MetricFamilies out) throws IOException, NoDataException {
    for (String resource : List.of("cpu", "io", "memory")) {
      Path file = paths.proc("pressure/" + resource);
      if (!Files.exists(file)) {
        throw new NoDataException(file + " is missing: pressure information needs Linux >= 4.20 "
            + "with CONFIG_PSI (and psi=1 where it is off by default)");
      }
      double some = total(file, "some");
      switch (resource) {
        case "cpu" -> out.counter("node_pressure_cpu_waiting_seconds_total",
            "Total time in seconds that processes have waited for CPU time", some);
        case "io" -> {
          out.counter("node_pressure_io_waiting_seconds_total",
              "Total time in seconds that processes have waited due to IO congestion", some);
          out.counter("node_pressure_io_stalled_seconds_total",
              "Total time in seconds no process could make progress due to IO congestion",
              total(file, "full"));
        }
        default -> {
          out.counter("node_pressure_memory_waiting_seconds_total",
              "Total time in seconds that processes have waited for memory", some);
          out.counter("node_pressure_memory_stalled_seconds_total",
              "Total time in seconds no process could make progress due to memory congestion",
              total(file, "full"));
        }
      }
    }
  }

  /** The {@code total=} microseconds of the line starting with {@code kind}, in seconds. */
  private static double total(Path file, String kind) throws IOException {
    List<String> lines = ProcFiles.lines(file);
    for (int i = 0; i < lines.size(); i++) {
      String[] f = ProcFiles.fields(lines.get(i));
      if (f.length == 0 || !f[0].equals(kind)) {
        continue;
      }
      for (String field : f) {
        if (field.startsWith("total=")) {
          String value = field.substring("total=".length());
          try {
            return Long.parseUnsignedLong(value) / 1000.0 / 1000.0;
          } catch (NumberFormatException e) {
            throw ProcFiles.malformed(file, i + 1, "invalid number " + ProcFiles.quote(value));
          }
        }
      }
      throw ProcFiles.malformed(file, i + 1, "no total= in " + ProcFiles.quote(lines.get(i)));
    }
    throw ProcFiles.malformed(file, lines.size(), "no " + ProcFiles.quote(kind) + " line");
  }
}
