package org.swarmmon.collector.app;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.collector.remote.RemoteReadHandler;

/** {@code POST /api/v1/read}: Prometheus's remote-read endpoint over the collector's data. */
@RestController
public class RemoteReadController {

  private final RemoteReadHandler handler;

  public RemoteReadController(RemoteReadHandler handler) {
    this.handler = handler;
  }

  @PostMapping(path = "/api/v1/read")
  public ResponseEntity<byte[]> read(@RequestBody(required = false) byte[] body) {
    RemoteReadHandler.Response r = handler.read(body == null ? new byte[0] : body);
    HttpHeaders headers = new HttpHeaders();
    r.headers().forEach(headers::set);
    return ResponseEntity.status(r.status()).headers(headers).body(r.body());
  }
}
