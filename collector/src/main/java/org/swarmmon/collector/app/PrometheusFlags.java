package org.swarmmon.collector.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prometheus's command-line flags, translated to Spring properties before Spring starts, so a
 * swarmprom {@code command:} line works unchanged. Accepts {@code --flag=value}, {@code --flag
 * value}, boolean flags alone, and kingpin's {@code --no-flag}. Anything else passes through to
 * Spring unchanged (so {@code --server.port=...} still works).
 */
public final class PrometheusFlags {

  private static final Map<String, String> VALUE_FLAGS = new LinkedHashMap<>();
  private static final Map<String, String> BOOLEAN_FLAGS = new LinkedHashMap<>();
  /** Prometheus flags accepted for compatibility that this collector does not act on. */
  private static final Set<String> IGNORED = Set.of(
      "storage.tsdb.min-block-duration", "storage.tsdb.max-block-duration",
      "storage.tsdb.wal-compression", "storage.tsdb.no-lockfile", "storage.tsdb.allow-overlapping-blocks",
      "web.console.templates", "web.console.libraries", "web.user-assets",
      "web.max-connections", "web.read-timeout", "web.cors.origin", "web.page-title",
      "query.max-samples-per-query", "rules.alert.for-outage-tolerance", "rules.alert.for-grace-period",
      "rules.alert.resend-delay", "alertmanager.notification-queue-capacity", "log.format",
      "enable-feature", "storage.remote.flush-deadline",
      "scrape.adjust-timestamps", "scrape.timestamp-tolerance");

  static {
    VALUE_FLAGS.put("config.file", "collector.config-file");
    VALUE_FLAGS.put("storage.tsdb.path", "collector.storage.path");
    VALUE_FLAGS.put("storage.tsdb.retention.time", "collector.storage.retention-time");
    VALUE_FLAGS.put("storage.tsdb.retention", "collector.storage.retention-time");
    VALUE_FLAGS.put("storage.tsdb.retention.size", "collector.storage.retention-size");
    VALUE_FLAGS.put("storage.remote.read-sample-limit", "collector.storage.remote-read-sample-limit");
    VALUE_FLAGS.put("storage.remote.read-concurrent-limit", "collector.storage.remote-read-concurrent-limit");
    VALUE_FLAGS.put("storage.remote.read-max-bytes-in-frame", "collector.storage.remote-read-max-bytes-in-frame");
    VALUE_FLAGS.put("web.external-url", "collector.web.external-url");
    VALUE_FLAGS.put("web.route-prefix", "collector.web.route-prefix");
    VALUE_FLAGS.put("web.config.file", "collector.web.config-file");
    VALUE_FLAGS.put("query.lookback-delta", "collector.query.lookback-delta");
    VALUE_FLAGS.put("query.timeout", "collector.query.timeout");
    VALUE_FLAGS.put("query.max-samples", "collector.query.max-samples");
    VALUE_FLAGS.put("query.max-concurrency", "collector.query.max-concurrency");
    VALUE_FLAGS.put("log.level", "logging.level.org.swarmmon");
    BOOLEAN_FLAGS.put("web.enable-remote-write-receiver", "collector.web.enable-remote-write-receiver");
    BOOLEAN_FLAGS.put("web.enable-admin-api", "collector.web.enable-admin-api");
    BOOLEAN_FLAGS.put("web.enable-lifecycle", "collector.web.enable-lifecycle");
  }

  private PrometheusFlags() {}

  /** The Spring arguments for Prometheus's; throws IllegalArgumentException on a bad flag. */
  public static String[] toSpringArgs(String[] args) {
    List<String> out = new ArrayList<>();
    String retentionTime = null;
    String oldRetention = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") && !arg.startsWith("-")) {
        out.add(arg);
        continue;
      }
      String body = arg.replaceFirst("^--?", "");
      String name = body;
      String value = null;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        name = body.substring(0, eq);
        value = body.substring(eq + 1);
      }
      if (name.equals("web.listen-address")) {
        if (value == null) {
          value = next(args, ++i, name);
        }
        listenAddress(value, out);
        continue;
      }
      if (VALUE_FLAGS.containsKey(name)) {
        if (value == null) {
          value = next(args, ++i, name);
        }
        if (name.equals("storage.tsdb.retention.time")) {
          retentionTime = value;
        } else if (name.equals("storage.tsdb.retention")) {
          oldRetention = value;
        } else if (name.startsWith("storage.remote.read-")) {
          out.add("--" + VALUE_FLAGS.get(name) + "=" + kingpinInt(name, value));
        } else {
          out.add("--" + VALUE_FLAGS.get(name) + "=" + value);
        }
        continue;
      }
      String bool = name.startsWith("no-") ? name.substring(3) : name;
      if (BOOLEAN_FLAGS.containsKey(bool)) {
        boolean on = !name.startsWith("no-");
        if (value != null) {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(
                "strconv.ParseBool: parsing \"" + value + "\": invalid syntax for --" + bool);
          }
          on = on == Boolean.parseBoolean(value.toLowerCase());
        }
        out.add("--" + BOOLEAN_FLAGS.get(bool) + "=" + on);
        continue;
      }
      if (IGNORED.contains(name) || IGNORED.contains(bool)) {
        if (value == null && i + 1 < args.length && !args[i + 1].startsWith("-")
            && !isBooleanIgnored(name)) {
          i++;
        }
        continue;
      }
      out.add(arg);
    }
    // the old flag applies only when the new one is not given, as in Prometheus
    String retention = retentionTime != null ? retentionTime : oldRetention;
    if (retention != null) {
      out.add("--collector.storage.retention-time=" + retention);
    }
    return out.toArray(new String[0]);
  }

  /** kingpin reads int flags as floats, so {@code 5e7} (the sample limit's default) is fine. */
  private static long kingpinInt(String name, String value) {
    try {
      return (long) Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + value
          + "\": invalid syntax for --" + name);
    }
  }

  private static boolean isBooleanIgnored(String name) {
    return name.equals("storage.tsdb.wal-compression") || name.equals("storage.tsdb.no-lockfile")
        || name.equals("storage.tsdb.allow-overlapping-blocks") || name.equals("scrape.adjust-timestamps");
  }

  private static String next(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException("expected argument for flag '--" + name + "'");
    }
    return args[i];
  }

  private static void listenAddress(String value, List<String> out) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address " + value + ": missing port in address");
    }
    String host = value.substring(0, colon);
    String port = value.substring(colon + 1);
    try {
      Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address " + value + ": invalid port");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!host.isEmpty()) {
      out.add("--server.address=" + host);
    }
    out.add("--server.port=" + port);
  }
}
