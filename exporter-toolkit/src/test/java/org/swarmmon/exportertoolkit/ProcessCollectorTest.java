package org.swarmmon.exportertoolkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;

/** The process_* families, side by side with those Debian's node_exporter serves about itself. */
class ProcessCollectorTest {

  static String text(ProcessCollector collector) {
    return new String(Exposition.write(new MetricSnapshots(collector.snapshots()), null).bytes(),
        StandardCharsets.UTF_8);
  }

  /** The HELP and TYPE lines of the process_* families. */
  static List<String> metadata(String page) {
    return page.lines().filter(l -> l.startsWith("# HELP process_") || l.startsWith("# TYPE process_"))
        .sorted().toList();
  }

  @Test
  void sameFamiliesTypesAndHelpAsNodeExporter() {
    String ours = text(new ProcessCollector());
    try (References.Started reference = References.nodeExporter()) {
      List<String> theirs = metadata(Http.get(reference.url() + "/metrics").body());
      assertThat(theirs).hasSize(14);
      assertThat(metadata(ours)).isEqualTo(theirs);
    }
    assertThat(ours).containsPattern("(?m)^process_cpu_seconds_total [0-9.eE+-]+$")
        .containsPattern("(?m)^process_resident_memory_bytes [1-9][0-9.eE+]+$")
        .containsPattern("(?m)^process_open_fds [1-9]")
        .containsPattern("(?m)^process_start_time_seconds 1\\.[0-9]+[eE]9$");
  }

  @Test
  void promtoolFindsNothingToSay() throws Exception {
    Process p = new ProcessBuilder(References.promtool().toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write(text(new ProcessCollector()).getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).isEmpty();
    assertThat(p.exitValue()).isZero();
  }

  @Test
  void maxAddressSpaceIsTheSoftLimitAndUnlimitedIsTwoToThe64(@TempDir Path dir) throws IOException {
    Path limits = dir.resolve("limits");
    String header = "Limit                     Soft Limit           Hard Limit           Units     \n"
        + "Max cpu time              unlimited            unlimited            seconds   \n";
    Files.writeString(limits, header + "Max address space         unlimited            unlimited            bytes     \n");
    assertThat(ProcessCollector.maxAddressSpace(limits)).isEqualTo(1.8446744073709552e19);
    Files.writeString(limits, header + "Max address space         4294967296           unlimited            bytes     \n");
    assertThat(ProcessCollector.maxAddressSpace(limits)).isEqualTo(4294967296.0);
    Files.writeString(limits, header);
    assertThat(ProcessCollector.maxAddressSpace(limits)).isNaN();
    assertThat(ProcessCollector.maxAddressSpace(dir.resolve("absent"))).isNaN();
  }
}
