package org.swarmmon.collector.app;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.swarmmon.collector.remote.RemoteReadHandler;

/**
 * {@code POST /api/v1/read}: Prometheus's remote-read endpoint over the collector's data. A streamed
 * answer goes straight to the servlet's stream, flushed frame by frame.
 */
@RestController
public class RemoteReadController {

  private final RemoteReadHandler handler;

  public RemoteReadController(RemoteReadHandler handler) {
    this.handler = handler;
  }

  @PostMapping(path = "/api/v1/read")
  public void read(@RequestBody(required = false) byte[] body, HttpServletResponse response)
      throws IOException {
    handler.read(body == null ? new byte[0] : body, new RemoteReadHandler.Exchange() {
      @Override
      public void respond(RemoteReadHandler.Response r) throws IOException {
        response.setStatus(r.status());
        r.headers().forEach(response::setHeader);
        response.setContentLength(r.body().length);
        response.getOutputStream().write(r.body());
      }

      @Override
      public OutputStream stream(Map<String, String> headers) throws IOException {
        response.setStatus(200);
        headers.forEach(response::setHeader);
        return response.getOutputStream();
      }
    });
  }
}
