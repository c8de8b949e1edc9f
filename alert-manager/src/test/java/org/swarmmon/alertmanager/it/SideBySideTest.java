package org.swarmmon.alertmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;
import org.swarmmon.testbed.References;

/**
 * Done-when 3 (second half): Debian's Alertmanager 0.25 and ours, same config, same alert stream;
 * each sends to its own local Slack, and the notification sequences (per group: title and text)
 * are the same; both serve the same process_* families on /metrics.
 */
class SideBySideTest {

  private static final String CONFIG = """
      route:
        receiver: slack
        group_by: [alertname]
        group_wait: 2s
        group_interval: 5s
        repeat_interval: 1h
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [instance]
      receivers:
        - name: slack
          slack_configs:
            - api_url: %s
              send_resolved: true
              text: '{{ range .Alerts }}{{ .Labels.instance }}:{{ .Status }} {{ end }}{{ .CommonAnnotations.description }}'
      """;

  private static void post(List<String> urls, String alertname, String instance, String severity, Instant endsAt) {
    String ends = endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"";
    String body = "[{\"labels\":{\"alertname\":\"" + alertname + "\",\"instance\":\"" + instance
        + "\",\"severity\":\"" + severity + "\"},\"annotations\":{\"description\":\"" + alertname
        + " problem\"}" + ends + "}]";
    // both at once, so neither sees the stream later than the other
    List<java.util.concurrent.CompletableFuture<Integer>> sent = urls.stream()
        .map(url -> java.util.concurrent.CompletableFuture.supplyAsync(
            () -> Http.post(url + "/api/v2/alerts", "application/json", body).statusCode()))
        .toList();
    sent.forEach(f -> assertThat(f.join()).isEqualTo(200));
  }

  /** Messages grouped by alert name (the title's second word), in order, as "title | text". */
  private static Map<String, List<String>> sequences(LocalSlack slack) {
    Map<String, List<String>> out = new TreeMap<>();
    for (LocalSlack.Message m : slack.messages()) {
      String group = m.title().replaceAll("^\\[[A-Z:0-9]+\\] (\\S+).*", "$1");
      out.computeIfAbsent(group, k -> new java.util.ArrayList<>()).add(m.title() + " | " + m.text()
          + " | " + m.payload().path("attachments").path(0).path("color").asText());
    }
    return out;
  }

  @Test
  void sameNotificationsAsAlertmanager() throws Exception {
    Path dir = Parts.workDir("side-by-side");
    try (LocalSlack refSlack = new LocalSlack(); LocalSlack ourSlack = new LocalSlack()) {
      Path refConfig = dir.resolve("reference.yml");
      Files.writeString(refConfig, CONFIG.formatted(refSlack.url()));
      Path ourConfig = dir.resolve("ours.yml");
      Files.writeString(ourConfig, CONFIG.formatted(ourSlack.url()));
      try (References.Started ref = References.alertmanager(refConfig);
          OurAlertManager ours = OurAlertManager.start(ourConfig, dir.resolve("data"))) {
        List<String> both = List.of(ref.url(), ours.url());
        // warm both up, so that a slow first request cannot shift one stream against the other
        for (int i = 0; i < 5; i++) {
          for (String url : both) {
            Http.post(url + "/api/v2/alerts", "application/json", "[]");
            Http.get(url + "/api/v2/alerts");
          }
        }
        post(both, "Web", "a", "warning", null);
        post(both, "Web", "b", "warning", null);
        post(both, "Db", "c", "critical", null);
        Thread.sleep(3500);
        post(both, "Web", "d", "warning", null);
        post(both, "Web", "c", "warning", null);
        Thread.sleep(5000);
        post(both, "Web", "a", "warning", Instant.now());
        Thread.sleep(5000);
        post(both, "Db", "c", "critical", Instant.now());
        Thread.sleep(12000);
        Map<String, List<String>> expected = sequences(refSlack);
        Map<String, List<String>> actual = sequences(ourSlack);
        assertThat(expected).as("the reference sent something").isNotEmpty();
        assertThat(actual).isEqualTo(expected);
        assertThat(new LinkedHashMap<>(actual)).containsKeys("Web", "Db");

        // the standard process_* families, with Alertmanager's names, types and help texts
        List<String> theirs = processMetadata(Http.get(ref.url() + "/metrics").body());
        assertThat(theirs).hasSize(14);
        String page = Http.get(ours.url() + "/metrics").body();
        assertThat(processMetadata(page)).isEqualTo(theirs);
        assertThat(page).containsPattern("(?m)^process_resident_memory_bytes [1-9]");
      }
    }
  }

  private static List<String> processMetadata(String page) {
    return page.lines().filter(l -> l.startsWith("# HELP process_") || l.startsWith("# TYPE process_"))
        .sorted().toList();
  }
}
