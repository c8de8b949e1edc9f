package org.swarmmon.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.swarmmon.testbed.Http;

/**
 * Bad input found by probing the HTTP API v1 side by side with Prometheus 2.42: each request gets
 * Prometheus's status and body (errorType and error text, or plain text where its router answers).
 * Before, a step below 1ms was a 500 (division by zero), a multipart Content-Type without boundary
 * a 500, a timeout of 0 was ignored, series selectors were checked as whole expressions, and
 * several texts and unknown routes differed.
 */
class HttpApiBadInputTest extends ServedCollector {

  private HttpResponse<String> send(String method, String path, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
        .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "query=up"));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return Http.send(b.build());
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', nullValues = "-", value = {
      // was a 500: Prometheus's engine steps in whole ms and divides by zero
      "GET|/api/v1/query_range?query=up&start=0&end=0&step=1e-9|-|422|{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"unexpected error: runtime error: integer divide by zero\"}",
      "GET|/api/v1/query_range?query=up&start=0&end=1&step=0.0001|-|422|{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"unexpected error: runtime error: integer divide by zero\"}",
      "GET|/api/v1/query_range?query=up&start=0&end=100&step=1e-9|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)\"}",
      // was a 500: Spring's multipart resolver
      "POST|/api/v1/query|multipart/form-data|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:1: parse error: no expression found in input\"}",
      "GET|/api/v1/query?query=up&timeout=0|-|503|{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query execution\"}",
      "GET|/api/v1/query_range?query=up&start=0&end=100&step=1&timeout=0|-|503|{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query queue\"}",
      "GET|/api/v1/query_range?query=up&start=0&end=100&step=NaN|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"step\\\": zero or negative query resolution step widths are not accepted. Try a positive integer\"}",
      "GET|/api/v1/query_range?query=up&start=0&end=100&step=Inf|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"step\\\": cannot parse \\\"Inf\\\" to a valid duration. It overflows int64\"}",
      "GET|/api/v1/query_range?query=up&start=-1e300&end=1e300&step=1e290|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"step\\\": cannot parse \\\"1e290\\\" to a valid duration. It overflows int64\"}",
      "GET|/api/v1/query?query=time()&time=1e100|-|200|{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"0\"]}}",
      "GET|/api/v1/query?query=time()&time=NaN|-|200|{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[-9223372036.854,\"-9223372036.854\"]}}",
      "GET|/api/v1/query?query=time()&time=0x10p0|-|200|{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[16,\"16\"]}}",
      "GET|/api/v1/series?match[]=|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:1: parse error: unexpected end of input\"}",
      "GET|/api/v1/series?match[]=sum(up)|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:4: parse error: unexpected \\\"(\\\"\"}",
      "GET|/api/v1/series?match[]=up%5B5m%5D|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:3: parse error: unexpected \\\"[\\\"\"}",
      "GET|/api/v1/series?match[]=1|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:1: parse error: unexpected number \\\"1\\\"\"}",
      "GET|/api/v1/series?match[]=%22abc%22|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:1: parse error: unexpected string \\\"\\\\\\\"abc\\\\\\\"\\\"\"}",
      "GET|/api/v1/series?match[]=up%20or%20x|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:4: parse error: unexpected <op:or>\"}",
      "GET|/api/v1/series?match[]=up%7Ba%3D%22b%22%7D%20offset%205m|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:11: parse error: unexpected <offset>\"}",
      "GET|/api/v1/series?match[]=-up|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"match[]\\\": 1:1: parse error: unexpected <op:->\"}",
      "GET|/api/v1/series?match[]=by|-|200|{\"status\":\"success\",\"data\":[]}",
      "GET|/api/v1/labels?match[]=sum(up)|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:4: parse error: unexpected \\\"(\\\"\"}",
      "GET|/api/v1/label/job/values?match[]=1|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:1: parse error: unexpected number \\\"1\\\"\"}",
      "GET|/api/v1/query_exemplars?query=up%7B|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:4: parse error: unexpected end of input inside braces\"}",
      "GET|/api/v1/rules?type=bogus|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"type\\\": not supported value \\\"bogus\\\"\"}",
      "POST|/api/v1/admin/tsdb/snapshot?skip_head=abc|-|400|{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"skip_head\\\": unable to parse boolean: strconv.ParseBool: parsing \\\"abc\\\": invalid syntax\"}",
      "GET|/api/v1/nonexistent|-|404|§404 page not found\n§",
      "DELETE|/api/v1/query?query=up|-|405|§Method Not Allowed\n§",
      "GET|/api/v1/admin/tsdb/snapshot|-|405|§Method Not Allowed\n§",
  })
  void answeredAsPrometheus(String method, String path, String contentType, int status, String body) {
    HttpResponse<String> r = send(method, path, contentType);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.statusCode()).isEqualTo(status);
  }
}
