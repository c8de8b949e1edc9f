package org.swarmmon.nodeexporter.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Block device I/O counters from /proc/diskstats, in node_exporter's names and units. */
public final class DiskstatsCollector implements Collector {

  public static final String DEFAULT_DEVICE_EXCLUDE =
      "^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";

  /** The sector size the kernel counts in, whatever the device's own. */
  private static final double SECTOR_BYTES = 512;
  private static final double MS = 0.001;

  private record Field(String name, String help, double scale, boolean counter) {}

  // in the order of /proc/diskstats after major, minor and device name
  private static final Field[] FIELDS = {
      new Field("node_disk_reads_completed_total", "The total number of reads completed successfully.", 1, true),
      new Field("node_disk_reads_merged_total", "The total number of reads merged.", 1, true),
      new Field("node_disk_read_bytes_total", "The total number of bytes read successfully.", SECTOR_BYTES, true),
      new Field("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", MS, true),
      new Field("node_disk_writes_completed_total", "The total number of writes completed successfully.", 1, true),
      new Field("node_disk_writes_merged_total", "The number of writes merged.", 1, true),
      new Field("node_disk_written_bytes_total", "The total number of bytes written successfully.", SECTOR_BYTES, true),
      new Field("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.", MS, true),
      new Field("node_disk_io_now", "The number of I/Os currently in progress.", 1, false),
      new Field("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MS, true),
      new Field("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", MS, true),
      new Field("node_disk_discards_completed_total", "The total number of discards completed successfully.", 1, true),
      new Field("node_disk_discards_merged_total", "The total number of discards merged.", 1, true),
      new Field("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.", 1, true),
      new Field("node_disk_discard_time_seconds_total", "This is the total number of seconds spent by all discards.", MS, true),
      new Field("node_disk_flush_requests_total", "The total number of flush requests completed successfully", 1, true),
      new Field("node_disk_flush_requests_time_seconds_total", "This is the total number of seconds spent by all flush requests.", MS, true),
  };

  private final HostPaths paths;
  private final DeviceFilter filter;
  private final Path udevData;

  public DiskstatsCollector(HostPaths paths, DeviceFilter filter, Path udevData) {
    this.paths = paths;
    this.filter = filter;
    this.udevData = udevData;
  }

  @Override
  public String name() {
    return "diskstats";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    for (ProcLine line : ProcFiles.table(paths.proc("diskstats"))) {
      String[] f = line.fields();
      if (f.length < 14) {
        throw line.malformed("expected at least 14 fields, found " + f.length);
      }
      String device = f[2];
      if (filter.ignored(device)) {
        continue;
      }
      Map<String, String> udev = udevProperties(f[0], f[1]);
      out.info("node_disk_info", "Info of /sys/block/<block_device>.",
          "device", device, "major", f[0], "minor", f[1],
          "path", udev.getOrDefault("ID_PATH", ""),
          "wwn", udev.getOrDefault("ID_WWN", ""),
          "model", udev.getOrDefault("ID_MODEL", ""),
          "serial", udev.getOrDefault("ID_SERIAL_SHORT", ""),
          "revision", udev.getOrDefault("ID_REVISION", ""));
      for (int i = 0; i < FIELDS.length && 3 + i < f.length; i++) {
        Field field = FIELDS[i];
        double value = line.value(3 + i) * field.scale;
        if (field.counter) {
          out.counter(field.name, field.help, value, "device", device);
        } else {
          out.gauge(field.name, field.help, value, "device", device);
        }
      }
    }
  }

  private Map<String, String> udevProperties(String major, String minor) {
    Map<String, String> properties = new HashMap<>();
    Path file = udevData.resolve("b" + major + ":" + minor);
    if (!Files.isReadable(file)) {
      return properties;
    }
    try {
      for (String line : ProcFiles.lines(file)) {
        if (line.startsWith("E:")) {
          int eq = line.indexOf('=');
          if (eq > 2) {
            properties.put(line.substring(2, eq), line.substring(eq + 1));
          }
        }
      }
    } catch (IOException e) {
      // udev data is optional decoration; node_exporter also just leaves the labels empty
    }
    return properties;
  }

  /** node_exporter's device include/exclude pair (mutually exclusive). */
  public record DeviceFilter(Pattern include, Pattern exclude) {

    public static DeviceFilter of(String include, String exclude) {
      if (include != null && !include.isEmpty() && exclude != null && !exclude.isEmpty()) {
        throw new IllegalArgumentException("device-include and device-exclude are mutually exclusive");
      }
      return new DeviceFilter(
          include == null || include.isEmpty() ? null : Pattern.compile(include),
          exclude == null || exclude.isEmpty() ? null : Pattern.compile(exclude));
    }

    public boolean ignored(String device) {
      if (include != null) {
        return !include.matcher(device).find();
      }
      return exclude != null && exclude.matcher(device).find();
    }
  }
}
