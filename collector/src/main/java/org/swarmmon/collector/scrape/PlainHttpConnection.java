package org.swarmmon.collector.scrape;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 GET over one kept-alive plain TCP socket, read on the calling (scrape) thread: what
 * a scrape loop of an {@code http://} target without a proxy uses instead of the JDK client,
 * whose selector thread, body flow and hand-offs cost more CPU than the scrape's parsing
 * (docs/benchmarks.md §1h). A loop scrapes one target, so one connection per loop is Go's
 * keep-alive for it. Every read waits at most until the scrape's deadline.
 */
final class PlainHttpConnection implements AutoCloseable {

  /** Thrown when the scrape's deadline passed (Prometheus: "context deadline exceeded"). */
  static final class DeadlineException extends IOException {
    DeadlineException() {
      super("context deadline exceeded");
    }
  }

  /** Status line and the headers the scraper needs. */
  record Head(int status, String contentType, String contentEncoding, String location) {}

  private static final int MAX_HEAD = 1 << 20;

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean reused;
  /** Read-ahead of the socket: the response head, chunk framing, and the first body bytes. */
  private final byte[] buf = new byte[16384];
  private int bufPos;
  private int bufLen;
  private long deadline;

  // the current response's body framing
  private long remaining; // bytes left of a Content-Length body or of the current chunk
  private boolean chunked;
  private boolean untilClose;
  private boolean bodyDone;
  private boolean keepAlive;

  PlainHttpConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Whether this connection can serve {@code url}. */
  boolean serves(URI url) {
    return host.equals(url.getHost()) && port == port(url);
  }

  static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : 80;
  }

  /**
   * Sends the request and reads the response head. A kept-alive connection the server closed
   * meanwhile is retried once on a new one, as Go's transport does for a GET.
   */
  Head request(byte[] request, long deadlineNanos) throws IOException {
    this.deadline = deadlineNanos;
    if (socket != null) {
      try {
        return send(request);
      } catch (IOException e) {
        boolean retry = reused && !(e instanceof DeadlineException) && bufLen == 0;
        closeSocket();
        if (!retry) {
          throw e;
        }
      }
    }
    connect();
    return send(request);
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      InetSocketAddress address = new InetSocketAddress(host, port);
      if (address.isUnresolved()) {
        throw new java.net.UnknownHostException(host);
      }
      s.connect(address, timeoutMillis());
    } catch (SocketTimeoutException e) {
      s.close();
      throw new DeadlineException();
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    reused = false;
    bufPos = 0;
    bufLen = 0;
  }

  private Head send(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    bufPos = 0;
    bufLen = 0;
    while (true) {
      Head head = readHead();
      if (head.status() >= 200 || head.status() == 101) {
        reused = true;
        return head;
      }
      // 1xx: another head follows
    }
  }

  private Head readHead() throws IOException {
    String status = line();
    if (status == null) {
      throw new EOFException("EOF");
    }
    // "HTTP/1.1 200 OK"
    if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
      throw new IOException("malformed HTTP response \"" + status + "\"");
    }
    int code;
    try {
      code = Integer.parseInt(status.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP status code \"" + status.substring(9) + "\"");
    }
    boolean http10 = status.charAt(7) == '0';
    String contentType = "";
    String contentEncoding = "";
    String location = null;
    String connection = "";
    long length = -1;
    boolean isChunked = false;
    int headBytes = status.length();
    String h;
    while ((h = line()) != null && !h.isEmpty()) {
      headBytes += h.length();
      if (headBytes > MAX_HEAD) {
        throw new IOException("HTTP response head larger than " + MAX_HEAD + " bytes");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-type" -> contentType = contentType.isEmpty() ? value : contentType;
        case "content-encoding" -> contentEncoding = value;
        case "content-length" -> {
          try {
            length = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length \"" + value + "\"");
          }
        }
        case "transfer-encoding" -> isChunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "location" -> location = value;
        default -> { }
      }
    }
    if (h == null) {
      throw new EOFException("unexpected EOF");
    }
    keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
    chunked = isChunked;
    untilClose = !isChunked && length < 0;
    remaining = isChunked ? 0 : length;
    bodyDone = !isChunked && length == 0 || code == 204 || code == 304 || code < 200;
    if (untilClose) {
      keepAlive = false;
    }
    return new Head(code, contentType, contentEncoding, location);
  }

  /** The response body; reading it past the deadline throws {@link DeadlineException}. */
  InputStream body() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return readBody(b, off, len);
      }
    };
  }

  private int readBody(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (bodyDone) {
      return -1;
    }
    if (chunked && remaining == 0) {
      long size = chunkSize();
      if (size == 0) {
        String trailer;
        while ((trailer = line()) != null && !trailer.isEmpty()) {
          // trailers are ignored
        }
        bodyDone = true;
        return -1;
      }
      remaining = size;
    }
    int want = untilClose ? len : (int) Math.min(len, remaining);
    int n;
    if (bufPos < bufLen) {
      n = Math.min(want, bufLen - bufPos);
      System.arraycopy(buf, bufPos, b, off, n);
      bufPos += n;
    } else {
      n = readSocket(b, off, want);
      if (n < 0) {
        if (untilClose) {
          bodyDone = true;
          return -1;
        }
        throw new EOFException("unexpected EOF");
      }
    }
    if (!untilClose) {
      remaining -= n;
      if (remaining == 0) {
        if (chunked) {
          String end = line(); // the CRLF after the chunk's data
          if (end == null || !end.isEmpty()) {
            throw new IOException("malformed chunked encoding");
          }
        } else {
          bodyDone = true;
        }
      }
    }
    return n;
  }

  private long chunkSize() throws IOException {
    String line = line();
    if (line == null) {
      throw new EOFException("unexpected EOF");
    }
    int semi = line.indexOf(';');
    String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw new NumberFormatException();
      }
      return size;
    } catch (NumberFormatException e) {
      throw new IOException("malformed chunked encoding");
    }
  }

  /** Whether the response body was read to its end and the connection may serve the next request. */
  boolean reusable() {
    return bodyDone && keepAlive;
  }

  /** After a response: keeps the connection when it can serve the next request, else closes it. */
  void finish() {
    if (!reusable()) {
      closeSocket();
    }
  }

  /** One line of the head or chunk framing without its CRLF (a bare LF is accepted), or null at EOF. */
  private String line() throws IOException {
    StringBuilder sb = null;
    while (true) {
      if (bufPos == bufLen) {
        bufPos = 0;
        bufLen = 0;
        int n = readSocket(buf, 0, buf.length);
        if (n < 0) {
          return sb == null ? null : sb.toString();
        }
        bufLen = n;
      }
      int start = bufPos;
      while (bufPos < bufLen && buf[bufPos] != '\n') {
        bufPos++;
      }
      boolean found = bufPos < bufLen;
      int end = bufPos;
      if (found) {
        bufPos++;
      }
      String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
      if (sb == null && found) {
        return stripCr(part);
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(part);
      if (sb.length() > MAX_HEAD) {
        throw new IOException("HTTP response line longer than " + MAX_HEAD + " bytes");
      }
      if (found) {
        return stripCr(sb.toString());
      }
    }
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  private int readSocket(byte[] b, int off, int len) throws IOException {
    socket.setSoTimeout(timeoutMillis());
    try {
      return in.read(b, off, len);
    } catch (SocketTimeoutException e) {
      throw new DeadlineException();
    }
  }

  private int timeoutMillis() throws DeadlineException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new DeadlineException();
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
  }

  private void closeSocket() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to do with it
      }
      socket = null;
      in = null;
      out = null;
      bufPos = 0;
      bufLen = 0;
    }
  }

  @Override
  public void close() {
    closeSocket();
  }
}
