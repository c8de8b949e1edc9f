package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Path;

/** {@code node_entropy_available_bits} and {@code node_entropy_pool_size_bits} from /proc/sys/kernel/random. */
public final class EntropyCollector implements Collector {

  private final HostPaths paths;

  public EntropyCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "entropy";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    out.gauge("node_entropy_available_bits", "Bits of available entropy.",
        readUint(paths.proc("sys/kernel/random/entropy_avail")));
    out.gauge("node_entropy_pool_size_bits", "Bits of entropy pool.",
        readUint(paths.proc("sys/kernel/random/poolsize")));
  }

  private static double readUint(Path file) throws IOException {
    String text = ProcFiles.text(file);
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw ProcFiles.malformed(file, 1, "invalid number " + ProcFiles.quote(text));
    }
  }
}
