package org.swarmmon.exportertoolkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link MetricsServer.Route} answers: a status, a content type, extra headers and the body. */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {

  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String JSON = "application/json";

  public Reply {
    headers = Map.copyOf(headers);
  }

  public static Reply text(int status, String text) {
    return new Reply(status, TEXT, Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply json(int status, String json) {
    return new Reply(status, JSON, Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, contentType, more, body);
  }
}
