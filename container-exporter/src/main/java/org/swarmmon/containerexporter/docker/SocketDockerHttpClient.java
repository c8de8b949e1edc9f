package org.swarmmon.containerexporter.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker-java's transport on the JDK's own sockets: a unix socket ({@code unix:///var/run/docker.sock})
 * or plain TCP ({@code tcp://host:2375}), HTTP/1.1 with one connection per request. The exporter makes
 * one listing and one inspection per container event, so a connection pool buys nothing; Apache
 * HttpClient 5 (docker-java's usual transport) loaded some 370 classes and kept two pools for it.
 * TLS is not spoken (cAdvisor's {@code --docker_tls} flags are accepted without effect here too).
 */
public final class SocketDockerHttpClient implements DockerHttpClient {

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final SocketAddress address;
  private final String hostHeader;
  private final Duration connectTimeout;
  private final Duration responseTimeout;

  /**
   * @param responseTimeout the longest wait for the next bytes of a response, but for the events
   *     stream's ({@code /events}), which may stay silent for hours
   */
  public SocketDockerHttpClient(URI dockerHost, Duration connectTimeout, Duration responseTimeout) {
    switch (dockerHost.getScheme()) {
      case "unix" -> {
        address = UnixDomainSocketAddress.of(dockerHost.getPath());
        hostHeader = "docker";
      }
      case "tcp", "http" -> {
        address = new InetSocketAddress(dockerHost.getHost(), dockerHost.getPort() < 0 ? 2375 : dockerHost.getPort());
        hostHeader = dockerHost.getHost() + ":" + (dockerHost.getPort() < 0 ? 2375 : dockerHost.getPort());
      }
      default -> throw new IllegalArgumentException("unsupported Docker host " + dockerHost
          + ": expected unix:///path or tcp://host:port (TLS is not supported)");
    }
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
  }

  @Override
  public Response execute(Request request) {
    if (request.hijackedInput() != null) {
      throw new UnsupportedOperationException("hijacked connections (attach, exec) are not supported");
    }
    long timeoutMillis = isEventsStream(request.path()) ? 0 : responseTimeout.toMillis();
    Connection connection = null;
    try {
      connection = Connection.open(address, connectTimeout.toMillis(), timeoutMillis);
      connection.write(head(request));
      byte[] body = request.bodyBytes();
      if (body == null && request.body() != null) {
        body = request.body().readAllBytes();
      }
      if (body != null) {
        connection.write(body);
      }
      return SocketResponse.read(connection);
    } catch (IOException e) {
      closeQuietly(connection);
      throw new UncheckedIOException(request.method() + " " + request.path() + " on " + address + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  static boolean isEventsStream(String path) {
    int query = path.indexOf('?');
    return (query < 0 ? path : path.substring(0, query)).endsWith("/events");
  }

  private byte[] head(Request request) throws IOException {
    StringBuilder head = new StringBuilder(256)
        .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(hostHeader).append("\r\n")
        .append("Connection: close\r\n");
    request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] body = request.bodyBytes();
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (request.body() != null) {
      throw new IOException("streamed request bodies are not supported");
    }
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    // nothing pooled: each response closes its own connection
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      connection.close();
    }
  }

  /** A non-blocking socket read and written through a selector, so reads can time out. */
  static final class Connection extends InputStream {
    private final SocketChannel channel;
    private final Selector selector;
    private final long timeoutMillis;
    private final ByteBuffer in = ByteBuffer.allocate(8192).flip();

    private Connection(SocketChannel channel, Selector selector, long timeoutMillis) {
      this.channel = channel;
      this.selector = selector;
      this.timeoutMillis = timeoutMillis;
    }

    static Connection open(SocketAddress address, long connectTimeoutMillis, long timeoutMillis) throws IOException {
      SocketChannel channel = address instanceof UnixDomainSocketAddress
          ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
      Selector selector = null;
      try {
        channel.configureBlocking(false);
        selector = Selector.open();
        Connection connection = new Connection(channel, selector, timeoutMillis);
        if (!channel.connect(address)) {
          connection.await(SelectionKey.OP_CONNECT, connectTimeoutMillis, "connect");
          channel.finishConnect();
        }
        return connection;
      } catch (IOException | RuntimeException e) {
        channel.close();
        if (selector != null) {
          selector.close();
        }
        throw e;
      }
    }

    void write(byte[] bytes) throws IOException {
      ByteBuffer out = ByteBuffer.wrap(bytes);
      while (out.hasRemaining()) {
        if (channel.write(out) == 0) {
          await(SelectionKey.OP_WRITE, timeoutMillis, "write");
        }
      }
    }

    @Override
    public int read() throws IOException {
      return fill() ? in.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, in.remaining());
      in.get(b, off, n);
      return n;
    }

    @Override
    public int available() {
      return in.remaining();
    }

    /** Whether there is a byte to read; waits for one, up to the timeout. */
    private boolean fill() throws IOException {
      while (!in.hasRemaining()) {
        in.clear();
        int n = channel.read(in);
        in.flip();
        if (n < 0) {
          return false;
        }
        if (n == 0) {
          await(SelectionKey.OP_READ, timeoutMillis, "response");
        }
      }
      return true;
    }

    private void await(int operation, long millis, String what) throws IOException {
      SelectionKey key = channel.register(selector, operation);
      int ready = selector.select(millis);
      if (!selector.isOpen() || !channel.isOpen()) {
        throw new ClosedChannelException();
      }
      key.interestOps(0);
      selector.selectedKeys().clear();
      if (ready == 0) {
        throw new SocketTimeoutException("no " + what + " within " + millis + " ms");
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing: nothing left to do with it
      }
      try {
        selector.close(); // wakes a read waiting without limit (the events stream)
      } catch (IOException ignored) {
        // as above
      }
    }
  }

  /** The status and headers read, the body left on the connection (de-chunked if need be). */
  record SocketResponse(int statusCode, Map<String, List<String>> headers, InputStream body, Connection connection)
      implements Response {

    static SocketResponse read(Connection connection) throws IOException {
      String status = line(connection);
      if (!status.startsWith("HTTP/1.") || status.length() < 12) {
        throw new IOException("not an HTTP response: " + status);
      }
      int code = Integer.parseInt(status.substring(9, 12));
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line = line(connection); !line.isEmpty(); line = line(connection)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
              .add(line.substring(colon + 1).trim());
        }
      }
      InputStream body;
      String encoding = first(headers, "Transfer-Encoding");
      String length = first(headers, "Content-Length");
      if (encoding != null && encoding.toLowerCase().contains("chunked")) {
        body = new ChunkedInputStream(connection);
      } else if (length != null) {
        body = new BoundedInputStream(connection, Long.parseLong(length));
      } else if (code == 204 || code == 304) {
        body = InputStream.nullInputStream();
      } else {
        body = connection; // until the engine closes the connection
      }
      return new SocketResponse(code, headers, body, connection);
    }

    private static String first(Map<String, List<String>> headers, String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(64);
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed in the response head");
        }
        if (line.size() >= MAX_HEAD_BYTES) {
          throw new IOException("response head line longer than " + MAX_HEAD_BYTES + " bytes");
        }
        line.write(b);
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public int getStatusCode() {
      return statusCode;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public String getHeader(String name) {
      return first(headers, name);
    }

    @Override
    public InputStream getBody() {
      return body;
    }

    @Override
    public void close() {
      connection.close();
    }
  }

  /** A body of known length. */
  static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }

  /** HTTP/1.1 chunked transfer coding, decoded as it arrives (the events stream is one endless body). */
  static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private final byte[] one = new byte[1];
    private long chunkLeft;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!nextChunk()) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new IOException("connection closed inside a chunk");
      }
      chunkLeft -= n;
      return n;
    }

    private boolean nextChunk() throws IOException {
      while (!done && chunkLeft == 0) {
        String size = SocketResponse.line(in);
        if (size.isEmpty()) {
          continue; // the CRLF that ends the previous chunk
        }
        int extension = size.indexOf(';');
        chunkLeft = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
        if (chunkLeft == 0) {
          done = true;
          while (!SocketResponse.line(in).isEmpty()) {
            // trailers: none that matter
          }
        }
      }
      return !done;
    }
  }
}
