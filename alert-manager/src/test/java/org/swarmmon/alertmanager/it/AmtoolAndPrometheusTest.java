package org.swarmmon.alertmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;
import org.swarmmon.testbed.References;

/**
 * Done-when 1 and 2 against the real parts: Debian's amtool 0.25 adds, queries and expires a
 * silence and queries alerts on our alert-manager, and accepts our sample config; Debian's
 * Prometheus 2.42 with a firing rule sends to us, and the local Slack gets one grouped message
 * with the rendered text, then the resolved message once.
 */
class AmtoolAndPrometheusTest {

  private static LocalSlack slack;
  private static OurAlertManager am;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Parts.workDir("amtool-prometheus");
    slack = new LocalSlack();
    Path config = SlackRouteConfig.write(dir, """
        api_url: %s
        channel: '#alerts'
        send_resolved: true
        text: "{{ .CommonAnnotations.description }}"
        """.formatted(slack.url()));
    am = OurAlertManager.start(config, dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (am != null) {
      am.close();
    }
    if (slack != null) {
      slack.close();
    }
  }

  private static Tools.Result amtool(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "--alertmanager.url=" + am.url();
    System.arraycopy(args, 0, all, 1, args.length);
    return Tools.run(References.amtool(), all);
  }

  @Test
  void amtoolChecksOurSampleConfig() throws Exception {
    Path sample = Parts.projectRoot().resolve("alert-manager/src/main/resources/alertmanager.yml");
    Tools.Result r = Tools.run(References.amtool(), "check-config", sample.toString());
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
    assertThat(r.stdout()).contains("SUCCESS");
  }

  @Test
  void amtoolSilencesAndAlerts() throws Exception {
    Http.post(am.url() + "/api/v2/alerts", "application/json",
        "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"node-7\"},\"annotations\":{\"summary\":\"disk is full\"}}]");
    Tools.Result query = amtool("alert", "query", "alertname=DiskFull");
    assertThat(query.exitCode()).as(query.stderr()).isZero();
    assertThat(query.stdout()).contains("DiskFull").contains("disk is full").contains("active");

    Tools.Result add = amtool("silence", "add", "alertname=DiskFull", "instance=~node-.*",
        "--comment=maintenance", "--author=ops", "--duration=2h");
    assertThat(add.exitCode()).as(add.stderr()).isZero();
    String id = add.stdout().trim();
    assertThat(id).matches("[0-9a-f-]{36}");

    Tools.Result silences = amtool("silence", "query");
    assertThat(silences.stdout()).contains(id).contains("alertname=\"DiskFull\"").contains("maintenance").contains("ops");
    Tools.Result byFilter = amtool("silence", "query", "-q", "instance=~node-.*");
    assertThat(byFilter.stdout().trim()).isEqualTo(id);

    Tools.Result silenced = amtool("alert", "query", "--silenced", "alertname=DiskFull");
    assertThat(silenced.stdout()).contains("DiskFull").contains("suppressed");
    Tools.Result active = amtool("alert", "query", "alertname=DiskFull");
    assertThat(active.stdout()).doesNotContain("disk is full");

    Tools.Result expire = amtool("silence", "expire", id);
    assertThat(expire.exitCode()).as(expire.stderr()).isZero();
    assertThat(amtool("silence", "query", "-q").stdout()).doesNotContain(id);
    assertThat(amtool("silence", "query", "--expired", "-q").stdout()).contains(id);
    assertThat(amtool("alert", "query", "alertname=DiskFull").stdout()).contains("disk is full");
  }

  @Test
  void prometheusAlertReachesSlackOnceAndResolvesOnce() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, rules("vector(1)"));
    Path promConfig = dir.resolve("prometheus.yml");
    Files.writeString(promConfig, """
        global:
          evaluation_interval: 1s
        rule_files: [%s]
        alerting:
          alertmanagers:
            - api_version: v2
              static_configs:
                - targets: ['%s']
        """.formatted(rules.toAbsolutePath(), am.url().substring("http://".length())));
    try (References.Started prometheus = References.prometheus(promConfig, "--web.enable-lifecycle",
        "--rules.alert.resend-delay=1s")) {
      List<LocalSlack.Message> firing = slack.await(countWithTitle("ServiceDown") + 1, Duration.ofSeconds(90));
      List<LocalSlack.Message> service = firing.stream().filter(m -> m.title().contains("ServiceDown")).toList();
      assertThat(service).hasSize(1);
      assertThat(service.get(0).title()).isEqualTo("[FIRING:1] ServiceDown (critical)");
      assertThat(service.get(0).text()).isEqualTo("service web is down on node-1");
      assertThat(service.get(0).payload().path("channel").asText()).isEqualTo("#alerts");

      // several resends later there is still one message
      Thread.sleep(6000);
      assertThat(slack.messages().stream().filter(m -> m.title().contains("ServiceDown"))).hasSize(1);

      // the rule stops firing; Prometheus sends the resolved alert
      Files.writeString(rules, rules("vector(1) > 2"));
      Http.post(prometheus.url() + "/-/reload", "text/plain", "");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      while (Instant.now().isBefore(deadline)
          && slack.messages().stream().noneMatch(m -> m.title().startsWith("[RESOLVED]"))) {
        Thread.sleep(500);
      }
      Thread.sleep(6000);
      List<LocalSlack.Message> all = slack.messages().stream().filter(m -> m.title().contains("ServiceDown")).toList();
      assertThat(all).extracting(LocalSlack.Message::title)
          .containsExactly("[FIRING:1] ServiceDown (critical)", "[RESOLVED] ServiceDown (critical)");
      assertThat(all.get(1).text()).isEqualTo("service web is down on node-1");
      assertThat(all.get(1).payload().path("attachments").path(0).path("color").asText()).isEqualTo("good");
      assertThat(slack.rejected()).isEmpty();
    }
  }

  private static int countWithTitle(String s) {
    return (int) slack.messages().stream().filter(m -> !m.title().contains(s)).count();
  }

  private static String rules(String expr) {
    return """
        groups:
          - name: test
            interval: 1s
            rules:
              - alert: ServiceDown
                expr: %s
                labels:
                  severity: critical
                annotations:
                  description: service web is down on node-1
        """.formatted(expr);
  }
}
