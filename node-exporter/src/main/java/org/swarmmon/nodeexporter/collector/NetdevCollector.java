package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.swarmmon.nodeexporter.collector.DiskstatsCollector.DeviceFilter;

/**
 * Network device counters from /proc/net/dev, plus {@code receive_nohandler} from sysfs, which
 * node_exporter 1.5 reports through netlink.
 */
public final class NetdevCollector implements Collector {

  private static final String[] FIELDS = {
      "receive_bytes", "receive_packets", "receive_errs", "receive_drop", "receive_fifo",
      "receive_frame", "receive_compressed", "receive_multicast",
      "transmit_bytes", "transmit_packets", "transmit_errs", "transmit_drop", "transmit_fifo",
      "transmit_colls", "transmit_carrier", "transmit_compressed"};

  private final HostPaths paths;
  private final DeviceFilter filter;

  public NetdevCollector(HostPaths paths, DeviceFilter filter) {
    this.paths = paths;
    this.filter = filter;
  }

  @Override
  public String name() {
    return "netdev";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    Path file = paths.net("dev");
    List<String> lines = ProcFiles.lines(file);
    int number = 0;
    for (String line : lines) {
      number++;
      if (number <= 2 || line.isBlank()) {
        continue; // two header lines
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw ProcFiles.malformed(file, number, "missing ':' after the device name");
      }
      String device = line.substring(0, colon).trim();
      if (filter.ignored(device)) {
        continue;
      }
      String[] f = ProcFiles.fields(line.substring(colon + 1));
      if (f.length < FIELDS.length) {
        throw ProcFiles.malformed(file, number,
            "expected " + FIELDS.length + " values for " + device + ", found " + f.length);
      }
      for (int i = 0; i < FIELDS.length; i++) {
        add(out, FIELDS[i], device, ProcFiles.parseDouble(file, number, f[i]));
        if (i == 7) {
          Path nohandler = paths.sys("class/net/" + device + "/statistics/rx_nohandler");
          if (Files.isReadable(nohandler)) {
            add(out, "receive_nohandler", device, Double.parseDouble(ProcFiles.text(nohandler)));
          }
        }
      }
    }
  }

  private static void add(MetricFamilies out, String field, String device, double value) {
    out.counter("node_network_" + field + "_total", "Network device statistic " + field + ".",
        value, "device", device);
  }
}
