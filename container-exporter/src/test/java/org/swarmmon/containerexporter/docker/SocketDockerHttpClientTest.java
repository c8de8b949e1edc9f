package org.swarmmon.containerexporter.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.DockerEngine;

class SocketDockerHttpClientTest {

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void decodesChunksWithExtensionsAndTrailers() throws IOException {
    InputStream body = new SocketDockerHttpClient.ChunkedInputStream(
        bytes("5\r\n{\"a\":\r\n3;ext=1\r\n1}\n\r\n0\r\nX-Trailer: t\r\n\r\nnext response"));
    assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
    assertThat(body.read()).isEqualTo(-1);
  }

  @Test
  void aConnectionClosedInsideAChunkIsAnError() {
    InputStream body = new SocketDockerHttpClient.ChunkedInputStream(bytes("a\r\nabc"));
    assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
  }

  @Test
  void readsNoMoreThanTheContentLength() throws IOException {
    InputStream body = new SocketDockerHttpClient.BoundedInputStream(bytes("[]\nHTTP/1.1 200 OK"), 3);
    assertThat(body.readAllBytes()).containsExactly('[', ']', '\n');
  }

  @Test
  void onlyTheEventsStreamWaitsWithoutLimit() {
    assertThat(SocketDockerHttpClient.isEventsStream("/v1.41/events?filters=%7B%7D")).isTrue();
    assertThat(SocketDockerHttpClient.isEventsStream("/v1.41/events")).isTrue();
    assertThat(SocketDockerHttpClient.isEventsStream("/v1.41/containers/json?all=true")).isFalse();
  }

  @Test
  void anUnsupportedSchemeIsRefusedByName() {
    assertThatThrownBy(() -> new SocketDockerHttpClient(URI.create("npipe:////./pipe/docker_engine"),
        Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("npipe:");
  }

  @Test
  void talksToTheRealEngine() throws Exception {
    Path socket = DockerEngine.requireRunning();
    SocketDockerHttpClient client = new SocketDockerHttpClient(URI.create("unix://" + socket),
        Duration.ofSeconds(5), Duration.ofSeconds(30));

    try (Response ping = client.execute(get("/_ping"))) {
      assertThat(ping.getStatusCode()).isEqualTo(200);
      assertThat(ping.getHeader("api-version")).isNotBlank();
      assertThat(new String(ping.getBody().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("OK");
    }
    try (Response listing = client.execute(get("/v1.41/containers/json?all=true"))) {
      assertThat(listing.getStatusCode()).isEqualTo(200);
      assertThat(new String(listing.getBody().readAllBytes(), StandardCharsets.UTF_8)).startsWith("[");
    }
    try (Response missing = client.execute(get("/v1.41/containers/swarmmon-no-such-container/json"))) {
      assertThat(missing.getStatusCode()).isEqualTo(404);
      assertThat(new String(missing.getBody().readAllBytes(), StandardCharsets.UTF_8)).contains("message");
    }

    // the events stream (no read limit) ends its blocked read when closed
    Response events = client.execute(get("/v1.41/events?filters=%7B%22type%22%3A%5B%22plugin%22%5D%7D"));
    assertThat(events.getStatusCode()).isEqualTo(200);
    CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
      try {
        return events.getBody().read();
      } catch (IOException | RuntimeException e) {
        return -2;
      }
    });
    events.close();
    assertThat(read.get(10, TimeUnit.SECONDS)).isNegative();
  }

  private static Request get(String path) {
    return Request.builder().method(Request.Method.GET).path(path).build();
  }

  @Test
  void aMissingSocketFailsWithThePathInTheMessage() {
    SocketDockerHttpClient client = new SocketDockerHttpClient(URI.create("unix:///nonexistent/docker.sock"),
        Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThatThrownBy(() -> client.execute(get("/_ping")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("/nonexistent/docker.sock");
  }
}
