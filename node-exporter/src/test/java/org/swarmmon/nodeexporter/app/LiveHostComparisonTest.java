package org.swarmmon.nodeexporter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.swarmmon.nodeexporter.collector.CollectorSettings;
import org.swarmmon.nodeexporter.collector.FilesystemCollector;
import org.swarmmon.exportertoolkit.MetricsServer;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.References;

/**
 * Our node-exporter on this host, side by side with Debian's prometheus-node-exporter 1.5
 * started with the same filesystem and netdev settings.
 */
@SpringBootTest(properties = {"server.port=0", "server.address=127.0.0.1"})
class LiveHostComparisonTest {

  static final Path TEXTFILES = textfiles();

  /** Families of our collectors, as the reference names them (netclass's node_network_* aside). */
  static final Pattern OUR_FAMILIES = Pattern.compile(
      "node_(cpu_(seconds|guest_seconds)_total|memory_.*|load(1|5|15)|boot_time_seconds"
          + "|context_switches_total|forks_total|intr_total|procs_(running|blocked)|time_seconds"
          + "|time_zone_offset_seconds|time_clocksource_.*|uname_info|filesystem_.*|disk_.*"
          + "|network_(receive|transmit)_[a-z]+_total|textfile_.*|scrape_collector_.*|vmstat_.*"
          + "|filefd_.*|entropy_.*|pressure_.*|sockstat_.*|netstat_.*|os_.*)");

  @Autowired MetricsServer server;
  int port;

  @org.junit.jupiter.api.BeforeEach
  void port() {
    port = server.port();
  }

  static Path textfiles() {
    try {
      Path dir = Files.createTempDirectory("node-exporter-textfiles");
      Files.writeString(dir.resolve("job.prom"),
          "# HELP job_last_run_seconds When the job last ran.\n# TYPE job_last_run_seconds gauge\n"
              + "job_last_run_seconds{job=\"backup\"} 1.7e9\n");
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("node-exporter.collector.textfile.directory", TEXTFILES::toString);
  }

  String[] referenceFlags() {
    return new String[] {
        "--collector.textfile.directory=" + TEXTFILES,
        "--collector.filesystem.mount-points-exclude=" + FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE,
        "--collector.filesystem.fs-types-exclude=" + FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE,
        "--collector.netdev.device-exclude=^$"};
  }

  Scrape ours() {
    var response = Http.get("http://127.0.0.1:" + port + "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").map(t -> t.replace(" ", "")))
        .hasValue("text/plain;version=0.0.4;charset=utf-8");
    return Scrape.parse(response.body());
  }

