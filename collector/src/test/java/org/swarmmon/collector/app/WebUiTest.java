package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Chromium;
import org.swarmmon.testbed.Waits;

/** The web UI in Debian's headless Chromium: a query drawn as a graph, and the Targets page. */
class WebUiTest extends ServedCollector {

  @Test
  void graphAndTargets() throws Exception {
    awaitScrapes();
    Waits.until("the down target reported", Duration.ofSeconds(20), () -> get("/api/v1/targets").path("data")
        .path("activeTargets").findValuesAsText("health").containsAll(java.util.List.of("up", "down")));
    try (Chromium page = Chromium.open(url("/"))) {
      page.awaitTrue("document.readyState === 'complete' && typeof Chart === 'function'", Duration.ofSeconds(30));
      page.evaluate("document.getElementById('range').value = '300';"
          + "document.getElementById('expr').value = 'rate(web_test_requests_total[5s])';"
          + "document.getElementById('tab-graph').click(); true");
      page.awaitTrue("Number(document.getElementById('graph').getAttribute('data-painted')) > 50",
          Duration.ofSeconds(30));
      assertThat(page.evaluate("document.getElementById('graph').getAttribute('data-series')").asText()).isEqualTo("2");
      assertThat(page.evaluate("document.getElementById('legend').innerText").asText())
          .contains("path=\"/a\"", "path=\"/b\"");

      // the table view of the same query
      page.evaluate("document.getElementById('tab-table').click(); true");
      page.awaitTrue("document.querySelectorAll('#result-table tr').length === 2", Duration.ofSeconds(30));

      page.evaluate("location.hash = '#/targets'; true");
      page.awaitTrue("document.querySelectorAll('tr.target').length === 2", Duration.ofSeconds(30));
      String up = "http://127.0.0.1:" + TARGET.getAddress().getPort() + "/metrics";
      assertThat(page.evaluate("document.querySelector('tr.target[data-url=\"" + up + "\"]').dataset.health").asText())
          .isEqualTo("up");
      assertThat(page.evaluate("document.querySelector('tr.target[data-url=\"http://127.0.0.1:1/metrics\"]').dataset.health")
          .asText()).isEqualTo("down");
      assertThat(page.evaluate("document.querySelector('tr.target[data-url=\"http://127.0.0.1:1/metrics\"] .error-cell').innerText")
          .asText()).isNotEmpty();
      assertThat(page.evaluate("document.getElementById('targets').innerText").asText())
          .contains("web-test (1/1 up)", "down (0/1 up)", "team=\"blue\"");

      page.evaluate("location.hash = '#/rules'; true");
      page.awaitTrue("document.getElementById('rules').innerText.length > 0", Duration.ofSeconds(10));
      page.evaluate("location.hash = '#/alerts'; true");
      page.awaitTrue("document.getElementById('alerts').innerText.includes('No active alerts')", Duration.ofSeconds(10));
    }
  }
}
