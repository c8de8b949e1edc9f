package org.swarmmon.alertmanager.warmup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 endpoint on 127.0.0.1 that answers every POST with {@code 200 ok} (what a
 * Slack webhook answers), keeping connections alive, for {@link PathWarmup}. The answer goes out in
 * one write with TCP_NODELAY: headers and body written apart wait ~20–40 ms for the client's
 * delayed ACK (as with the JDK's HttpServer), which would cap a sequential warm-up at ~50 messages/s.
 */
final class LoopbackReceiver implements AutoCloseable {

  private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
      + "Content-Length: 2\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final AtomicInteger received = new AtomicInteger();

  LoopbackReceiver() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "slack-warmup-receiver");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  int received() {
    return received.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "slack-warmup-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        long length = -1;
        boolean any = false;
        for (String line = readLine(in); line != null; line = readLine(in)) {
          if (line.isEmpty()) {
            break;
          }
          any = true;
          String lower = line.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-length:")) {
            length = Long.parseLong(lower.substring("content-length:".length()).trim());
          }
        }
        if (!any) {
          return; // the client closed the connection
        }
        if (length < 0) {
          return; // chunked bodies are not sent by the SDK's webhook client
        }
        in.skipNBytes(length);
        received.incrementAndGet();
        out.write(OK);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // a warm-up connection ending, or a request this receiver does not understand: the client sees an error
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) c);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
