package org.swarmmon.nodeexporter.flags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * node_exporter's command line, translated into Spring properties before the application starts,
 * so a stack file's {@code command:} lines written for node_exporter work unchanged. Both
 * {@code --flag=value} and {@code --flag value} are accepted, as kingpin accepts them.
 */
public final class NodeExporterFlags {

  /** Spring property prefix of everything the node-exporter reads. */
  public static final String PREFIX = "node-exporter.";

  /** Flags with a value, and the property each sets. */
  private static final Map<String, String> VALUE_FLAGS = Map.ofEntries(
      Map.entry("path.procfs", PREFIX + "path.procfs"),
      Map.entry("path.sysfs", PREFIX + "path.sysfs"),
      Map.entry("path.rootfs", PREFIX + "path.rootfs"),
      Map.entry("path.udev.data", PREFIX + "path.udev-data"),
      Map.entry("web.telemetry-path", PREFIX + "web.telemetry-path"),
      Map.entry("collector.textfile.directory", PREFIX + "collector.textfile.directory"),
      Map.entry("collector.filesystem.mount-points-exclude",
          PREFIX + "collector.filesystem.mount-points-exclude"),
      Map.entry("collector.filesystem.fs-types-exclude",
          PREFIX + "collector.filesystem.fs-types-exclude"),
      Map.entry("collector.filesystem.mount-timeout", PREFIX + "collector.filesystem.mount-timeout"),
      Map.entry("collector.diskstats.device-exclude", PREFIX + "collector.diskstats.device-exclude"),
      Map.entry("collector.diskstats.device-include", PREFIX + "collector.diskstats.device-include"),
      Map.entry("collector.netdev.device-exclude", PREFIX + "collector.netdev.device-exclude"),
      Map.entry("collector.netdev.device-include", PREFIX + "collector.netdev.device-include"),
      Map.entry("collector.vmstat.fields", PREFIX + "collector.vmstat.fields"),
      Map.entry("collector.netstat.fields", PREFIX + "collector.netstat.fields"));

  /** Deprecated names node_exporter 1.5 still accepts, and their current names. */
  private static final Map<String, String> OLD_NAMES = Map.of(
      "collector.filesystem.ignored-mount-points", "collector.filesystem.mount-points-exclude",
      "collector.filesystem.ignored-fs-types", "collector.filesystem.fs-types-exclude",
      "collector.diskstats.ignored-devices", "collector.diskstats.device-exclude",
      "collector.netdev.device-blacklist", "collector.netdev.device-exclude",
      "collector.netdev.device-whitelist", "collector.netdev.device-include");

  /** node_exporter's boolean flags that take no value. */
  private static final Set<String> BOOLEAN_FLAGS = Set.of(
      "collector.disable-defaults", "web.disable-exporter-metrics", "version", "help",
      "web.systemd-socket");

  /** Property prefixes passed through unchanged (Spring's own options). */
  private static final List<String> SPRING_PREFIXES = List.of(
      "spring.", "server.", "management.", "logging.", "node-exporter.");

  private NodeExporterFlags() {}

  /**
   * The result: arguments for SpringApplication, and node_exporter flags that have no meaning
   * here (other collectors' options), which the caller should log.
   */
  public record Translation(List<String> springArgs, List<String> ignored, boolean versionOnly) {}

  public static Translation translate(String... args) {
    Map<String, String> properties = new LinkedHashMap<>();
    Map<String, String> setBy = new LinkedHashMap<>();
    List<String> passThrough = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    boolean versionOnly = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("unexpected " + arg + ", try --help");
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String inlineValue = eq < 0 ? null : body.substring(eq + 1);

      if (SPRING_PREFIXES.stream().anyMatch(name::startsWith)) {
        passThrough.add(arg);
        continue;
      }
      if (name.startsWith("no-collector.") && !name.substring(13).contains(".")) {
        properties.put(PREFIX + "collector." + name.substring(13) + ".enabled", "false");
        continue;
      }
      if (name.startsWith("collector.") && !name.substring(10).contains(".")
          && !BOOLEAN_FLAGS.contains(name)) {
        properties.put(PREFIX + "collector." + name.substring(10) + ".enabled",
            inlineValue == null ? "true" : Boolean.toString(Boolean.parseBoolean(inlineValue)));
        continue;
      }
      if (BOOLEAN_FLAGS.contains(name)) {
        if (name.equals("version")) {
          versionOnly = true;
        } else if (name.equals("collector.disable-defaults")) {
          properties.put(PREFIX + "collector.disable-defaults",
              inlineValue == null ? "true" : inlineValue);
        } else {
          ignored.add(arg);
        }
        continue;
      }
      String value = inlineValue;
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          if (VALUE_FLAGS.containsKey(name) || OLD_NAMES.containsKey(name)
              || name.equals("web.listen-address") || name.equals("log.level")) {
            throw new IllegalArgumentException("expected argument for flag '--" + name + "'");
          }
          ignored.add(arg);
          continue;
        }
        value = args[++i];
      }
      String current = OLD_NAMES.getOrDefault(name, name);
      if (name.equals("web.listen-address")) {
        listenAddress(value, properties);
      } else if (name.equals("log.level")) {
        properties.put("logging.level.org.swarmmon", value.toUpperCase(Locale.ROOT));
      } else if (VALUE_FLAGS.containsKey(current)) {
        String property = VALUE_FLAGS.get(current);
        String earlier = setBy.put(property, name);
        if (earlier != null && !earlier.equals(name)) {
          throw new IllegalArgumentException(
              "--" + earlier + " and --" + name + " are mutually exclusive");
        }
        properties.put(property, value);
      } else {
        ignored.add("--" + name + "=" + value);
      }
    }
    List<String> springArgs = new ArrayList<>();
    properties.forEach((k, v) -> springArgs.add("--" + k + "=" + v));
    springArgs.addAll(passThrough);
    return new Translation(List.copyOf(springArgs), List.copyOf(ignored), versionOnly);
  }

  /** {@code :9100}, {@code 0.0.0.0:9100}, {@code [::1]:9100} or {@code host:9100}. */
  private static void listenAddress(String value, Map<String, String> properties) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--web.listen-address=" + value + ": address " + value + ": missing port in address");
    }
    String host = value.substring(0, colon);
    String port = value.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int p = Integer.parseInt(port);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--web.listen-address=" + value + ": invalid port " + port);
    }
    properties.put("server.port", port);
    if (!host.isEmpty()) {
      properties.put("server.address", host);
    } else {
      properties.remove("server.address");
    }
  }
}
