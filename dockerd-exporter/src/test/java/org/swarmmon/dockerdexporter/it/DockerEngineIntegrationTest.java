package org.swarmmon.dockerdexporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.swarmmon.testbed.Parts;
import org.swarmmon.testbed.References;

/**
 * The exporter against a real dockerd of the test's own (so every event on it is the test's):
 * counts by state, event counters, the engine's native families, crash reports delivered to a
 * real Alertmanager, and an engine stop and restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerEngineIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String IMAGE = "swarmmon-test/busybox:1";

  private SecondDockerd engine;
  private AlertReceiver alertmanager;
  private Path alertmanagerConfig;
  private final int alertmanagerPort = org.swarmmon.testbed.FreePorts.next();
  private ExporterUnderTest exporter;

  @BeforeAll
  void start() throws IOException {
    engine = SecondDockerd.start();
    engine.importBusybox(IMAGE);
    alertmanagerConfig = AlertReceiver.groupByContainerConfig();
    alertmanager = startAlertmanager();
    exporter = ExporterUnderTest.start(Map.of(
        "dockerd-exporter.docker.host", engine.host(),
        "dockerd.metrics-url", engine.metricsUrl(),
        "alertmanager.url", "http://127.0.0.1:" + alertmanagerPort,
        "dockerd-exporter.node-name", "test-node",
        "dockerd-exporter.crash.cgroup-sample-interval", "300ms",
        "dockerd-exporter.crash.log-lines", "5",
        "dockerd-exporter.events.reconnect-max-backoff", "2s"));
    Scrape.await(exporter.metricsUrl(), WAIT, "dockerd_exporter_events_stream_connected", v -> v == 1);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {exporter, alertmanager, engine}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  @Order(1)
  void containerCountsFollowRunStopAndRm() {
    String url = exporter.metricsUrl();
    String page = Scrape.page(url);
    double running = Scrape.valueOr0(page, "dockerd_exporter_containers", "state", "running");
    double exited = Scrape.valueOr0(page, "dockerd_exporter_containers", "state", "exited");

    engine.docker("run", "-d", "--name", "counted", "--network", "none", IMAGE, "/bin/busybox", "sleep", "600");
    page = Scrape.await(url, WAIT, "dockerd_exporter_containers", v -> v == running + 1, "state", "running");
    assertThat(Scrape.valueOr0(page, "engine_daemon_container_states_containers", "state", "running"))
        .isEqualTo(running + 1);

    engine.docker("stop", "-t", "1", "counted");
    page = Scrape.await(url, WAIT, "dockerd_exporter_containers", v -> v == exited + 1, "state", "exited");
    assertThat(Scrape.valueOr0(page, "dockerd_exporter_containers", "state", "running")).isEqualTo(running);

    engine.docker("rm", "counted");
    page = Scrape.await(url, WAIT, "dockerd_exporter_containers", v -> v == exited, "state", "exited");
    assertThat(Scrape.valueOr0(page, "dockerd_exporter_containers", "state", "running")).isEqualTo(running);
  }

  @Test
  @Order(2)
  void eventCountersMatchTheActionsPerformed() {
    String url = exporter.metricsUrl();
    String before = Scrape.page(url);
    List<String> actions = List.of("create", "start", "die", "destroy");
    Map<String, Double> was = new java.util.HashMap<>();
    actions.forEach(a -> was.put(a, Scrape.valueOr0(before, "dockerd_exporter_events_total", "action", a, "type", "container")));
    double volumesCreated = Scrape.valueOr0(before, "dockerd_exporter_events_total", "action", "create", "type", "volume");

    for (int i = 0; i < 3; i++) {
      engine.docker("run", "--rm", "--network", "none", IMAGE, "/bin/busybox", "true");
    }
    // a marker after them: once it is counted, everything before it has been
    engine.docker("volume", "create", "marker-" + System.nanoTime());
    String after = Scrape.await(url, WAIT, "dockerd_exporter_events_total", v -> v == volumesCreated + 1,
        "action", "create", "type", "volume");
    for (String action : actions) {
      assertThat(Scrape.valueOr0(after, "dockerd_exporter_events_total", "action", action, "type", "container"))
          .as(action).isEqualTo(was.get(action) + 3);
    }
  }

  @Test
  @Order(3)
  void theEnginesNativeFamiliesAreServedOnceAndPassPromtool() throws Exception {
    engine.docker("run", "--rm", "--network", "none", IMAGE, "/bin/busybox", "true");
    String page = Scrape.page(exporter.metricsUrl());
    assertThat(page)
        .contains("engine_daemon_container_actions_seconds_bucket")
        .contains("engine_daemon_network_actions_seconds")
        .contains("engine_daemon_events_subscribers_total")
        .contains("swarm_manager_nodes")
        .contains("go_goroutines");
    assertThat(Scrape.valueOr0(page, "dockerd_exporter_native_metrics_up")).isEqualTo(1);
    List<String> types = new ArrayList<>();
    for (String line : page.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        types.add(line.split(" ")[2]);
      }
    }
    assertThat(types).doesNotHaveDuplicates().contains("engine_daemon_engine_info", "engine_daemon_health_checks_total");
    // the exporter's own process metrics, in place of the engine's
    for (String name : List.of("process_cpu_seconds_total", "process_resident_memory_bytes",
        "process_virtual_memory_bytes", "process_virtual_memory_max_bytes", "process_start_time_seconds",
        "process_open_fds", "process_max_fds")) {
      assertThat(page).containsPattern("(?m)^" + name + " [0-9]");
    }

    Path file = Files.createTempFile(Parts.workDir("promtool"), "page", ".txt");
    Files.writeString(file, page);
    Process p = new ProcessBuilder(References.promtool().toString(), "check", "metrics")
        .redirectInput(file.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // the only lints allowed: the engine's own gauges named *_total, kept as dockerd names them
    List<String> allowed = List.of("engine_daemon_events_subscribers_total", "swarm_manager_configs_total",
        "swarm_manager_networks_total", "swarm_manager_secrets_total", "swarm_manager_services_total",
        "swarm_manager_tasks_total");
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      assertThat(line).as("promtool said: " + out)
          .matches(l -> allowed.stream().anyMatch(a -> l.startsWith(a + " non-counter metrics should not have \"_total\" suffix")));
    }
  }

  @Test
  @Order(4)
  void aContainerExitingThreeIsReportedWithItsLogTailAndDelivered() throws Exception {
    int exit = engine.dockerExit("run", "--name", "exits-three", "--network", "none",
        "--label", "com.docker.compose.project=shop", "--label", "com.docker.compose.service=billing",
        IMAGE, "/bin/sh", "-c",
        "for i in 1 2 3 4 5 6 7; do echo known line $i; done; echo 'db password=hunter2'; echo bye; "
            + "/bin/busybox sleep 1; exit 3");
    assertThat(exit).isEqualTo(3);
    JsonNode report = awaitReport("exits-three");
    assertThat(report.get("reason").asText()).isEqualTo("EXIT_CODE");
    assertThat(report.at("/finalState/exitCode").asInt()).isEqualTo(3);
    assertThat(report.at("/finalState/oomKilled").asBoolean()).isFalse();
    assertThat(report.at("/image/reference").asText()).isEqualTo(IMAGE);
    assertThat(report.at("/image/tag").asText()).isEqualTo("1");
    assertThat(report.at("/image/id").asText()).startsWith("sha256:");
    assertThat(report.get("service").asText()).isEqualTo("billing");
    assertThat(report.get("stack").asText()).isEqualTo("shop");
    assertThat(report.at("/finalState/finishedAt").asText()).isNotEmpty();
    // it ran a second: the sampler (every 300ms here) saw its cgroup before it vanished
    assertThat(report.at("/resources/peakMemoryBytes").asLong()).isPositive();
    assertThat(report.at("/resources/source").asText()).startsWith("cgroup v");
    List<String> logs = new ArrayList<>();
    report.get("logTail").forEach(n -> logs.add(n.asText()));
    assertThat(logs).containsExactly("known line 5", "known line 6", "known line 7",
        "db password=[REDACTED]", "bye");

    JsonNode alert = awaitAlert("exits-three");
    assertThat(alert.at("/labels/node").asText()).isEqualTo("test-node");
    assertThat(alert.at("/labels/service").asText()).isEqualTo("billing");
    assertThat(alert.at("/annotations/exit_reason").asText()).isEqualTo("exited with code 3");
    assertThat(alert.at("/annotations/logs").asText()).endsWith("known line 7\ndb password=[REDACTED]\nbye")
        .doesNotContain("hunter2");
    String page = Scrape.page(exporter.metricsUrl());
    assertThat(Scrape.valueOr0(page, "container_crashes_total", "container", "exits-three",
        "reason", "exit_code", "service", "billing", "stack", "shop")).isEqualTo(1);
  }

  @Test
  @Order(5)
  void anOomKilledContainerIsReportedAsSuch() throws Exception {
    int exit = engine.dockerExit("run", "--name", "eats-memory", "--network", "none", "-m", "8m",
        "--memory-swap", "8m", IMAGE, "/bin/sh", "-c", "echo filling memory; /bin/busybox tail /dev/zero");
    assertThat(exit).isEqualTo(137);
    JsonNode report = awaitReport("eats-memory");
    assertThat(report.get("reason").asText()).isEqualTo("OOM_KILLED");
    assertThat(report.at("/finalState/oomKilled").asBoolean()).isTrue();
    assertThat(report.at("/finalState/exitCode").asInt()).isEqualTo(137);
    assertThat(report.get("logTail").toString()).contains("filling memory");
    JsonNode alert = awaitAlert("eats-memory");
    assertThat(alert.at("/annotations/exit_reason").asText()).startsWith("killed by the OOM killer");
    assertThat(alert.at("/annotations/reason").asText()).isEqualTo("oom_killed");
  }

  @Test
  @Order(6)
  void aCrashLoopYieldsOneAlertGroupThatStaysFiring() throws Exception {
    engine.docker("run", "-d", "--name", "loops", "--network", "none", "--restart", "always",
        IMAGE, "/bin/sh", "-c", "echo going down; exit 1");
    Scrape.awaitValue(Duration.ofSeconds(90), "three crash reports of loops", () ->
        reportsOf("loops").size() >= 3 ? Boolean.TRUE : null);
    engine.docker("rm", "-f", "loops");
    JsonNode alert = awaitAlert("loops");
    assertThat(alert.at("/status/state").asText()).isEqualTo("active");
    // one group, holding one alert
    assertThat(alertmanager.alertsPerGroupOf("loops")).containsExactly(1);
  }

  @Test
  @Order(7)
  void anEngineStopShowsInTheGaugeAndEventsAfterTheRestartCountOnce() {
    String url = exporter.metricsUrl();
    engine.stop();
    String down = Scrape.await(url, WAIT, "dockerd_exporter_engine_up", v -> v == 0);
    assertThat(Scrape.value(down, "dockerd_exporter_native_metrics_up")).hasValue(0);
    double reconnects = Scrape.valueOr0(down, "dockerd_exporter_events_stream_reconnects_total");

    engine.launch();
    String up = Scrape.await(url, WAIT, "dockerd_exporter_events_stream_connected", v -> v == 1);
    assertThat(Scrape.value(up, "dockerd_exporter_engine_up")).hasValue(1);
    assertThat(Scrape.valueOr0(up, "dockerd_exporter_events_stream_reconnects_total")).isGreaterThan(reconnects);

    double starts = Scrape.valueOr0(up, "dockerd_exporter_events_total", "action", "start", "type", "container");
    double volumesCreated = Scrape.valueOr0(up, "dockerd_exporter_events_total", "action", "create", "type", "volume");
    engine.docker("run", "--rm", "--network", "none", IMAGE, "/bin/busybox", "true");
    engine.docker("run", "--rm", "--network", "none", IMAGE, "/bin/busybox", "true");
    engine.docker("volume", "create", "marker-" + System.nanoTime());
    String after = Scrape.await(url, WAIT, "dockerd_exporter_events_total", v -> v == volumesCreated + 1,
        "action", "create", "type", "volume");
    assertThat(Scrape.valueOr0(after, "dockerd_exporter_events_total", "action", "start", "type", "container"))
        .isEqualTo(starts + 2);
  }

  @Test
  @Order(8)
  void theOptionalCleanUpRemovesOnlyExitedContainersWithoutTheKeepLabel() throws Exception {
    engine.docker("run", "--name", "done-with", "--network", "none", IMAGE, "/bin/busybox", "true");
    engine.docker("run", "--name", "kept", "--label", "org.swarmmon.keep=yes", "--network", "none",
        IMAGE, "/bin/busybox", "true");
    engine.docker("run", "-d", "--name", "still-running", "--network", "none", IMAGE,
        "/bin/busybox", "sleep", "600");
    try (var client = org.swarmmon.dockerdexporter.engine.DockerClients.create(
        engine.host(), "1.41", Duration.ofSeconds(10))) {
      // a clock an hour ahead: both exited containers are past the grace period
      java.time.Clock later = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(1));
      var janitor = new org.swarmmon.dockerdexporter.cleanup.ExitedContainerJanitor(
          client, Duration.ofMinutes(30), "org.swarmmon.keep", later);
      String doneWith = engine.docker("inspect", "--format", "{{.Id}}", "done-with");
      List<String> removed = janitor.sweep();
      // the earlier tests' crashed containers have exited too
      assertThat(removed).contains(doneWith);
      String names = engine.docker("ps", "-a", "--format", "{{.Names}}");
      assertThat(names).contains("kept", "still-running").doesNotContain("done-with", "exits-three");
      // within the grace period nothing goes
      var patient = new org.swarmmon.dockerdexporter.cleanup.ExitedContainerJanitor(
          client, Duration.ofHours(2), "org.swarmmon.keep", later);
      engine.docker("run", "--name", "recent", "--network", "none", IMAGE, "/bin/busybox", "true");
      assertThat(patient.sweep()).isEmpty();
    }
  }

  @Test
  @Order(9)
  void anAlertmanagerOutageNeverBreaksTheExporterAndDeliveryIsRetried() throws Exception {
    alertmanager.close();
    assertThat(engine.dockerExit("run", "--name", "while-am-down", "--network", "none", IMAGE,
        "/bin/sh", "-c", "echo alone; exit 2")).isEqualTo(2);
    JsonNode report = awaitReport("while-am-down");
    assertThat(report.at("/finalState/exitCode").asInt()).isEqualTo(2);
    String page = Scrape.page(exporter.metricsUrl());
    assertThat(Scrape.value(page, "dockerd_exporter_engine_up")).hasValue(1);
    assertThat(Scrape.valueOr0(page, "container_crashes_total", "container", "while-am-down",
        "reason", "exit_code", "service", "", "stack", "")).isEqualTo(1);

    alertmanager = startAlertmanager();
    JsonNode alert = Scrape.awaitValue(Duration.ofSeconds(120), "the retried alert for while-am-down",
        () -> alertmanager.crashAlert("while-am-down"));
    assertThat(alert.at("/annotations/exit_reason").asText()).isEqualTo("exited with code 2");
  }

  private AlertReceiver startAlertmanager() {
    AlertReceiver receiver = AlertReceiver.start(alertmanagerConfig, alertmanagerPort);
    System.out.println("crash alerts go to " + receiver.kind() + " at " + receiver.url());
    return receiver;
  }

  private JsonNode awaitReport(String name) {
    return Scrape.awaitValue(WAIT, "a crash report for " + name, () -> {
      List<JsonNode> reports = reportsOf(name);
      return reports.isEmpty() ? null : reports.get(0);
    });
  }

  private List<JsonNode> reportsOf(String name) {
    return exporter.crashReports("containerName", name);
  }

  private JsonNode awaitAlert(String container) {
    return Scrape.awaitValue(WAIT, "an alert in Alertmanager for " + container,
        () -> alertmanager.crashAlert(container));
  }
}
