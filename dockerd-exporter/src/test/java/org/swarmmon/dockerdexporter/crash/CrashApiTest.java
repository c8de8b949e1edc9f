package org.swarmmon.dockerdexporter.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.swarmmon.exportertoolkit.Reply;
import org.swarmmon.exportertoolkit.Request;

class CrashApiTest {

  private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
  private final CrashLog log = new CrashLog(10, List.of());
  private final CrashApi api = new CrashApi(log, Clock.fixed(NOW, ZoneOffset.UTC));

  private static CrashReport report(String id) {
    return new CrashReport(id, Instant.parse("2026-11-21T22:40:05.161Z"), "node-1", "c0ffee", "billing.1.x",
        "billing.1", "billing", "shop", "", "billing.1.x",
        new CrashReport.Image("registry/billing:2.3", "2.3", "sha256:abc", "sha256:def"),
        Map.of(), CrashReason.EXIT_CODE,
        new CrashReport.FinalState(3, false, "", "2026-11-21T22:40:00Z", "2026-11-21T22:40:05Z"),
        1, List.of("db password=[REDACTED]"),
        new CgroupCounters(1503232, 1363968, 0.012, Instant.parse("2026-11-21T22:40:05Z"), "cgroup v1"));
  }

  private static Request get(String path, String query) {
    return new Request(path, query, new Headers());
  }

  private static String body(Reply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  @Test
  void listsNewestFirstWithInstantsAsText() {
    log.accept(report("a"));
    log.accept(report("b"));
    Reply all = api.list(get("/api/v1/crashes", null));
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.contentType()).isEqualTo("application/json");
    assertThat(body(all)).startsWith("[{\"id\":\"b\",\"detectedAt\":\"2026-11-21T22:40:05.161Z\"")
        .contains("\"readAt\":\"2026-11-21T22:40:05Z\"", "\"reason\":\"EXIT_CODE\"")
        .doesNotContain("exitReason");
    assertThat(body(api.list(get("/api/v1/crashes", "limit=1")))).doesNotContain("\"id\":\"a\"");
    assertThat(body(api.list(get("/api/v1/crashes", "limit=-3")))).isEqualTo("[]");
  }

  @Test
  void oneByIdAndErrorsAsSpringBootGaveThem() {
    log.accept(report("a"));
    assertThat(body(api.one(get("/api/v1/crashes/a", null)))).startsWith("{\"id\":\"a\"");
    Reply missing = api.one(get("/api/v1/crashes/zz", null));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(body(missing)).isEqualTo(
        "{\"timestamp\":\"2026-11-22T02:00:00Z\",\"status\":404,\"error\":\"Not Found\",\"path\":\"/api/v1/crashes/zz\"}");
    Reply bad = api.list(get("/api/v1/crashes", "limit=many"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(body(bad)).contains("\"error\":\"Bad Request\"");
  }
}
