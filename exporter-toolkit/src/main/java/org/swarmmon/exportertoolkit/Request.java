package org.swarmmon.exportertoolkit;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A GET or HEAD request as a {@link MetricsServer.Route} sees it. */
public record Request(String path, String rawQuery, Headers headers) {

  /** The first value of a header, or null. */
  public String header(String name) {
    return headers.getFirst(name);
  }

  /** The first value of a query parameter, decoded. */
  public Optional<String> parameter(String name) {
    return parameters(name).stream().findFirst();
  }

  /** Every value of a query parameter in order, decoded, such as node_exporter's {@code collect[]}. */
  public List<String> parameters(String name) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