  @Test
  void everyCollectorSucceedsOnThisHost() throws IOException {
    Scrape ours = ours();
    for (String collector : CollectorSettings.ALL) {
      assertThat(ours.value("node_scrape_collector_success", "{collector=\"" + collector + "\"}"))
          .as("collector %s", collector).isEqualTo(1.0);
    }
    long memTotalKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith("MemTotal:")).map(l -> Long.parseLong(l.split("\\s+")[1]))
        .findFirst().orElseThrow();
    assertThat(ours.value("node_memory_MemTotal_bytes", "{}")).isEqualTo(memTotalKb * 1024.0);
    assertThat(ours.samples().get("node_uname_info").keySet().iterator().next())
        .contains("nodename=\"" + Files.readString(Path.of("/proc/sys/kernel/hostname")).trim() + "\"");
    assertThat(ours.value("job_last_run_seconds", "{job=\"backup\"}")).isEqualTo(1.7e9);
    assertThat(ours.value("node_textfile_scrape_error", "{}")).isZero();
    assertThat(ours.samples()).containsKey("swarmmon_node_exporter_build_info");
  }

  @Test
  void openMetricsWhenAsked() {
    var response = Http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
        .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
        .build());
    assertThat(response.headers().firstValue("Content-Type").map(t -> t.replace(" ", "")))
        .hasValue("application/openmetrics-text;version=1.0.0;charset=utf-8");
    assertThat(response.body()).contains("# TYPE node_cpu_seconds counter").endsWith("# EOF\n");
  }

  /** The HELP and TYPE lines of the process_* families on a page. */
  static List<String> processMetadata(String page) {
    return page.lines().filter(l -> l.startsWith("# HELP process_") || l.startsWith("# TYPE process_"))
        .sorted().toList();
  }

  @Test
  void processMetricsAsNodeExporterServesThemJvmMetricsUnderActuator() {
    Scrape ours = ours();
    assertThat(ours.samples().keySet()).noneMatch(n -> n.startsWith("jvm_"));
    try (References.Started reference = References.nodeExporter(referenceFlags())) {
      List<String> theirs = processMetadata(Http.get(reference.url() + "/metrics").body());
      assertThat(theirs).hasSize(14);
      assertThat(processMetadata(ours.body())).isEqualTo(theirs);
    }
    assertThat(ours.value("process_resident_memory_bytes", "{}")).isPositive();
    assertThat(Http.get("http://127.0.0.1:" + port + "/actuator/prometheus").body())
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void collectParametersFilterTheCollectorsAsInNodeExporter() {
    String filter = "/metrics?collect%5B%5D=loadavg&collect%5B%5D=time&collect%5B%5D=loadavg";
    try (References.Started reference = References.nodeExporter(referenceFlags())) {
      Scrape theirs = Scrape.parse(Http.get(reference.url() + filter).body());
      Scrape ours = Scrape.parse(Http.get("http://127.0.0.1:" + port + filter).body());
      Function<Scrape, Set<String>> nodeFamilies = s -> s.types().keySet().stream()
          .filter(n -> n.startsWith("node_") && !n.equals("node_exporter_build_info")) // ours has our own name
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(nodeFamilies.apply(ours)).isEqualTo(nodeFamilies.apply(theirs)).contains("node_load1", "node_time_seconds");
      assertThat(ours.samples().get("node_scrape_collector_success").keySet())
          .isEqualTo(theirs.samples().get("node_scrape_collector_success").keySet())
          .containsExactly("{collector=\"loadavg\"}", "{collector=\"time\"}");
      assertThat(ours.types()).containsKeys("swarmmon_node_exporter_build_info", "process_cpu_seconds_total");
      for (String bad : List.of("nope", "")) {
        var theirAnswer = Http.get(reference.url() + "/metrics?collect%5B%5D=" + bad);
        var ourAnswer = Http.get("http://127.0.0.1:" + port + "/metrics?collect%5B%5D=" + bad);
        assertThat(ourAnswer.statusCode()).as(bad).isEqualTo(theirAnswer.statusCode()).isEqualTo(400);
        assertThat(ourAnswer.body()).as(bad).isEqualTo(theirAnswer.body());
        assertThat(ourAnswer.headers().firstValue("Content-Type"))
            .isEqualTo(theirAnswer.headers().firstValue("Content-Type"));
      }
    }
  }

  @Test
  void sameFamiliesTypesLabelsAndValuesAsNodeExporter() {
    try (References.Started reference = References.nodeExporter(referenceFlags())) {
      Scrape before = Scrape.parse(Http.get(reference.url() + "/metrics").body());
      Scrape ours = ours();
      Scrape after = Scrape.parse(Http.get(reference.url() + "/metrics").body());

      List<String> problems = new ArrayList<>();
      Set<String> compared = new LinkedHashSet<>();
      for (String family : before.types().keySet()) {
        if (!OUR_FAMILIES.matcher(family).matches() || !before.samples().containsKey(family)) {
          continue;
        }
        compared.add(family);
        if (!ours.types().containsKey(family)) {
          problems.add(family + " missing");
          continue;
        }
        if (!ours.types().get(family).equals(before.types().get(family))) {
          problems.add(family + " is " + ours.types().get(family) + ", node_exporter: "
              + before.types().get(family));
        }
        if (!ours.labelNames(family).equals(before.labelNames(family))) {
          problems.add(family + " has labels " + ours.labelNames(family) + ", node_exporter: "
              + before.labelNames(family));
        }
        // vmstat's fields are untyped, but counters all the same
        if (before.types().get(family).equals("counter") || family.startsWith("node_vmstat_")) {
          for (Map.Entry<String, Double> e : before.samples().get(family).entrySet()) {
            Double mine = ours.samples().get(family).get(e.getKey());
            Double later = after.samples().getOrDefault(family, Map.of()).get(e.getKey());
            if (mine != null && later != null
                && (mine < e.getValue() * 0.98 || mine > later * 1.02)) {
              problems.add(family + e.getKey() + " = " + mine + ", node_exporter: " + e.getValue()
                  + " .. " + later);
            }
          }
        }
      }
      assertThat(problems).isEmpty();
      assertThat(compared).contains("node_cpu_seconds_total", "node_memory_MemTotal_bytes",
          "node_load1", "node_boot_time_seconds", "node_context_switches_total", "node_forks_total",
          "node_intr_total", "node_procs_running", "node_procs_blocked", "node_time_seconds",
          "node_uname_info", "node_filesystem_size_bytes", "node_filesystem_avail_bytes",
          "node_filesystem_files", "node_filesystem_readonly", "node_disk_reads_completed_total",
          "node_disk_read_bytes_total", "node_disk_written_bytes_total",
          "node_disk_io_time_seconds_total", "node_network_receive_bytes_total",
          "node_network_transmit_packets_total", "node_network_receive_errs_total",
          "node_network_receive_drop_total", "node_textfile_mtime_seconds",
          "node_scrape_collector_success", "node_vmstat_pgfault", "node_vmstat_pgmajfault",
          "node_vmstat_pgpgin", "node_vmstat_pgpgout", "node_vmstat_pswpin", "node_vmstat_pswpout",
          "node_vmstat_oom_kill", "node_filefd_allocated", "node_filefd_maximum",
          "node_entropy_available_bits", "node_entropy_pool_size_bits",
          "node_pressure_cpu_waiting_seconds_total", "node_pressure_io_stalled_seconds_total",
          "node_pressure_memory_waiting_seconds_total", "node_sockstat_sockets_used",
          "node_sockstat_TCP_inuse", "node_sockstat_TCP_mem_bytes", "node_netstat_Tcp_InSegs",
          "node_netstat_TcpExt_ListenDrops", "node_netstat_Udp_InDatagrams", "node_os_info",
          "node_os_version");

      assertThat(ours.value("node_memory_MemTotal_bytes", "{}"))
          .isEqualTo(before.value("node_memory_MemTotal_bytes", "{}"));
      assertThat(ours.value("node_boot_time_seconds", "{}"))
          .isEqualTo(before.value("node_boot_time_seconds", "{}"));
      // other test runs on this host mount and unmount things: compare the mounts both saw
      for (String family : List.of("node_filesystem_size_bytes", "node_filesystem_files")) {
        Map<String, Double> theirs = before.samples().get(family);
        Map<String, Double> mine = ours.samples().get(family);
        assertThat(mine.keySet()).anyMatch(k -> k.contains("mountpoint=\"/\""));
        for (String series : mine.keySet()) {
          if (theirs.containsKey(series)
              && after.samples().get(family).containsKey(series)) {
            assertThat(mine.get(series)).as(family + series).isEqualTo(theirs.get(series));
          }
        }
      }
      assertThat(ours.samples().get("node_uname_info"))
          .isEqualTo(before.samples().get("node_uname_info"));
      for (String family : List.of("node_os_info", "node_os_version", "node_filefd_maximum",
          "node_entropy_pool_size_bits")) {
        assertThat(ours.samples().get(family)).as(family).isEqualTo(before.samples().get(family));
      }
    }
  }

  @Test
  void promtoolReportsOnlyTheNamingLintsItAlsoReportsOnNodeExporter() throws Exception {
    try (References.Started reference = References.nodeExporter(referenceFlags())) {
      Set<String> theirs = promtoolProblems(Http.get(reference.url() + "/metrics").body());
      Set<String> mine = promtoolProblems(ours().body());
      assertThat(theirs).isNotEmpty(); // node_memory_MemTotal_bytes is camelCase for compatibility
      assertThat(mine).isSubsetOf(theirs);
    }
  }

  static Set<String> promtoolProblems(String exposition) throws Exception {
    Path input = Files.createTempFile("exposition", ".prom");
    Files.writeString(input, exposition);
    Process p = new ProcessBuilder(References.promtool().toString(), "check", "metrics")
        .redirectInput(input.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Files.delete(input);
    Set<String> problems = new LinkedHashSet<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        problems.add(line.trim());
      }
    }
    return problems;
  }
}
