package org.swarmmon.alertmanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.swarmmon.alertmanager.AlertManager;
import org.swarmmon.alertmanager.alert.Alert;
import org.swarmmon.alertmanager.dispatch.Dispatcher.GroupView;
import org.swarmmon.alertmanager.silence.Silence;
import org.swarmmon.alertmanager.silence.SilenceNotFoundException;
import org.swarmmon.gotemplate.GoStrconv;
import org.swarmmon.labels.GoRegexp;
import org.swarmmon.labels.Labels;
import org.swarmmon.labels.MatchType;
import org.swarmmon.labels.Matcher;
import org.swarmmon.labels.MatchersParser;

/** Alertmanager's API v2 handlers (api/v2/api.go) over an {@link AlertManager}, free of any web framework. */
public final class ApiV2 {

  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX")
      .withZone(ZoneOffset.UTC);
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");
  /** Protobuf's timestamp limit, which Alertmanager's silence snapshot (endsAt + retention) must stay under. */
  private static final Instant PROTO_MAX = Instant.parse("+10000-01-01T00:00:00Z");
  private static final Pattern UUID = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final java.util.Set<String> TRUE_WORDS =
      java.util.Set.of("true", "1", "yes", "ok", "y", "on", "selected", "checked", "t", "enabled");

  private final AlertManager am;
  private final String version;

  public ApiV2(AlertManager am, String version) {
    this.am = am;
    this.version = version;
  }

  /** POST /alerts as it arrives over HTTP: go-swagger's checks of the Content-Type and body first. */
  public ApiResponse postAlerts(String contentType, byte[] body) {
    PostableBodies.Decoded<JsonNode> json = PostableBodies.read(contentType, body, "alerts");
    return json.error() != null ? json.error() : postAlerts(json.value());
  }

  public ApiResponse postAlerts(JsonNode body) {
    PostableBodies.Decoded<List<PostableBodies.PostableAlert>> decoded = PostableBodies.alerts(body);
    if (decoded.error() != null) {
      // refused before Alertmanager's handler (by go-swagger), so not counted in alertmanager_alerts_invalid_total
      return decoded.error();
    }
    Instant now = am.clock().instant();
    List<Alert> valid = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (PostableBodies.PostableAlert posted : decoded.value()) {
      try {
        valid.add(toAlert(posted, now));
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
        am.countInvalid();
      }
    }
    am.putAlerts(valid);
    if (!errors.isEmpty()) {
      return ApiResponse.badRequest(String.join("; ", errors));
    }
    return ApiResponse.ok(null);
  }

  Alert toAlert(PostableBodies.PostableAlert posted, Instant now) {
    Labels.Builder labels = Labels.builder();
    for (Map.Entry<String, String> e : posted.labels().entrySet()) {
      if (!LABEL_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("invalid label set: invalid name \"" + e.getKey() + "\"");
      }
      labels.set(e.getKey(), e.getValue());
    }
    Map<String, String> annotations = new TreeMap<>();
    for (Map.Entry<String, String> e : posted.annotations().entrySet()) {
      if (!LABEL_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("invalid annotations: invalid name \"" + e.getKey() + "\"");
      }
      if (!e.getValue().isEmpty()) {
        annotations.put(e.getKey(), e.getValue());
      }
    }
    Instant startsAt = zeroToNull(posted.startsAt());
    Instant endsAt = zeroToNull(posted.endsAt());
    if (startsAt == null) {
      startsAt = endsAt == null ? now : endsAt;
    }
    boolean timeout = false;
    if (endsAt == null) {
      timeout = true;
      endsAt = now.plus(am.config().resolveTimeout());
    }
    Labels built = labels.build();
    if (endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("start time must be before end time");
    }
    if (built.isEmpty()) {
      throw new IllegalArgumentException("at least one label pair required");
    }
    return new Alert(built, annotations, startsAt, endsAt, posted.generatorURL(), now, timeout);
  }

  private static Instant zeroToNull(Instant t) {
    return t == null || t.equals(GO_ZERO) ? null : t;
  }

