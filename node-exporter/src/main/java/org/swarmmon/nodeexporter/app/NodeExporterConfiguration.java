package org.swarmmon.nodeexporter.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.swarmmon.nodeexporter.collector.BuildInfo;
import org.swarmmon.nodeexporter.collector.Collector;
import org.swarmmon.nodeexporter.collector.CollectorSettings;
import org.swarmmon.nodeexporter.collector.HostPaths;
import org.swarmmon.nodeexporter.collector.LibcStatfs;
import org.swarmmon.nodeexporter.collector.MetricFamilies;
import org.swarmmon.nodeexporter.collector.NodeCollector;
import org.swarmmon.nodeexporter.collector.NetworkNamespace;
import org.swarmmon.nodeexporter.collector.NodeIdentity;
import org.swarmmon.nodeexporter.collector.Statfs;

/** Reads the node-exporter's settings (flags, application.yml, environment) and wires the core. */
@Configuration(proxyBeanMethods = false)
class NodeExporterConfiguration {

  private static final String P = "node-exporter.";

  @Bean
  CollectorSettings collectorSettings(Environment env) {
    HostPaths paths = new HostPaths(
        Path.of(env.getProperty(P + "path.procfs", "/proc")),
        Path.of(env.getProperty(P + "path.sysfs", "/sys")),
        Path.of(env.getProperty(P + "path.rootfs", "/")))
        .withNetworkNamespace(NetworkNamespace.parse(env.getProperty(P + "network-namespace", "auto")));
    Logger.getLogger(NodeExporterConfiguration.class.getName()).info("network collectors read "
        + paths.net() + (paths.net().equals(paths.proc("net"))
            ? " (this process's network namespace)" : " (the network namespace of the host's init)"));
    Map<String, Boolean> enabled = new HashMap<>();
    for (String name : CollectorSettings.ALL) {
      Boolean on = env.getProperty(P + "collector." + name + ".enabled", Boolean.class);
      if (on != null) {
        enabled.put(name, on);
      }
    }
    String textfile = env.getProperty(P + "collector.textfile.directory", "");
    CollectorSettings defaults = CollectorSettings.defaults(paths);
    return new CollectorSettings(
        paths,
        Path.of(env.getProperty(P + "path.udev-data", "/run/udev/data")),
        enabled,
        env.getProperty(P + "collector.disable-defaults", Boolean.class, false),
        textfile.isBlank() ? null : Path.of(textfile),
        env.getProperty(P + "collector.filesystem.mount-points-exclude", defaults.mountPointsExclude()),
        env.getProperty(P + "collector.filesystem.fs-types-exclude", defaults.fsTypesExclude()),
        env.getProperty(P + "collector.filesystem.mount-timeout", Duration.class, defaults.mountTimeout()),
        env.getProperty(P + "collector.diskstats.device-include", ""),
        env.getProperty(P + "collector.diskstats.device-exclude", defaults.diskstatsDeviceExclude()),
        env.getProperty(P + "collector.netdev.device-include", ""),
        env.getProperty(P + "collector.netdev.device-exclude", ""),
        env.getProperty(P + "collector.vmstat.fields", defaults.vmstatFields()),
        env.getProperty(P + "collector.netstat.fields", defaults.netstatFields()));
  }

  /** Built at startup even with lazy initialization, so a bad flag stops the start, as in node_exporter. */
  @Bean
  @Lazy(false)
  NodeCollector nodeCollector(CollectorSettings settings, Environment env) {
    List<Collector> collectors = settings.createCollectors(Clock.systemDefaultZone(),
        settings.isEnabled("filesystem") ? statfs() : null);
    MetricFamilies constant = new MetricFamilies();
    BuildInfo.fromClasspath().addTo(constant);
    NodeIdentity.from(System.getenv(), Path.of(env.getProperty(P + "nodename-file", "/etc/nodename")))
        .addTo(constant);
    return new NodeCollector(collectors, constant, System::nanoTime);
  }

  /**
   * statfs(2) through JNA; when the native library cannot load (no glibc, no writable temp dir for
   * JNA), every mount reports {@code node_filesystem_device_error} 1 instead of the exporter failing.
   */
  private static Statfs statfs() {
    try {
      return new LibcStatfs();
    } catch (RuntimeException | LinkageError e) {
      String reason = "statfs(2) unavailable: " + e;
      Logger.getLogger(NodeExporterConfiguration.class.getName()).severe(reason);
      return mountPoint -> {
        throw new IOException(reason);
      };
    }
  }
}
