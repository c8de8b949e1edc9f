package org.swarmmon.collector.app;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.swarmmon.collector.promql.PromqlException;
import org.swarmmon.collector.web.ApiError;
import org.swarmmon.collector.web.ApiJson;

/** Prometheus's API envelope as Spring responses. */
final class ApiResponses {

  private ApiResponses() {}

  static ResponseEntity<String> ok(Object data) {
    return ok(data, List.of());
  }

  static ResponseEntity<String> ok(Object data, List<String> warnings) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ApiJson.success(data, warnings));
  }

  /** As {@link #ok(Object, List)}, the body encoded once, straight to UTF-8 bytes. */
  static ResponseEntity<byte[]> okUtf8(Object data, List<String> warnings) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ApiJson.successUtf8(data, warnings));
  }

  static ResponseEntity<String> error(ApiError e) {
    return ResponseEntity.status(e.httpStatus()).contentType(MediaType.APPLICATION_JSON)
        .body(ApiJson.error(e));
  }

  static ApiError fromEngine(PromqlException e) {
    return new ApiError(e.type().apiName(), e.getMessage());
  }

  /** Every value of a repeated parameter as sent (Spring's List binding would split them at commas). */
  static List<String> values(jakarta.servlet.http.HttpServletRequest request, String name) {
    String[] v = request.getParameterValues(name);
    return v == null ? List.of() : List.of(v);
  }

  static ResponseEntity<String> noContent() {
    return ResponseEntity.status(HttpStatus.NO_CONTENT).headers(new HttpHeaders()).build();
  }
}
