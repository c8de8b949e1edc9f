package org.swarmmon.nodeexporter.collector;

import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
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
    for (ProcLine line : ProcFiles.table(paths.proc("vmstat"))) {
      String[] f = line.fields();
      if (f.length < 2) {
        throw line.malformed("invalid line " + ProcFiles.quote(line.text()));
      }
      double value = line.value(1);
      // Go's MatchString: the pattern may match anywhere unless it is anchored
      if (!fields.matcher(f[0]).find()) {
        continue;
      }
      out.untyped("node_vmstat_" + f[0], "/proc/vmstat information field " + f[0] + ".", value,
          Labels.EMPTY);
    }
  }
}
