package org.swarmmon.dockerdexporter.crash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.swarmmon.exportertoolkit.Reply;
import org.swarmmon.exportertoolkit.Request;

/**
 * {@code GET /api/v1/crashes?limit=50} (newest first) and {@code GET /api/v1/crashes/{id}} as JSON,
 * instants as ISO-8601 text; errors in the shape Spring Boot's error page gave them
 * ({@code timestamp}, {@code status}, {@code error}, {@code path}).
 */
public final class CrashApi {

  public static final String PATH = "/api/v1/crashes";
  private static final int DEFAULT_LIMIT = 50;

  private final CrashLog log;
  private final Clock clock;
  private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  public CrashApi(CrashLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  public Reply list(Request request) {
    int limit;
    try {
      limit = request.parameter("limit").map(Integer::parseInt).orElse(DEFAULT_LIMIT);
    } catch (NumberFormatException e) {
      return error(400, "Bad Request", request);
    }
    return Reply.json(200, write(log.recent(Math.max(0, limit))));
  }

  /** The report whose id follows {@code /api/v1/crashes/}. */
  public Reply one(Request request) {
    String id = request.path().substring(PATH.length() + 1);
    return log.find(id).map(report -> Reply.json(200, write(report)))
        .orElseGet(() -> error(404, "Not Found", request));
  }

  private Reply error(int status, String error, Request request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("timestamp", clock.instant());
    body.put("status", status);
    body.put("error", error);
    body.put("path", request.path());
    return Reply.json(status, write(body));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("crash report not writable as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
