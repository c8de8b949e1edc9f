package org.swarmmon.alertmanager.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.swarmmon.gotemplate.GoStrconv;

/**
 * What go-swagger does with Alertmanager 0.25's request bodies before its handlers run, with its
 * answers: the Content-Type (415), a missing body (422, code 602), malformed JSON or a value of the
 * wrong JSON type (400, {@code parsing alerts body from "" failed, because json: cannot unmarshal
 * number into Go struct field Alert.labels of type string}), then the spec's required fields and
 * formats (422, codes 602/601/612, first error only). Errors are go-swagger's
 * {@code {"code":…,"message":…}} objects. Only a JSON null where Alertmanager dereferences it (it
 * drops the connection there) is answered with a plain 400 of our own.
 */
public final class PostableBodies {

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10_001).build()).build());
  private static final String ALERT_AO0 = "struct { Annotations models.LabelSet \"json:\\\"annotations,omitempty\\\"\";"
      + " EndsAt strfmt.DateTime \"json:\\\"endsAt,omitempty\\\"\"; StartsAt strfmt.DateTime \"json:\\\"startsAt,omitempty\\\"\" }";
  private static final String SILENCE_AO0 = "struct { ID string \"json:\\\"id,omitempty\\\"\" }";

  private PostableBodies() {}

  /** An alert as posted, after go-swagger's checks; times are null when absent or null. */
  public record PostableAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
      Instant endsAt, String generatorURL) {}

  public record PostableMatcher(String name, String value, boolean isRegex, boolean isEqual) {}

  public record PostableSilence(String id, List<PostableMatcher> matchers, Instant startsAt, Instant endsAt,
      String createdBy, String comment) {}

  /** Either the decoded value or the error answer. */
  public record Decoded<T>(T value, ApiResponse error) {
    static <T> Decoded<T> error(ApiResponse error) {
      return new Decoded<>(null, error);
    }
  }

  /** go-swagger's error body. */
  static ApiResponse swaggerError(int status, int code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    return new ApiResponse(status, body);
  }

  static ApiResponse required(String name) {
    return swaggerError(422, 602, name + " in body is required");
  }

  /** Content-Type check and JSON parse of a POST body; {@code name} is the body's name in the spec. */
  static Decoded<JsonNode> read(String contentType, byte[] body, String name) {
    String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    String[] parts = type.split(";", -1);
    String media = parts[0].strip().toLowerCase(Locale.ROOT);
    if (media.isEmpty()) {
      return Decoded.error(swaggerError(400, 400, "parsing Content-Type header from " + GoDateTime.quote(type)
          + " failed, because mime: no media type"));
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (!p.isEmpty() && (p.indexOf('=') <= 0)) {
        return Decoded.error(swaggerError(400, 400, "parsing Content-Type header from " + GoDateTime.quote(type)
            + " failed, because mime: invalid media parameter"));
      }
    }
    if (!media.equals("application/json")) {
      return Decoded.error(swaggerError(415, 415, "unsupported media type " + GoDateTime.quote(media)
          + ", only [application/json] are allowed"));
    }
    byte[] b = body == null ? new byte[0] : body;
    String syntax = GoJsonSyntax.check(b);
    if (GoJsonSyntax.EMPTY.equals(syntax)) {
      return Decoded.error(required(name));
    }
    if (syntax != null) {
      return Decoded.error(parseFailed(name, syntax));
    }
    try {
      // Go reads invalid UTF-8 as U+FFFD; decoding to a String first does the same
      return new Decoded<>(JSON.readTree(new String(b, StandardCharsets.UTF_8)), null);
    } catch (IOException e) {
      return Decoded.error(parseFailed(name, e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : String.valueOf(e.getMessage())));
    }
  }

  static ApiResponse parseFailed(String name, String reason) {
    return swaggerError(400, 400, "parsing " + name + " body from \"\" failed, because " + reason);
  }

  // ---- alerts

  public static Decoded<List<PostableAlert>> alerts(JsonNode root) {
    List<PostableAlert> out = new ArrayList<>();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return new Decoded<>(out, null);
    }
    if (!root.isArray()) {
      return Decoded.error(parseFailed("alerts", cannot(root, "Go value of type models.PostableAlerts")));
    }
    int i = 0;
    for (JsonNode node : root) {
      if (node.isNull()) {
        return Decoded.error(ApiResponse.badRequest("alert " + i + " in body is null"));
      }
      String error = node.isObject() ? alertTypes(node) : cannot(node, "Go value of type " + ALERT_AO0);
      if (error != null) {
        return Decoded.error(parseFailed("alerts", error));
      }
      i++;
    }
    i = 0;
    for (JsonNode node : root) {
      String url = text(field(node, "generatorURL"));
      if (!url.isEmpty() && !GoUri.isRequestUri(url)) {
        return Decoded.error(swaggerError(422, 601, i + ".generatorURL in body must be of type uri: " + GoStrconv.quote(url)));
      }
      if (absent(field(node, "labels"))) {
        return Decoded.error(required(i + ".labels"));
      }
      out.add(new PostableAlert(stringMap(field(node, "labels")), stringMap(field(node, "annotations")),
          time(field(node, "startsAt")), time(field(node, "endsAt")), url));
      i++;
    }
    return new Decoded<>(out, null);
  }

  /** PostableAlert.UnmarshalJSON: the annotations/startsAt/endsAt part first, then models.Alert. */
  private static String alertTypes(JsonNode node) {
    String saved = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (is(key, "annotations")) {
        saved = first(saved, labelSet(e.getValue(), ".annotations"));
      } else if (is(key, "startsAt") || is(key, "endsAt")) {
        String serious = dateTime(e.getValue(), "." + (is(key, "startsAt") ? "startsAt" : "endsAt"));
        if (serious != null) {
          return serious;
        }
      }
    }
    if (saved != null) {
      return saved;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (is(e.getKey(), "labels")) {
        saved = first(saved, labelSet(e.getValue(), "Alert.labels"));
      } else if (is(e.getKey(), "generatorURL")) {
        saved = first(saved, string(e.getValue(), "Alert.generatorURL"));
      }
    }
    return saved;
  }

  // ---- silences

  public static Decoded<PostableSilence> silence(JsonNode root) {
    JsonNode node = root == null ? JSON.nullNode() : root;
    if (!node.isObject() && !node.isNull()) {
      return Decoded.error(parseFailed("silence", cannot(node, "Go value of type " + SILENCE_AO0)));
    }
    String error = node.isNull() ? null : silenceTypes(node);
    if (error != null) {
      return Decoded.error(parseFailed("silence", error));
    }
    for (String name : List.of("comment", "createdBy", "endsAt")) {
      if (absent(field(node, name))) {
        return Decoded.error(required(name));
      }
    }
    JsonNode matchers = field(node, "matchers");
    if (absent(matchers)) {
      return Decoded.error(required("matchers"));
    }
    if (matchers.isEmpty()) {
      return Decoded.error(swaggerError(422, 612, "matchers in body should have at least 1 items"));
    }
    List<PostableMatcher> list = new ArrayList<>();
    int i = 0;
    for (JsonNode m : matchers) {
      if (m.isNull()) {
        return Decoded.error(ApiResponse.badRequest("matchers." + i + " in body is null"));
      }
      for (String name : List.of("isRegex", "name", "value")) {
        if (absent(field(m, name))) {
          return Decoded.error(required("matchers." + i + "." + name));
        }
      }
      JsonNode isEqual = field(m, "isEqual");
      list.add(new PostableMatcher(text(field(m, "name")), text(field(m, "value")), field(m, "isRegex").asBoolean(),
          absent(isEqual) || isEqual.asBoolean()));
      i++;
    }
    if (absent(field(node, "startsAt"))) {
      return Decoded.error(required("startsAt"));
    }
    return new Decoded<>(new PostableSilence(text(field(node, "id")), list, time(field(node, "startsAt")),
        time(field(node, "endsAt")), text(field(node, "createdBy")), text(field(node, "comment"))), null);
  }

  /** PostableSilence.UnmarshalJSON: the id part first, then models.Silence. */
  private static String silenceTypes(JsonNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (is(e.getKey(), "id")) {
        String error = string(e.getValue(), ".id");
        if (error != null) {
          return error;
        }
      }
    }
    String saved = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (is(key, "startsAt") || is(key, "endsAt")) {
        String serious = dateTime(v, "Silence." + (is(key, "startsAt") ? "startsAt" : "endsAt"));
        if (serious != null) {
          return serious;
        }
      } else if (is(key, "createdBy") || is(key, "comment")) {
        saved = first(saved, string(v, "Silence." + (is(key, "comment") ? "comment" : "createdBy")));
      } else if (is(key, "matchers")) {
        saved = first(saved, matcherTypes(v));
      }
    }
    return saved;
  }

  private static String matcherTypes(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      return cannot(v, "Go struct field Silence.matchers of type models.Matchers");
    }
    String saved = null;
    for (JsonNode m : v) {
      if (m.isNull()) {
        continue;
      }
      if (!m.isObject()) {
        saved = first(saved, cannot(m, "Go struct field Silence.matchers of type models.Matcher"));
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        for (String f : List.of("name", "value")) {
          if (is(e.getKey(), f)) {
            saved = first(saved, string(e.getValue(), "Matcher.matchers." + f));
          }
        }
        for (String f : List.of("isRegex", "isEqual")) {
          if (is(e.getKey(), f) && !e.getValue().isNull() && !e.getValue().isBoolean()) {
            saved = first(saved, cannot(e.getValue(), "Go struct field Matcher.matchers." + f + " of type bool"));
          }
        }
      }
    }
    return saved;
  }

  // ---- Go's encoding/json rules

  private static String labelSet(JsonNode v, String field) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      return cannot(v, "Go struct field " + field + " of type models.LabelSet");
    }
    for (JsonNode value : v) {
      String error = string(value, field);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private static String string(JsonNode v, String field) {
    return v.isNull() || v.isTextual() ? null : cannot(v, "Go struct field " + field + " of type string");
  }

  private static String dateTime(JsonNode v, String field) {
    if (v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      return cannot(v, "Go struct field " + field + " of type string");
    }
    if (v.asText().isEmpty()) {
      return null;
    }
    try {
      GoDateTime.parse(v.asText());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String cannot(JsonNode v, String target) {
    String kind = v.isObject() ? "object" : v.isArray() ? "array" : v.isTextual() ? "string"
        : v.isBoolean() ? "bool" : "number";
    return "json: cannot unmarshal " + kind + " into " + target;
  }

  /** Go matches struct fields case-insensitively. */
  private static boolean is(String key, String field) {
    return key.equalsIgnoreCase(field);
  }

  /** The value of a struct field: the last key that matches, as Go assigns each in turn. */
  static JsonNode field(JsonNode node, String name) {
    JsonNode found = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (is(e.getKey(), name)) {
        found = e.getValue();
      }
    }
    return found == null ? JSON.missingNode() : found;
  }

  private static boolean absent(JsonNode v) {
    return v.isMissingNode() || v.isNull();
  }

  private static String text(JsonNode v) {
    return absent(v) ? "" : v.asText();
  }

  private static Map<String, String> stringMap(JsonNode v) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), text(e.getValue()));
    }
    return out;
  }

  /** Null when absent or null; strfmt reads an empty string as the Unix epoch. */
  private static Instant time(JsonNode v) {
    if (absent(v)) {
      return null;
    }
    return v.asText().isEmpty() ? Instant.EPOCH : GoDateTime.parse(v.asText());
  }

  private static String first(String saved, String error) {
    return saved != null ? saved : error;
  }
}
