package org.swarmmon.alertmanager.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.swarmmon.testbed.Http;
import org.swarmmon.testbed.Parts;

/**
 * Bad input found by schemathesis that is handled in the HTTP layer, answered over HTTP as
 * Alertmanager 0.25 answers it: a multipart Content-Type without boundary (was a 500 on every
 * endpoint), unencoded quotes in ?filter= (was Tomcat's HTML 400), filters with commas (Spring split
 * them), booleans go-swagger reads as false (was Spring's 400), unknown paths and methods (were
 * Spring's error JSON). Requests are written raw, as a client may send them.
 */
class ApiHttpBadInputTest {

  private static OurAlertManager am;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Parts.workDir("api-http-bad-input");
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: default
        receivers:
          - name: default
        """);
    am = OurAlertManager.start(config, dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (am != null) {
      am.close();
    }
  }

  /** Status line, then the body, of one raw HTTP/1.1 request. */
  private static String raw(String method, String target, String headers, String body) throws Exception {
    URI uri = URI.create(am.url());
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      byte[] content = body.getBytes(StandardCharsets.UTF_8);
      String request = method + " " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n"
          + headers + "Content-Length: " + content.length + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      String text = response.toString(StandardCharsets.UTF_8);
      String status = text.substring(0, text.indexOf("\r\n"));
      String rest = text.substring(text.indexOf("\r\n\r\n") + 4);
      boolean chunked = text.substring(0, text.indexOf("\r\n\r\n")).toLowerCase().contains("transfer-encoding: chunked");
      return status + "\n" + (chunked ? dechunk(rest) : rest);
    }
  }

  private static String dechunk(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = s.indexOf("\r\n", i);
      int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(s, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }

  @Test
  void multipartWithoutBoundaryIsNoServerError() throws Exception {
    assertThat(raw("GET", "/api/v2/receivers", "Content-Type: multipart/form-data\r\n", ""))
        .isEqualTo("HTTP/1.1 200 \n[{\"name\":\"default\"}]");
    assertThat(raw("POST", "/api/v2/alerts", "Content-Type: multipart/form-data\r\n", "[]")).isEqualTo(
        "HTTP/1.1 415 \n{\"code\":415,\"message\":\"unsupported media type \\\"multipart/form-data\\\", only [application/json] are allowed\"}");
    assertThat(raw("POST", "/api/v2/silences", "Content-Type: application/x-www-form-urlencoded\r\n", "a=b")).isEqualTo(
        "HTTP/1.1 415 \n{\"code\":415,\"message\":\"unsupported media type \\\"application/x-www-form-urlencoded\\\", only [application/json] are allowed\"}");
  }

  @Test
  void filtersAreOneMatcherEachAndMayBeUnencoded() throws Exception {
    assertThat(Http.post(am.url() + "/api/v2/alerts", "application/json",
        "[{\"labels\":{\"alertname\":\"comma\",\"hosts\":\"a,b\"}}]").statusCode()).isEqualTo(200);
    assertThat(raw("GET", "/api/v2/alerts?filter=hosts=\"a,b\"", "", ""))
        .startsWith("HTTP/1.1 200 \n[{").contains("\"hosts\":\"a,b\"");
    assertThat(raw("GET", "/api/v2/alerts?filter=hosts%3D~%22x%7B2%2C1%7D%22", "", "")).isEqualTo(
        "HTTP/1.1 400 \n\"error parsing regexp: invalid repeat count: `{2,1}`\"");
    assertThat(raw("GET", "/api/v2/silences?filter={a=\"b\"}", "", "")).isEqualTo(
        "HTTP/1.1 400 \n\"bad matcher format: {a=\\\"b\\\"}\"");
  }

  @Test
  void booleansAreReadAsGoSwaggerReadsThem() throws Exception {
    assertThat(raw("GET", "/api/v2/alerts?active=foo", "", "")).isEqualTo("HTTP/1.1 200 \n[]");
    assertThat(raw("GET", "/api/v2/alerts/groups?inhibited=null&active=yes", "", "")).startsWith("HTTP/1.1 200 \n[");
  }

  @Test
  void unknownPathsMethodsAndIdsAnswerInGoSwaggersFormat() throws Exception {
    assertThat(raw("GET", "/api/v2/nonexistent", "", "")).isEqualTo(
        "HTTP/1.1 404 \n{\"code\":404,\"message\":\"path /api/v2/nonexistent was not found\"}");
    assertThat(raw("PUT", "/api/v2/alerts", "", "")).isEqualTo(
        "HTTP/1.1 405 \n{\"code\":405,\"message\":\"method PUT is not allowed, but [GET,POST] are\"}");
    assertThat(raw("POST", "/api/v2/silence/00000000-0000-0000-0000-000000000000", "", "")).isEqualTo(
        "HTTP/1.1 405 \n{\"code\":405,\"message\":\"method POST is not allowed, but [DELETE,GET] are\"}");
    assertThat(raw("GET", "/api/v2/silence/null%2Cnull", "", "")).isEqualTo(
        "HTTP/1.1 422 \n{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"null,null\\\"\"}");
  }
}
