package org.swarmmon.dockerdexporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.swarmmon.dockerdexporter.it.SharedSwarm.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.swarmmon.testbed.FreePorts;

/**
 * Crash reports of Swarm service tasks on the shared engine as a single-node swarm: the task's
 * container is created and killed by the Swarm agent, not by a {@code docker run}, and each
 * replacement task is a new container with a new name, so the alert must key on service.slot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmCrashIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String IMAGE = "swarmmon-test/busybox:1";
  private final String suffix = Long.toString(System.nanoTime(), 36);
  private final String once = "sxc-once-" + suffix;
  private final String loop = "sxc-loop-" + suffix;
  private AlertReceiver alertmanager;
  private ExporterUnderTest exporter;

  @BeforeAll
  void start() throws IOException {
    SharedSwarm.join(IMAGE);
    alertmanager = AlertReceiver.start(AlertReceiver.groupByContainerConfig(), FreePorts.next());
    exporter = ExporterUnderTest.start(Map.of(
        "dockerd.metrics-url", "",
        "alertmanager.url", alertmanager.url(),
        "dockerd-exporter.crash.log-lines", "5"));
    Scrape.await(exporter.metricsUrl(), WAIT, "dockerd_exporter_events_stream_connected", v -> v == 1);
  }

  @AfterAll
  void stop() {
    SecondDockerd.exec(List.of("docker", "service", "rm", once, loop), Duration.ofSeconds(60));
    for (AutoCloseable c : new AutoCloseable[] {exporter, alertmanager}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the others
      }
    }
  }

  @Test
  void aServiceTaskExitingThreeIsOneReportAndOneAlert() throws Exception {
    docker("service", "create", "--detach", "--no-resolve-image", "--network", "host",
        "--name", once, "--label", "com.docker.stack.namespace=crashstack",
        "--container-label", "com.docker.stack.namespace=crashstack",
        "--restart-condition", "none",
        IMAGE, "/bin/busybox", "sh", "-c", "echo known line 1; echo known line 2; exit 3");
    String slot = once + ".1";
    JsonNode alert = Scrape.awaitValue(WAIT, "an alert in Alertmanager for " + slot,
        () -> alertmanager.crashAlert(slot));
    List<JsonNode> reports = reportsOf(slot);
    assertThat(reports).hasSize(1);
    JsonNode report = reports.get(0);
    assertThat(report.get("reason").asText()).isEqualTo("EXIT_CODE");
    assertThat(report.at("/finalState/exitCode").asInt()).isEqualTo(3);
    assertThat(report.get("service").asText()).isEqualTo(once);
    assertThat(report.get("stack").asText()).isEqualTo("crashstack");
    assertThat(report.get("task").asText()).startsWith(slot + ".");
    assertThat(report.get("logTail").toString()).contains("known line 1", "known line 2");
    assertThat(alert.at("/labels/service").asText()).isEqualTo(once);
    assertThat(alert.at("/labels/stack").asText()).isEqualTo("crashstack");
    assertThat(alert.at("/annotations/exit_code").asText()).isEqualTo("3");
    assertThat(alert.at("/status/state").asText()).isEqualTo("active");
    String page = Scrape.page(exporter.metricsUrl());
    assertThat(Scrape.valueOr0(page, "container_crashes_total", "container", slot,
        "reason", "exit_code", "service", once, "stack", "crashstack")).isEqualTo(1);
  }

  @Test
  void aCrashLoopingServiceTaskIsOneAlertInOneGroup() throws Exception {
    docker("service", "create", "--detach", "--no-resolve-image", "--network", "host",
        "--name", loop, "--restart-condition", "on-failure", "--restart-max-attempts", "2",
        "--restart-delay", "1s",
        IMAGE, "/bin/busybox", "sh", "-c", "echo going down; exit 3");
    String slot = loop + ".1";
    // one report per death: the first task and its two replacements
    Scrape.awaitValue(WAIT, "three crash reports of " + slot,
        () -> reportsOf(slot).size() >= 3 ? Boolean.TRUE : null);
    Scrape.awaitValue(WAIT, "an alert in Alertmanager for " + slot, () -> alertmanager.crashAlert(slot));
    assertThat(reportsOf(slot)).hasSize(3);
    // one group, holding one alert
    assertThat(alertmanager.alertsPerGroupOf(slot)).containsExactly(1);
  }

  private List<JsonNode> reportsOf(String stableName) {
    return exporter.crashReports("stableName", stableName);
  }
}
