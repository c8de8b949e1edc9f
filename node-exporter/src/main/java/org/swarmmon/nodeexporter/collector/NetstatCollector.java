package org.swarmmon.nodeexporter.collector;

import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code node_netstat_<Protocol>_<Field>} (untyped) from /proc/net/netstat, /proc/net/snmp and
 * /proc/net/snmp6 (absent when IPv6 is off), for the fields {@code --collector.netstat.fields}
 * matches.
 */
public final class NetstatCollector implements Collector {

  public static final String DEFAULT_FIELDS = "^(.*_(InErrors|InErrs)|Ip_Forwarding"
      + "|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)"
      + "|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts)"
      + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
      + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

  /** A value as read, with the place it was read from for error messages. */
  private record Value(String text, Path file, int line) {}

  private final HostPaths paths;
  private final Pattern fields;

  public NetstatCollector(HostPaths paths, Pattern fields) {
    this.paths = paths;
    this.fields = fields;
  }

  @Override
  public String name() {
    return "netstat";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    // protocol -> field -> value; a protocol of a later file replaces an earlier one's
    Map<String, Map<String, Value>> stats = new LinkedHashMap<>();
    pairedLines(paths.net("netstat"), stats);
    pairedLines(paths.net("snmp"), stats);
    Path snmp6 = paths.net("snmp6");
    if (Files.exists(snmp6)) {
      snmp6(snmp6, stats);
    }
    for (Map.Entry<String, Map<String, Value>> protocol : stats.entrySet()) {
      for (Map.Entry<String, Value> field : protocol.getValue().entrySet()) {
        String key = protocol.getKey() + "_" + field.getKey();
        Value v = field.getValue();
        double value = ProcFiles.parseDouble(v.file, v.line, v.text);
        if (!fields.matcher(key).find()) {
          continue;
        }
        out.untyped("node_netstat_" + key, "Statistic " + protocol.getKey() + field.getKey() + ".",
            value, Labels.EMPTY);
      }
    }
  }

  /** /proc/net/netstat and /proc/net/snmp: a line of names, then a line of values, per protocol. */
  private static void pairedLines(Path file, Map<String, Map<String, Value>> stats)
      throws IOException {
    List<String> lines = ProcFiles.lines(file);
    for (int i = 0; i < lines.size(); i += 2) {
      String[] names = lines.get(i).split(" ");
      if (i + 1 >= lines.size()) {
        throw ProcFiles.malformed(file, i + 1, "header line without a line of values");
      }
      String[] values = lines.get(i + 1).split(" ");
      if (!names[0].endsWith(":")) {
        throw ProcFiles.malformed(file, i + 1, "no protocol in " + ProcFiles.quote(lines.get(i)));
      }
      String protocol = names[0].substring(0, names[0].length() - 1);
      if (names.length != values.length) {
        throw ProcFiles.malformed(file, i + 2, "field count mismatch for " + protocol);
      }
      Map<String, Value> fields = new LinkedHashMap<>();
      for (int k = 1; k < names.length; k++) {
        fields.put(names[k], new Value(values[k], file, i + 2));
      }
      stats.put(protocol, fields);
    }
  }

  /** /proc/net/snmp6: {@code Ip6InReceives 123}, the protocol being the name up to its first 6. */
  private static void snmp6(Path file, Map<String, Map<String, Value>> stats) throws IOException {
    Map<String, Map<String, Value>> six = new LinkedHashMap<>();
    for (ProcLine line : ProcFiles.table(file)) {
      String[] f = line.fields();
      int sixAt = f.length < 2 ? -1 : f[0].indexOf('6');
      if (sixAt < 0) {
        continue;
      }
      six.computeIfAbsent(f[0].substring(0, sixAt + 1), p -> new LinkedHashMap<>())
          .put(f[0].substring(sixAt + 1), new Value(f[1], file, line.number()));
    }
    stats.putAll(six);
  }
}
