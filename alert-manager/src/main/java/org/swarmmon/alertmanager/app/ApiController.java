package org.swarmmon.alertmanager.app;

import jakarta.servlet.http.HttpServletRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.alertmanager.api.ApiResponse;
import org.swarmmon.alertmanager.api.ApiV2;

/** HTTP mapping of Alertmanager's API v2 onto {@link ApiV2}. */
@RestController
@RequestMapping("/api/v2")
public class ApiController {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiV2 api;

  public ApiController(ApiV2 api) {
    this.api = api;
  }

  // Bodies and parameters are read raw: go-swagger's checks and texts are ApiV2's (Spring would split a
  // filter such as a=~"x{2,1}" at its comma and refuse "active=foo" that go-swagger reads as false).
  @PostMapping("/alerts")
  public ResponseEntity<byte[]> postAlerts(HttpServletRequest request) throws IOException {
    return write(api.postAlerts(request.getContentType(), request.getInputStream().readAllBytes()));
  }

  @GetMapping("/alerts")
  public ResponseEntity<byte[]> getAlerts(HttpServletRequest request) {
    return write(api.getAlerts(query(request, ApiV2.queryBool(request.getParameterValues("unprocessed")))));
  }

  @GetMapping("/alerts/groups")
  public ResponseEntity<byte[]> getAlertGroups(HttpServletRequest request) {
    return write(api.getAlertGroups(query(request, null)));
  }

  private static ApiV2.AlertQuery query(HttpServletRequest request, Boolean unprocessed) {
    String[] receiver = request.getParameterValues("receiver");
    return new ApiV2.AlertQuery(filter(request), ApiV2.queryBool(request.getParameterValues("active")),
        ApiV2.queryBool(request.getParameterValues("silenced")), ApiV2.queryBool(request.getParameterValues("inhibited")),
        unprocessed, receiver == null ? null : receiver[receiver.length - 1]);
  }

  private static List<String> filter(HttpServletRequest request) {
    String[] values = request.getParameterValues("filter");
    return values == null ? List.of() : List.of(values);
  }

  @GetMapping("/silences")
  public ResponseEntity<byte[]> getSilences(HttpServletRequest request) {
    return write(api.getSilences(filter(request)));
  }

  @PostMapping("/silences")
  public ResponseEntity<byte[]> postSilences(HttpServletRequest request) throws IOException {
    return write(api.postSilences(request.getContentType(), request.getInputStream().readAllBytes()));
  }

  @GetMapping("/silence/{id}")
  public ResponseEntity<byte[]> getSilence(@PathVariable String id) {
    return write(api.getSilence(id));
  }

  @DeleteMapping("/silence/{id}")
  public ResponseEntity<byte[]> deleteSilence(@PathVariable String id) {
    return write(api.deleteSilence(id));
  }

  @GetMapping("/receivers")
  public ResponseEntity<byte[]> getReceivers() {
    return write(api.getReceivers());
  }

  @GetMapping("/status")
  public ResponseEntity<byte[]> getStatus() {
    return write(api.getStatus());
  }

  static ResponseEntity<byte[]> write(ApiResponse response) {
    try {
      byte[] body = response.body() == null ? new byte[0] : JSON.writeValueAsBytes(response.body());
      return ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
