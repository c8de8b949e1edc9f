package org.swarmmon.alertmanager.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.FakeClock;
import org.swarmmon.alertmanager.config.ConfigLoader;
import org.swarmmon.alertmanager.notify.Sleeper;
import org.swarmmon.alertmanager.slack.SlackMessage;

/**
 * Bad input found by fuzzing the API v2 against its OpenAPI spec (schemathesis), each answered as
 * Alertmanager 0.25 answers the same request (status and body taken from a running
 * prometheus-alertmanager 0.25); where Alertmanager fails with a 500 or drops the connection, a 4xx
 * of ours. Nothing bad is stored, and what is stored stays.
 */
class ApiV2BadInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  private static final String SILENCE = "{\"matchers\":[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}],"
      + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-02T00:00:00Z\",\"createdBy\":\"x\",\"comment\":\"y\"}";

  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private AlertManager am;
  private ApiV2 api;

  @BeforeEach
  void setUp() {
    var config = ConfigLoader.parse("route:\n  receiver: default\nreceivers:\n  - name: default\n", Path.of("."));
    am = new AlertManager(clock, new AlertManager.Options(null, Duration.ofHours(120), "http://am",
        SlackMessage.Layout.ATTACHMENTS, Sleeper.REAL), config, new PrometheusRegistry());
    api = new ApiV2(am, "0.25.0");
  }

  @AfterEach
  void tearDown() {
    am.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String json(ApiResponse r) throws Exception {
    return r.body() == null ? "" : JSON.writeValueAsString(r.body());
  }

  private void assertAnswer(int status, String body, ApiResponse r) throws Exception {
    assertEquals(body, json(r));
    assertEquals(status, r.status(), body);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§§|422|{\"code\":602,\"message\":\"alerts in body is required\"}",
      "§  §|422|{\"code\":602,\"message\":\"alerts in body is required\"}",
      "garbage|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character 'g' looking for beginning of value\"}",
      "§[{\"labels\":{\"a\":\"b\"}§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because unexpected EOF\"}",
      "§{\"a\" 1}§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character '1' after object key\"}",
      "§{\"a\":1,}§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character '}' looking for beginning of object key string\"}",
      "§[1 2]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character '2' after array element\"}",
      "§[01]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character '1' after array element\"}",
      "§[1.]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character ']' after decimal point in numeric literal\"}",
      "§[tru]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character ']' in literal true (expecting 'e')\"}",
      "§[\"\\x\"]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because invalid character 'x' in string escape code\"}",
      "§{}§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal object into Go value of type models.PostableAlerts\"}",
      "§[{\"labels\":{\"a\":1}}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Alert.labels of type string\"}",
      "§[{\"labels\":[]}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal array into Go struct field Alert.labels of type models.LabelSet\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"annotations\":{\"x\":1}}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field .annotations of type string\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"generatorURL\":5}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Alert.generatorURL of type string\"}",
      "§[{\"labels\":[],\"startsAt\":5}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field .startsAt of type string\"}",
      "§[{\"labels\":{\"a\":1},\"startsAt\":\"xx\"}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"xx\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"xx\\\" as \\\"2006\\\"\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-13-01T00:00:00Z\"}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2020-13-01T00:00:00Z\\\": month out of range\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-01-01\"}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2020-01-01\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"\\\" as \\\"15\\\"\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-01-01 00:00:00Z\"}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"2020-01-01 00:00:00Z\\\": extra text: \\\"Z\\\"\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"é\"}]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because parsing time \\\"\\\\xc3\\\\xa9\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"\\\\xc3\\\\xa9\\\" as \\\"2006\\\"\"}",
      "§[1]§|400|{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed, because json: cannot unmarshal number into Go value of type struct { Annotations models.LabelSet \\\"json:\\\\\\\"annotations,omitempty\\\\\\\"\\\"; EndsAt strfmt.DateTime \\\"json:\\\\\\\"endsAt,omitempty\\\\\\\"\\\"; StartsAt strfmt.DateTime \\\"json:\\\\\\\"startsAt,omitempty\\\\\\\"\\\" }\"}",
      "§[{}]§|422|{\"code\":602,\"message\":\"0.labels in body is required\"}",
      "§[{\"labels\":{\"a\":\"b\"}},{\"labels\":null}]§|422|{\"code\":602,\"message\":\"1.labels in body is required\"}",
      "§[{\"generatorURL\":\"foo\"}]§|422|{\"code\":601,\"message\":\"0.generatorURL in body must be of type uri: \\\"foo\\\"\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"generatorURL\":\"http://x y\"}]§|422|{\"code\":601,\"message\":\"0.generatorURL in body must be of type uri: \\\"http://x y\\\"\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"generatorURL\":\"http://x/%zz\"}]§|422|{\"code\":601,\"message\":\"0.generatorURL in body must be of type uri: \\\"http://x/%zz\\\"\"}",
      "§[{\"labels\":{\"a\":\"b\"},\"generatorURL\":\"http://x:abc/\"}]§|422|{\"code\":601,\"message\":\"0.generatorURL in body must be of type uri: \\\"http://x:abc/\\\"\"}",
      "§[{\"labels\":{}}]§|400|\"at least one label pair required\"",
      "§[{\"labels\":{\"a\":null}}]§|400|\"at least one label pair required\"",
      "§[{\"labels\":{\"0a\":\"b\"}}]§|400|\"invalid label set: invalid name \\\"0a\\\"\"",
      // Alertmanager drops the connection here (nil pointer)
      "§[null]§|400|\"alert 0 in body is null\"",
  })
  void badAlertBodies(String body, int status, String answer) throws Exception {
    assertAnswer(status, answer, api.postAlerts(JSON_TYPE, bytes(body)));
    assertEquals(0, am.alerts().all().size());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "null",
      "§[]§",
      "§[] []§",
      "§[{\"labels\":{\"a\":\"b\"}}] x§",
      "§[{\"LABELS\":{\"a\":\"b\"}}]§",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-01-01T00:00:00+25:00\"}]§",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-01-01 0:00:00\"}]§",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-01-01T00:00\"}]§",
      "§[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-01-01T00:00:00.123456789123Z\"}]§",
      "§[{\"labels\":{\"a\":\"b\"},\"generatorURL\":\"/graph\"}]§",
      "§[{\"labels\":{\"a\":\"b\"},\"generatorURL\":\"mailto:x\"}]§",
  })
  void bodiesAlertmanagerAccepts(String body) throws Exception {
    assertAnswer(200, "", api.postAlerts(JSON_TYPE, bytes(body)));
  }

  @Test
  void offsetsBeyondJavasRangeAreReadAsGoReadsThem() throws Exception {
    api.postAlerts(JSON_TYPE, bytes("[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2020-01-01T00:00:00+25:00\","
        + "\"endsAt\":\"2030-01-01T00:00:00Z\"}]"));
    assertEquals(Instant.parse("2019-12-30T23:00:00Z"), am.alerts().all().iterator().next().startsAt());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§§|415|{\"code\":415,\"message\":\"unsupported media type \\\"application/octet-stream\\\", only [application/json] are allowed\"}",
      "text/plain|415|{\"code\":415,\"message\":\"unsupported media type \\\"text/plain\\\", only [application/json] are allowed\"}",
      "multipart/form-data|415|{\"code\":415,\"message\":\"unsupported media type \\\"multipart/form-data\\\", only [application/json] are allowed\"}",
      "§a/b; x§|400|{\"code\":400,\"message\":\"parsing Content-Type header from \\\"a/b; x\\\" failed, because mime: invalid media parameter\"}",
      "§application/json; charset=utf-8§|200|§§",
      "APPLICATION/JSON|200|§§",
  })
  void contentTypes(String contentType, int status, String answer) throws Exception {
    assertAnswer(status, answer, api.postAlerts(contentType, bytes("[]")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§§|422|{\"code\":602,\"message\":\"silence in body is required\"}",
      "§{}§|422|{\"code\":602,\"message\":\"comment in body is required\"}",
      "null|422|{\"code\":602,\"message\":\"comment in body is required\"}",
      "§{\"comment\":\"a\"}§|422|{\"code\":602,\"message\":\"createdBy in body is required\"}",
      "§{\"comment\":\"a\",\"createdBy\":\"b\",\"matchers\":[{\"name\":\"a\"}]}§|422|{\"code\":602,\"message\":\"endsAt in body is required\"}",
      "§{\"comment\":\"a\",\"createdBy\":\"b\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"matchers\":[{\"name\":\"a\"}]}§|422|{\"code\":602,\"message\":\"matchers.0.isRegex in body is required\"}",
      "§{\"comment\":\"a\",\"createdBy\":\"b\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"matchers\":[]}§|422|{\"code\":612,\"message\":\"matchers in body should have at least 1 items\"}",
      "§{\"comment\":\"a\",\"createdBy\":\"b\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"matchers\":[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}]}§|422|{\"code\":602,\"message\":\"startsAt in body is required\"}",
      "§[]§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal array into Go value of type struct { ID string \\\"json:\\\\\\\"id,omitempty\\\\\\\"\\\" }\"}",
      "§{\"id\":5}§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field .id of type string\"}",
      "§{\"matchers\":{}}§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal object into Go struct field Silence.matchers of type models.Matchers\"}",
      "§{\"matchers\":[1]}§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Silence.matchers of type models.Matcher\"}",
      "§{\"matchers\":[{\"isRegex\":\"x\"}]}§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal string into Go struct field Matcher.matchers.isRegex of type bool\"}",
      "§{\"createdBy\":5}§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Silence.createdBy of type string\"}",
      "§{\"startsAt\":\"xx\",\"createdBy\":5}§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because parsing time \\\"xx\\\" as \\\"2006-01-02 15:04:05\\\": cannot parse \\\"xx\\\" as \\\"2006\\\"\"}",
      "§{\"startsAt\":232366911956316}§|400|{\"code\":400,\"message\":\"parsing silence body from \\\"\\\" failed, because json: cannot unmarshal number into Go struct field Silence.startsAt of type string\"}",
  })
  void badSilenceBodies(String body, int status, String answer) throws Exception {
    assertAnswer(status, answer, api.postSilences(JSON_TYPE, bytes(body)));
    assertEquals(0, am.silences().all().size());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§\"matchers\":[{\"name\":\"0a\",\"value\":\"b\",\"isRegex\":false}]§|\"silence invalid: invalid label matcher 0: invalid label name \\\"0a\\\"\"",
      "§\"matchers\":[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false},{\"name\":\"b\",\"value\":\"*\",\"isRegex\":true}]§|\"silence invalid: invalid label matcher 1: invalid regular expression \\\"*\\\": error parsing regexp: missing argument to repetition operator: `*`\"",
      "§\"matchers\":[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}]§|\"silence invalid: invalid label matcher 0: invalid regular expression \\\"(\\\": error parsing regexp: missing closing ): `(`\"",
      "§\"matchers\":[{\"name\":\"a\",\"value\":\"\",\"isRegex\":false}]§|\"silence invalid: at least one matcher must not match the empty string\"",
      // Alertmanager drops the connection here (nil pointer)
      "§\"matchers\":[null]§|\"matchers.0 in body is null\"",
  })
  void badSilenceMatchers(String matchers, String answer) throws Exception {
    String body = "{" + matchers + ",\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-02T00:00:00Z\","
        + "\"createdBy\":\"x\",\"comment\":\"y\"}";
    assertAnswer(400, answer, api.postSilences(JSON_TYPE, bytes(body)));
    assertEquals(0, am.silences().all().size());
  }

  @Test
  void silenceTimesAreCheckedFirstWithAlertmanagersTexts() throws Exception {
    String bad = "{\"matchers\":[{\"name\":\"0a\",\"value\":\"b\",\"isRegex\":false}],\"startsAt\":\"2026-01-02T00:00:00Z\","
        + "\"endsAt\":\"2026-01-01T00:00:00Z\",\"createdBy\":\"x\",\"comment\":\"y\"}";
    assertAnswer(400, "\"Failed to create silence: start time must be before end time\"",
        api.postSilences(JSON_TYPE, bytes(bad)));
    String past = SILENCE.replace("2026-01-02", "2025-12-31").replace("2026-01-01T", "2025-12-30T");
    assertAnswer(400, "\"Failed to create silence: end time can't be in the past\"", api.postSilences(JSON_TYPE, bytes(past)));
    String unknown = SILENCE.replace("{\"matchers\"", "{\"id\":\"00000000-0000-0000-0000-000000000000\",\"matchers\"");
    assertAnswer(404, "\"silence not found\"", api.postSilences(JSON_TYPE, bytes(unknown)));
  }

  @Test
  void emptyAndEdgeSilenceTimesAsAlertmanagerReadsThem() throws Exception {
    // was a 500: strfmt reads "" as the Unix epoch (a start in the past becomes now)
    assertEquals(200, api.postSilences(JSON_TYPE, bytes(SILENCE.replace("\"2026-01-01T00:00:00Z\"", "\"\""))).status());
    assertAnswer(400, "\"Failed to create silence: start time must be before end time\"",
        api.postSilences(JSON_TYPE, bytes(SILENCE.replace("\"2026-01-02T00:00:00Z\"", "\"\""))));
    // was refused as a "zero" start
    assertEquals(200, api.postSilences(JSON_TYPE, bytes(SILENCE.replace("2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z"))).status());
    // endsAt + retention (120h) beyond protobuf's range: Alertmanager's own text
    assertAnswer(400, "\"timestamp: &types.Timestamp{Seconds: 253402732799,\\nNanos: 0,\\n} after 10000-01-01\"",
        api.postSilences(JSON_TYPE, bytes(SILENCE.replace("2026-01-02T00:00:00Z", "9999-12-31T23:59:59Z"))));
    assertEquals(2, am.silences().all().size());
  }

  @Test
  void aRefusedUpdateKeepsTheSilenceItWouldReplace() throws Exception {
    // Alertmanager 0.25 expires the old silence before it refuses the new one
    String id = (String) ((Map<?, ?>) api.postSilences(JSON_TYPE, bytes(SILENCE)).body()).get("silenceID");
    String update = SILENCE.replace("{\"matchers\":[{\"name\":\"a\",\"value\":\"b\"",
        "{\"id\":\"" + id + "\",\"matchers\":[{\"name\":\"a\",\"value\":\"\"");
    assertAnswer(400, "\"silence invalid: at least one matcher must not match the empty string\"",
        api.postSilences(JSON_TYPE, bytes(update)));
    assertEquals("active", ((Map<?, ?>) ((Map<?, ?>) api.getSilence(id).body()).get("status")).get("state"));
  }

  @Test
  void emptyAndYearZeroAlertTimesAsAlertmanagerReadsThem() throws Exception {
    api.postAlerts(JSON_TYPE, bytes("[{\"labels\":{\"a\":\"zero\"},\"startsAt\":\"0000-01-01T00:00:00Z\"},"
        + "{\"labels\":{\"a\":\"empty\"},\"startsAt\":\"\",\"endsAt\":\"\"}]"));
    ApiResponse listed = api.getAlerts(new ApiV2.AlertQuery(List.of(), null, null, null, null, null));
    List<?> alerts = (List<?>) listed.body();
    // "" is the epoch: that alert ended in 1970 and is not listed
    assertEquals(1, alerts.size());
    assertEquals("0000-01-01T00:00:00.000Z", ((Map<?, ?>) alerts.get(0)).get("startsAt"));
  }

  @Test
  void silencePathIdsMustBeUuidsAndExpiringTwiceIsAClientError() throws Exception {
    assertAnswer(422, "{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"null,null\\\"\"}",
        api.getSilence("null,null"));
    assertAnswer(422, "{\"code\":601,\"message\":\"silenceID in path must be of type uuid: \\\"foo\\\"\"}",
        api.deleteSilence("foo"));
    assertAnswer(404, "\"silence not found\"", api.deleteSilence("00000000-0000-0000-0000-000000000000"));

    ApiResponse created = api.postSilences(JSON_TYPE, bytes(SILENCE));
    assertEquals(200, created.status());
    String id = (String) ((Map<?, ?>) created.body()).get("silenceID");
    assertEquals(200, api.deleteSilence(id).status());
    // was a 500 (Alertmanager's answer too)
    assertAnswer(400, "\"silence " + id + " already expired\"", api.deleteSilence(id));
    assertEquals(1, am.silences().all().size());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '§', value = {
      "§§|\"bad matcher format: \"",
      "§{§|\"bad matcher format: {\"",
      "§{a=\"b\"}§|\"bad matcher format: {a=\\\"b\\\"}\"",
      "§a=\"b\",c=\"d\"§|\"matcher value contains unescaped double quote: \\\"b\\\",c=\\\"d\\\"\"",
      "§a=~\"(\"§|\"error parsing regexp: missing closing ): `^(?:()$`\"",
      "§a=~\"*\"§|\"error parsing regexp: missing argument to repetition operator: `*`\"",
      "§a=~\"a**\"§|\"error parsing regexp: invalid nested repetition operator: `**`\"",
      "§a=~\"[z-a]\"§|\"error parsing regexp: invalid character class range: `z-a`\"",
      "§a=~\"x{2,1}\"§|\"error parsing regexp: invalid repeat count: `{2,1}`\"",
      "§a=~\"\\q\"§|\"error parsing regexp: invalid escape sequence: `\\\\q`\"",
  })
  void badFilters(String filter, String answer) throws Exception {
    assertAnswer(400, answer, api.getAlerts(new ApiV2.AlertQuery(List.of(filter), null, null, null, null, null)));
    assertAnswer(400, answer, api.getAlertGroups(new ApiV2.AlertQuery(List.of(filter), null, null, null, null, null)));
    assertAnswer(400, answer, api.getSilences(List.of(filter)));
  }

  @Test
  void receiverRegexpErrorsInGosWords() throws Exception {
    assertAnswer(400, "\"failed to parse receiver param: error parsing regexp: missing closing ]: `[)$`\"",
        api.getAlerts(new ApiV2.AlertQuery(List.of(), null, null, null, null, "[")));
    assertAnswer(400, "\"failed to parse receiver param: error parsing regexp: unexpected ): `^(?:a))$`\"",
        api.getAlerts(new ApiV2.AlertQuery(List.of(), null, null, null, null, "a)")));
  }

  @Test
  void booleanParametersAreReadAsGoSwaggerReadsThem() {
    assertEquals(null, ApiV2.queryBool(null));
    assertEquals(null, ApiV2.queryBool(new String[] {""}));
    assertEquals(false, ApiV2.queryBool(new String[] {"foo"}));
    assertEquals(false, ApiV2.queryBool(new String[] {"2"}));
    assertEquals(true, ApiV2.queryBool(new String[] {"TRUE"}));
    assertEquals(true, ApiV2.queryBool(new String[] {"false", "yes"}));
  }

  @Test
  void onlyAlertsRefusedByTheHandlerCountAsInvalid() throws Exception {
    api.postAlerts(JSON_TYPE, bytes("[{\"labels\":{\"a\":1}}]"));
    api.postAlerts(JSON_TYPE, bytes("[{}]"));
    assertEquals(0.0, invalidCount());
    api.postAlerts(JSON_TYPE, bytes("[{\"labels\":{}},{\"labels\":{\"0a\":\"b\"}}]"));
    assertEquals(2.0, invalidCount());
  }

  private double invalidCount() {
    return am.registry().scrape().stream().filter(s -> s.getMetadata().getName().equals("alertmanager_alerts_invalid"))
        .map(s -> ((io.prometheus.metrics.model.snapshots.CounterSnapshot) s).getDataPoints().get(0).getValue())
        .findFirst().orElseThrow();
  }

  @Test
  void storedStateSurvivesBadInput() throws Exception {
    assertEquals(200, api.postAlerts(JSON_TYPE, bytes("[{\"labels\":{\"alertname\":\"kept\"}}]")).status());
    assertEquals(200, api.postSilences(JSON_TYPE, bytes(SILENCE)).status());
    for (String bad : List.of("[", "[{\"labels\":{\"a\":1}}]", "[null]", "{}", "[{\"labels\":{\"alertname\":\"x\"},"
        + "\"startsAt\":\"2020-01-01T00:00:00Z\",\"endsAt\":\"2019-01-01T00:00:00Z\"}]")) {
      api.postAlerts(JSON_TYPE, bytes(bad));
    }
    for (String bad : List.of("{", "{\"matchers\":[null]}", SILENCE.replace("\"b\"", "5"))) {
      api.postSilences(JSON_TYPE, bytes(bad));
    }
    assertEquals(1, am.alerts().all().size());
    assertNotNull(am.alerts().all().iterator().next().labels().get("alertname"));
    assertEquals(1, am.silences().all().size());
  }
}
