package org.swarmmon.nodeexporter.collector;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.swarmmon.nodeexporter.collector.DiskstatsCollector.DeviceFilter;

/**
 * Which collectors run and how, as node_exporter's flags set them.
 *
 * @param enabled per collector name, an explicit on/off; collectors not named follow
 *     {@code disableDefaults} (all of ours are on by default in node_exporter)
 */
public record CollectorSettings(
    HostPaths paths,
    Path udevData,
    Map<String, Boolean> enabled,
    boolean disableDefaults,
    Path textfileDirectory,
    String mountPointsExclude,
    String fsTypesExclude,
    Duration mountTimeout,
    String diskstatsDeviceInclude,
    String diskstatsDeviceExclude,
    String netdevDeviceInclude,
    String netdevDeviceExclude,
    String vmstatFields,
    String netstatFields) {

  /** Every collector this exporter has, in node_exporter's names. */
  public static final List<String> ALL = List.of(
      "cpu", "diskstats", "entropy", "filefd", "filesystem", "loadavg", "meminfo", "netdev",
      "netstat", "os", "pressure", "sockstat", "stat", "textfile", "time", "uname", "vmstat");

  public static CollectorSettings defaults(HostPaths paths) {
    return new CollectorSettings(paths, Path.of("/run/udev/data"), Map.of(), false, null,
        FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE, FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE,
        Duration.ofSeconds(5), "", DiskstatsCollector.DEFAULT_DEVICE_EXCLUDE, "", "",
        VmstatCollector.DEFAULT_FIELDS, NetstatCollector.DEFAULT_FIELDS);
  }

  public boolean isEnabled(String collector) {
    return Optional.ofNullable(enabled.get(collector)).orElse(!disableDefaults);
  }

  /** The enabled collectors; fails naming the flag when a pattern does not compile. */
  public List<Collector> createCollectors(Clock clock, Statfs statfs) {
    return createCollectors(clock, statfs, HostPageSize.bytes());
  }

  /** As {@link #createCollectors(Clock, Statfs)}, with a given page size for sockstat's mem_bytes. */
  public List<Collector> createCollectors(Clock clock, Statfs statfs, long pageSize) {
    for (String name : enabled.keySet()) {
      if (!ALL.contains(name)) {
        throw new IllegalArgumentException("missing collector: " + name);
      }
    }
    List<Collector> collectors = new ArrayList<>();
    for (String name : ALL) {
      if (!isEnabled(name)) {
        continue;
      }
      collectors.add(switch (name) {
        case "cpu" -> new CpuCollector(paths);
        case "entropy" -> new EntropyCollector(paths);
        case "filefd" -> new FilefdCollector(paths);
        case "diskstats" -> new DiskstatsCollector(paths,
            filter("collector.diskstats", diskstatsDeviceInclude, diskstatsDeviceExclude), udevData);
        case "filesystem" -> new FilesystemCollector(paths,
            compile("collector.filesystem.mount-points-exclude", mountPointsExclude),
            compile("collector.filesystem.fs-types-exclude", fsTypesExclude),
            statfs, mountTimeout);
        case "loadavg" -> new LoadavgCollector(paths);
        case "meminfo" -> new MeminfoCollector(paths);
        case "netdev" -> new NetdevCollector(paths,
            filter("collector.netdev", netdevDeviceInclude, netdevDeviceExclude));
        case "netstat" -> new NetstatCollector(paths,
            compile("collector.netstat.fields", netstatFields));
        case "os" -> new OsCollector(paths);
        case "pressure" -> new PressureCollector(paths);
        case "sockstat" -> new SockstatCollector(paths, pageSize);
        case "stat" -> new StatCollector(paths);
        case "textfile" -> new TextfileCollector(textfileDirectory);
        case "time" -> new TimeCollector(paths, clock);
        case "uname" -> new UnameCollector(paths);
        case "vmstat" -> new VmstatCollector(paths, compile("collector.vmstat.fields", vmstatFields));
        default -> throw new IllegalStateException(name);
      });
    }
    return collectors;
  }

  private static Pattern compile(String flag, String regex) {
    try {
      return Pattern.compile(regex == null ? "" : regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--" + flag + "=" + regex + ": " + e.getDescription(), e);
    }
  }

  private static DeviceFilter filter(String flagPrefix, String include, String exclude) {
    try {
      return DeviceFilter.of(include, exclude);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("--" + flagPrefix + ".device-include/exclude: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + flagPrefix + ".device-include and --" + flagPrefix
          + ".device-exclude are mutually exclusive", e);
    }
  }
}
