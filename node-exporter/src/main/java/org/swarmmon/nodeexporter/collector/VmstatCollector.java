package org.swarmmon.nodeexporter.collector;

import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code node_vmstat_<field>} (untyped) for the fields of /proc/vmstat that
 * {@code --collector.vmstat.fields} matches.
 */
public final class VmstatCollector implements Collector {

  public static final String DEFAULT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";

  private final HostPaths paths;
  private final Pattern fields;

  public VmstatCollector(HostPaths paths, Pattern fields) {
    this.paths = paths;
    this.fields = fields;
  }

  @Override
  public String name() {
    return "vmstat";
  }

  @Override
  public void update(MetricFamilies out) throws IOException {
    Path file = paths.proc("vmstat");
    List<String> lines = ProcFiles.lines(file);
    int number = 0;
    for (String line : lines) {
      number++;
      String[] f = ProcFiles.fields(line);
      if (f.length == 0) {
        continue;
      }
      if (f.length < 2) {
        throw ProcFiles.malformed(file, number, "invalid line " + ProcFiles.quote(line));
      }
      double value = ProcFiles.parseDouble(file, number, f[1]);
      // Go's MatchString: the pattern may match anywhere unless it is anchored
      if (!fields.matcher(f[0]).find()) {
        continue;
      }
      out.untyped("node_vmstat_" + f[0], "/proc/vmstat information field " + f[0] + ".", value,
          Labels.EMPTY);
    }
  }
}