  /** A boolean query parameter as go-swagger reads it (swag.ConvertBool of the last value; absent or empty: null). */
  public static Boolean queryBool(String[] values) {
    if (values == null || values.length == 0 || values[values.length - 1].isEmpty()) {
      return null;
    }
    return TRUE_WORDS.contains(values[values.length - 1].toLowerCase(java.util.Locale.ROOT));
  }

  /** The query parameters of GET /alerts and /alerts/groups. */
  public record AlertQuery(List<String> filter, Boolean active, Boolean silenced, Boolean inhibited,
      Boolean unprocessed, String receiver) {}

  private record Filter(List<Matcher> matchers, com.google.re2j.Pattern receiver, boolean active, boolean silenced, boolean inhibited) {}

  private Filter filter(AlertQuery q) {
    List<Matcher> matchers = parseFilter(q.filter());
    com.google.re2j.Pattern receiver = null;
    if (q.receiver() != null && !q.receiver().isEmpty()) {
      try {
        receiver = GoRegexp.compileAnchored(q.receiver());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("failed to parse receiver param: " + e.getMessage(), e);
      }
    }
    return new Filter(matchers, receiver, q.active() == null || q.active(), q.silenced() == null || q.silenced(),
        q.inhibited() == null || q.inhibited());
  }

  /** Each filter value is one matcher (Alertmanager's parseFilter), not a list. */
  private static List<Matcher> parseFilter(List<String> filter) {
    List<Matcher> matchers = new ArrayList<>();
    for (String f : filter == null ? List.<String>of() : filter) {
      matchers.add(MatchersParser.parseMatcher(f));
    }
    return matchers;
  }

