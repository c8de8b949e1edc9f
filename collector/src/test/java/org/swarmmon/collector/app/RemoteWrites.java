package org.swarmmon.collector.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.swarmmon.collector.remote.TimeSeries;
import org.swarmmon.collector.remote.WriteRequestCodec;
import org.swarmmon.testbed.Http;

/** Test data sent as Prometheus's remote write 1.0 sends it, to the collector or a reference Prometheus. */
final class RemoteWrites {

  private RemoteWrites() {}

  /** POSTs {@code series} to {@code base}/api/v1/write; throws unless the answer is 2xx. */
  static void send(String base, List<TimeSeries> series) throws IOException {
    var r = Http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/write"))
        .header("Content-Encoding", "snappy")
        .header("Content-Type", "application/x-protobuf")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(WriteRequestCodec.encode(series))).build());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("remote write to " + base + ": " + r.statusCode() + " " + r.body());
    }
  }
}