  public ApiResponse getAlerts(AlertQuery q) {
    Filter f;
    try {
      f = filter(q);
    } catch (IllegalArgumentException e) {
      return ApiResponse.badRequest(e.getMessage());
    }
    Instant now = am.clock().instant();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Alert a : am.alerts().all()) {
      Map<String, Object> json = alertIfMatching(a, f, now);
      if (json != null) {
        out.add(json);
      }
    }
    out.sort(Comparator.comparing(m -> (String) m.get("fingerprint")));
    return ApiResponse.ok(out);
  }

  private Map<String, Object> alertIfMatching(Alert a, Filter f, Instant now) {
    if (a.resolvedAt(now)) {
      return null;
    }
    List<String> receivers = am.receiversOf(a.labels());
    if (f.receiver() != null && receivers.stream().noneMatch(r -> f.receiver().matcher(r).matches())) {
      return null;
    }
    AlertManager.AlertStatus status = am.status(a);
    if (!f.active() && !status.suppressed()) {
      return null;
    }
    if (!f.silenced() && !status.silencedBy().isEmpty()) {
      return null;
    }
    if (!f.inhibited() && !status.inhibitedBy().isEmpty()) {
      return null;
    }
    if (!matchFilterLabels(f.matchers(), a.labels().toMap())) {
      return null;
    }
    return alertJson(a, receivers, status);
  }

  static boolean matchFilterLabels(List<Matcher> matchers, Map<String, String> values) {
    for (Matcher m : matchers) {
      String v = values.get(m.name());
      boolean present = v != null;
      if (m.type() == MatchType.NOT_EQUAL || m.type() == MatchType.NOT_REGEX) {
        if (m.value().isEmpty() && present) {
          continue;
        }
      } else if (m.value().isEmpty() && !present) {
        continue;
      }
      if (!m.matches(v == null ? "" : v)) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Object> alertJson(Alert a, List<String> receivers, AlertManager.AlertStatus status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("annotations", a.annotations());
    m.put("endsAt", DATE_TIME.format(a.endsAt()));
    m.put("fingerprint", a.fingerprintHex());
    m.put("receivers", receivers.stream().map(r -> Map.of("name", r)).toList());
    m.put("startsAt", DATE_TIME.format(a.startsAt()));
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("inhibitedBy", status.inhibitedBy());
    st.put("silencedBy", status.silencedBy());
    st.put("state", status.state());
    m.put("status", st);
    m.put("updatedAt", DATE_TIME.format(a.updatedAt()));
    if (!a.generatorURL().isEmpty()) {
      m.put("generatorURL", a.generatorURL());
    }
    m.put("labels", a.labels().toMap());
    return m;
  }

  public ApiResponse getAlertGroups(AlertQuery q) {
    Filter f;
    try {
      f = filter(q);
    } catch (IllegalArgumentException e) {
      return ApiResponse.badRequest(e.getMessage());
    }
    Instant now = am.clock().instant();
    List<GroupView> groups = new ArrayList<>(am.dispatcher().groups());
    groups.sort((x, y) -> x.labels().equals(y.labels()) ? x.receiver().compareTo(y.receiver())
        : x.labels().compareTo(y.labels()));
    List<Map<String, Object>> out = new ArrayList<>();
    for (GroupView g : groups) {
      if (f.receiver() != null && !f.receiver().matcher(g.receiver()).matches()) {
        continue;
      }
      List<Map<String, Object>> alerts = new ArrayList<>();
      for (Alert a : g.alerts()) {
        Map<String, Object> json = alertIfMatching(a, new Filter(f.matchers(), null, f.active(), f.silenced(), f.inhibited()), now);
        if (json != null) {
          alerts.add(json);
        }
      }
      if (alerts.isEmpty()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("alerts", alerts);
      m.put("labels", g.labels().toMap());
      m.put("receiver", Map.of("name", g.receiver()));
      out.add(m);
    }
    return ApiResponse.ok(out);
  }

  public ApiResponse getReceivers() {
    return ApiResponse.ok(am.config().receivers().keySet().stream().map(n -> Map.of("name", n)).toList());
  }

  public ApiResponse getStatus() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cluster", Map.of("status", "disabled", "peers", List.of()));
    m.put("config", Map.of("original", am.config().original()));
    m.put("uptime", DATE_TIME.format(am.started()));
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("branch", "main");
    v.put("buildDate", "");
    v.put("buildUser", "swarmmon");
    v.put("goVersion", "java" + Runtime.version().feature());
    v.put("revision", "");
    v.put("version", version);
    m.put("versionInfo", v);
    return ApiResponse.ok(m);
  }

  public ApiResponse getSilences(List<String> filter) {
    List<Matcher> matchers;
    try {
      matchers = parseFilter(filter);
    } catch (IllegalArgumentException e) {
      return ApiResponse.badRequest(e.getMessage());
    }
    Instant now = am.clock().instant();
    List<Silence> selected = new ArrayList<>();
    for (Silence s : am.silences().all()) {
      Map<String, String> sms = new LinkedHashMap<>();
      s.matchers().forEach(m -> sms.put(m.name(), m.value()));
      if (matchFilterLabels(matchers, sms)) {
        selected.add(s);
      }
    }
    selected.sort(silenceOrder(now));
    return ApiResponse.ok(selected.stream().map(s -> silenceJson(s, now)).toList());
  }

  /** Active first by end, then pending by start, then expired by end, latest first (SortSilences). */
  static Comparator<Silence> silenceOrder(Instant now) {
    return (a, b) -> {
      Silence.State sa = a.state(now);
      Silence.State sb = b.state(now);
      if (sa != sb) {
        return Integer.compare(rank(sa), rank(sb));
      }
      return switch (sa) {
        case ACTIVE -> a.endsAt().compareTo(b.endsAt());
        case PENDING -> a.startsAt().compareTo(b.startsAt());
        case EXPIRED -> b.endsAt().compareTo(a.endsAt());
      };
    };
  }

  private static int rank(Silence.State s) {
    return switch (s) {
      case ACTIVE -> 0;
      case PENDING -> 1;
      case EXPIRED -> 2;
    };
  }

  private static ApiResponse notUuid(String id) {
    return UUID.matcher(id).matches() ? null
        : PostableBodies.swaggerError(422, 601, "silenceID in path must be of type uuid: " + GoStrconv.quote(id));
  }

  public ApiResponse getSilence(String id) {
    ApiResponse invalid = notUuid(id);
    if (invalid != null) {
      return invalid;
    }
    return am.silences().get(id).map(s -> ApiResponse.ok(silenceJson(s, am.clock().instant())))
        .orElse(new ApiResponse(404, null));
  }

  /** Alertmanager answers an unknown or already expired silence with a 500; a 404 and a 400 here. */
  public ApiResponse deleteSilence(String id) {
    ApiResponse invalid = notUuid(id);
    if (invalid != null) {
      return invalid;
    }
    try {
      am.silences().expire(id);
      return ApiResponse.ok(null);
    } catch (SilenceNotFoundException e) {
      return new ApiResponse(404, "silence not found");
    } catch (IllegalArgumentException e) {
      return ApiResponse.badRequest(e.getMessage());
    }
  }

  /** POST /silences: go-swagger's checks, then postSilences.go's order of checks and texts. */
  public ApiResponse postSilences(String contentType, byte[] body) {
    PostableBodies.Decoded<JsonNode> json = PostableBodies.read(contentType, body, "silence");
    if (json.error() != null) {
      return json.error();
    }
    PostableBodies.Decoded<PostableBodies.PostableSilence> decoded = PostableBodies.silence(json.value());
    if (decoded.error() != null) {
      return decoded.error();
    }
    PostableBodies.PostableSilence posted = decoded.value();
    Instant now = am.clock().instant();
    if (!posted.startsAt().isBefore(posted.endsAt())) {
      return ApiResponse.badRequest("Failed to create silence: start time must be before end time");
    }
    if (posted.endsAt().isBefore(now)) {
      return ApiResponse.badRequest("Failed to create silence: end time can't be in the past");
    }
    if (!posted.id().isEmpty() && am.silences().get(posted.id()).isEmpty()) {
      return new ApiResponse(404, "silence not found");
    }
    List<Matcher> matchers = new ArrayList<>();
    for (int i = 0; i < posted.matchers().size(); i++) {
      PostableBodies.PostableMatcher m = posted.matchers().get(i);
      String invalid = "silence invalid: invalid label matcher " + i + ": ";
      if (!LABEL_NAME.matcher(m.name()).matches()) {
        return ApiResponse.badRequest(invalid + "invalid label name \"" + m.name() + "\"");
      }
      if (m.isRegex()) {
        try {
          GoRegexp.compile(m.value());
        } catch (IllegalArgumentException e) {
          return ApiResponse.badRequest(invalid + "invalid regular expression " + GoStrconv.quote(m.value())
              + ": " + e.getMessage());
        }
      }
      MatchType type = m.isRegex() ? (m.isEqual() ? MatchType.REGEX : MatchType.NOT_REGEX)
          : (m.isEqual() ? MatchType.EQUAL : MatchType.NOT_EQUAL);
      try {
        matchers.add(Matcher.of(type, m.name(), m.value()));
      } catch (IllegalArgumentException e) {
        return ApiResponse.badRequest(invalid + "invalid regular expression " + GoStrconv.quote(m.value())
            + ": " + e.getMessage());
      }
    }
    Instant expiresAt = posted.endsAt().plus(am.options().retention());
    if (!expiresAt.isBefore(PROTO_MAX)) {
      return ApiResponse.badRequest("timestamp: &types.Timestamp{Seconds: " + expiresAt.getEpochSecond() + ",\nNanos: "
          + expiresAt.getNano() + ",\n} after 10000-01-01");
    }
    Silence silence = new Silence(posted.id(), matchers, posted.startsAt(), posted.endsAt(), null,
        posted.createdBy(), posted.comment());
    try {
      String id = am.silences().set(silence);
      return ApiResponse.ok(Map.of("silenceID", id));
    } catch (SilenceNotFoundException e) {
      return new ApiResponse(404, "silence not found");
    } catch (IllegalArgumentException e) {
      return ApiResponse.badRequest("silence invalid: " + e.getMessage());
    }
  }

  public static Map<String, Object> silenceJson(Silence s, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("status", Map.of("state", s.state(now).name().toLowerCase()));
    m.put("updatedAt", DATE_TIME.format(s.updatedAt()));
    m.put("comment", s.comment());
    m.put("createdBy", s.createdBy());
    m.put("endsAt", DATE_TIME.format(s.endsAt()));
    m.put("matchers", s.matchers().stream().map(x -> {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("isEqual", x.type() == MatchType.EQUAL || x.type() == MatchType.REGEX);
      mm.put("isRegex", x.type() == MatchType.REGEX || x.type() == MatchType.NOT_REGEX);
      mm.put("name", x.name());
      mm.put("value", x.value());
      return mm;
    }).toList());
    m.put("startsAt", DATE_TIME.format(s.startsAt()));
    return m;
  }
}
