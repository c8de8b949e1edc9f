package org.swarmmon.alertmanager.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.swarmmon.alertmanager.config.ConfigFile.*;
import org.swarmmon.alertmanager.template.NotificationTemplates;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Matcher;
import org.swarmmon.labels.MatchersParser;

/** Reads alertmanager.yml the way Alertmanager 0.25 does: strict fields, defaults, validation. */
public final class ConfigLoader {

  static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
  static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofMinutes(5);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  public static Config load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("open " + file + ": " + e.getMessage());
    }
    return parse(text, file.toAbsolutePath().getParent());
  }

  /** Parses and validates; {@code baseDir} resolves relative template globs and *_file paths. */
  public static Config parse(String text, Path baseDir) {
    ConfigFile file;
    try {
      file = text.isBlank() ? null : YAML.readValue(text, ConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("yaml: unmarshal errors:\n  line " + keyLine(text, e.getPropertyName(), line(e.getLocation()))
          + ": field " + e.getPropertyName() + " not found in type " + goType(e.getReferringClass()));
    } catch (MismatchedInputException e) {
      throw new ConfigException("yaml: unmarshal errors:\n  line " + line(e.getLocation())
          + ": cannot unmarshal " + yamlValue(e, text) + " into " + goTypeOf(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw new ConfigException("yaml: line " + line(e.getLocation()) + ": " + e.getOriginalMessage());
    }
    if (file == null || file.route() == null) {
      throw new ConfigException("no route provided in config");
    }
    return build(file, text, baseDir);
  }

  /** The offending value as go-yaml names it, e.g. {@code !!int `5`}, from Jackson's message and the line. */
  private static String yamlValue(MismatchedInputException e, String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("from (\\w+(?:-point)?) value").matcher(e.getOriginalMessage());
    String kind = m.find() ? m.group(1) : "";
    String tag = switch (kind) {
      case "Integer" -> "!!int";
      case "Floating-point" -> "!!float";
      case "Boolean" -> "!!bool";
      case "Object" -> "!!map";
      case "Array" -> "!!seq";
      default -> "!!str";
    };
    if (tag.equals("!!map") || tag.equals("!!seq")) {
      return tag;
    }
    int line = line(e.getLocation());
    String[] lines = text.split("\n", -1);
    if (line >= 1 && line <= lines.length) {
      String l = lines[line - 1];
      int colon = l.indexOf(':');
      String value = colon >= 0 ? l.substring(colon + 1).strip() : l.strip();
      return tag + " `" + value.replaceAll("^['\"]|['\"]$", "") + "`";
    }
    return tag;
  }

  private static String goTypeOf(Class<?> type) {
    if (type == null) {
      return "config.plain";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "[]string";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "map[string]string";
    }
    if (type == String.class) {
      return "string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "bool";
    }
    return "config.plain";
  }

  /** The line where {@code key} is first written as a mapping key (Jackson reports where it stopped). */
  private static int keyLine(String text, String key, int fallback) {
    String[] lines = text.split("\n", -1);
    java.util.regex.Pattern p = java.util.regex.Pattern.compile("^[\\s-]*['\"]?" + java.util.regex.Pattern.quote(key) + "['\"]?\\s*:.*");
    for (int i = 0; i < lines.length && i < fallback; i++) {
      if (p.matcher(lines[i]).matches()) {
        return i + 1;
      }
    }
    return fallback;
  }

  private static int line(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }

  private static String goType(Class<?> type) {
    if (type == null || type == ConfigFile.class) {
      return "config.plain";
    }
    return switch (type.getSimpleName()) {
      case "RouteConfig" -> "config.plain";
      case "SlackConfigFile" -> "config.plain";
      default -> "config.plain";
    };
  }

  private static Config build(ConfigFile file, String text, Path baseDir) {
    Global global = file.global();
    Duration resolveTimeout = duration(global == null ? null : global.resolveTimeout(), DEFAULT_RESOLVE_TIMEOUT);
    String globalSlackUrl = global == null ? null : global.slackApiUrl();
    String globalSlackUrlFile = global == null ? null : global.slackApiUrlFile();
    if (globalSlackUrl != null && globalSlackUrlFile != null) {
      throw new ConfigException("at most one of slack_api_url & slack_api_url_file must be configured");
    }

    Map<String, TimeIntervals> intervals = new LinkedHashMap<>();
    List<TimeIntervalConfig> allIntervals = new ArrayList<>();
    if (file.muteTimeIntervals() != null) {
      allIntervals.addAll(file.muteTimeIntervals());
    }
    if (file.timeIntervals() != null) {
      allIntervals.addAll(file.timeIntervals());
    }
    for (TimeIntervalConfig ti : allIntervals) {
      if (ti.name() == null || ti.name().isEmpty()) {
        throw new ConfigException("missing name in mute time interval");
      }
      if (intervals.containsKey(ti.name())) {
        throw new ConfigException("mute time interval " + quote(ti.name()) + " is not unique");
      }
      try {
        intervals.put(ti.name(), TimeIntervals.of(ti.timeIntervals()));
      } catch (RuntimeException e) {
        throw new ConfigException(e.getMessage());
      }
    }

    Map<String, Receiver> receivers = new LinkedHashMap<>();
    for (ReceiverConfig rc : file.receivers() == null ? List.<ReceiverConfig>of() : file.receivers()) {
      if (rc.name() == null || rc.name().isEmpty()) {
        throw new ConfigException("missing name in receiver");
      }
      if (receivers.containsKey(rc.name())) {
        throw new ConfigException("notification config name " + quote(rc.name()) + " is not unique");
      }
      List<SlackSettings> slack = new ArrayList<>();
      for (SlackConfigFile sc : rc.slackConfigs() == null ? List.<SlackConfigFile>of() : rc.slackConfigs()) {
        slack.add(slack(sc, globalSlackUrl, globalSlackUrlFile));
      }
      int others = count(rc.emailConfigs()) + count(rc.pagerdutyConfigs()) + count(rc.webhookConfigs())
          + count(rc.opsgenieConfigs()) + count(rc.wechatConfigs()) + count(rc.pushoverConfigs())
          + count(rc.victoropsConfigs()) + count(rc.snsConfigs()) + count(rc.telegramConfigs())
          + count(rc.discordConfigs()) + count(rc.webexConfigs());
      receivers.put(rc.name(), new Receiver(rc.name(), slack, others));
    }

    RouteConfig root = file.route();
    if (root.receiver() == null || root.receiver().isEmpty()) {
      throw new ConfigException("root route must specify a default receiver");
    }
    if (notEmpty(root.match()) || notEmpty(root.matchRe()) || notEmpty(root.matchers())) {
      throw new ConfigException("root route must not have any matchers");
    }
    if (notEmpty(root.muteTimeIntervals())) {
      throw new ConfigException("root route must not have any mute time intervals");
    }
    if (notEmpty(root.activeTimeIntervals())) {
      throw new ConfigException("root route must not have any active time intervals");
    }
    Route route = route(root, null, 0, receivers, intervals);

    List<InhibitRule> inhibitRules = new ArrayList<>();
    for (InhibitRuleConfig ir : file.inhibitRules() == null ? List.<InhibitRuleConfig>of() : file.inhibitRules()) {
      List<Matcher> source = matchers(ir.sourceMatch(), ir.sourceMatchRe(), ir.sourceMatchers());
      List<Matcher> target = matchers(ir.targetMatch(), ir.targetMatchRe(), ir.targetMatchers());
      inhibitRules.add(new InhibitRule(source, target,
          ir.equal() == null ? Set.of() : new HashSet<>(ir.equal())));
    }

    NotificationTemplates templates;
    try {
      templates = NotificationTemplates.load(file.templates() == null ? List.of() : file.templates(), baseDir);
    } catch (RuntimeException e) {
      throw new ConfigException(e.getMessage());
    }
    return new Config(resolveTimeout, route, List.copyOf(inhibitRules), receivers, intervals, templates, text);
  }

  private static Route route(RouteConfig rc, Route parent, int index, Map<String, Receiver> receivers,
      Map<String, TimeIntervals> intervals) {
    String receiver = rc.receiver() != null && !rc.receiver().isEmpty() ? rc.receiver() : parent.receiver();
    if (!receivers.containsKey(receiver)) {
      throw new ConfigException("undefined receiver " + quote(receiver) + " used in route");
    }
    Set<String> groupBy;
    boolean groupByAll;
    if (rc.groupBy() != null) {
      groupBy = new TreeSet<>();
      groupByAll = false;
      for (String name : rc.groupBy()) {
        if (name.equals("...")) {
          if (rc.groupBy().size() > 1) {
            throw new ConfigException("cannot have wildcard group_by (`...`) and other other labels at the same time");
          }
          groupByAll = true;
        } else {
          if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new ConfigException("invalid label name " + quote(name) + " in group_by list");
          }
          if (!groupBy.add(name)) {
            throw new ConfigException("duplicated label " + quote(name) + " in group_by");
          }
        }
      }
    } else if (parent != null) {
      groupBy = parent.groupBy();
      groupByAll = parent.groupByAll();
    } else {
      groupBy = Set.of();
      groupByAll = false;
    }
    Duration groupWait = duration(rc.groupWait(), parent == null ? DEFAULT_GROUP_WAIT : parent.groupWait());
    Duration groupInterval = duration(rc.groupInterval(), parent == null ? DEFAULT_GROUP_INTERVAL : parent.groupInterval());
    Duration repeatInterval = duration(rc.repeatInterval(), parent == null ? DEFAULT_REPEAT_INTERVAL : parent.repeatInterval());
    if (rc.groupInterval() != null && groupInterval.isZero()) {
      throw new ConfigException("group_interval cannot be zero");
    }
    if (rc.repeatInterval() != null && repeatInterval.isZero()) {
      throw new ConfigException("repeat_interval cannot be zero");
    }
    List<String> mute = rc.muteTimeIntervals() == null ? List.of() : rc.muteTimeIntervals();
    List<String> active = rc.activeTimeIntervals() == null ? List.of() : rc.activeTimeIntervals();
    for (String name : mute) {
      if (!intervals.containsKey(name)) {
        throw new ConfigException("undefined time interval " + quote(name) + " used in route");
      }
    }
    for (String name : active) {
      if (!intervals.containsKey(name)) {
        throw new ConfigException("undefined time interval " + quote(name) + " used in route");
      }
    }
    List<Matcher> matchers = matchers(rc.match(), rc.matchRe(), rc.matchers());
    matchers.sort((a, b) -> a.toString().compareTo(b.toString()));
    Route route = new Route(parent, index, receiver, groupBy, groupByAll, matchers,
        Boolean.TRUE.equals(rc.continueMatching()), groupWait, groupInterval, repeatInterval, mute, active);
    List<RouteConfig> children = rc.routes() == null ? List.of() : rc.routes();
    for (int i = 0; i < children.size(); i++) {
      route.add(route(children.get(i), route, i, receivers, intervals));
    }
    return route;
  }

  private static List<Matcher> matchers(Map<String, String> match, Map<String, String> matchRe, List<String> matchers) {
    List<Matcher> out = new ArrayList<>();
    if (match != null) {
      match.forEach((name, value) -> {
        checkLabelName(name);
        out.add(Matcher.equal(name, value));
      });
    }
    if (matchRe != null) {
      matchRe.forEach((name, value) -> {
        checkLabelName(name);
        try {
          out.add(Matcher.regex(name, value));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(e.getMessage());
        }
      });
    }
    if (matchers != null) {
      for (String m : matchers) {
        try {
          out.addAll(MatchersParser.parseMatchers(m));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(e.getMessage());
        }
      }
    }
    return out;
  }

  private static void checkLabelName(String name) {
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new ConfigException(quote(name) + " is not a valid label name");
    }
  }

  private static SlackSettings slack(SlackConfigFile sc, String globalUrl, String globalUrlFile) {
    String apiUrl = sc.apiUrl();
    String apiUrlFile = sc.apiUrlFile();
    if (apiUrl != null && apiUrlFile != null) {
      throw new ConfigException("at most one of api_url & api_url_file must be configured");
    }
    if (apiUrl == null && apiUrlFile == null) {
      apiUrl = globalUrl;
      apiUrlFile = globalUrlFile;
    }
    if (apiUrl == null && apiUrlFile == null) {
      throw new ConfigException("no global Slack API URL set either inline or in a file");
    }
    String botToken = null;
    String botTokenFile = null;
    HttpConfig http = sc.httpConfig();
    if (http != null && http.authorization() != null) {
      botToken = http.authorization().credentials();
      botTokenFile = http.authorization().credentialsFile();
    } else if (http != null) {
      botToken = http.bearerToken();
      botTokenFile = http.bearerTokenFile();
    }
    return new SlackSettings(
        Boolean.TRUE.equals(sc.sendResolved()), apiUrl, apiUrlFile, botToken, botTokenFile,
        sc.channel(), or(sc.username(), "{{ template \"slack.default.username\" . }}"),
        or(sc.color(), "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}"),
        or(sc.title(), "{{ template \"slack.default.title\" . }}"),
        or(sc.titleLink(), "{{ template \"slack.default.titlelink\" . }}"),
        or(sc.pretext(), "{{ template \"slack.default.pretext\" . }}"),
        or(sc.text(), "{{ template \"slack.default.text\" . }}"),
        sc.fields() == null ? List.of() : sc.fields(), Boolean.TRUE.equals(sc.shortFields()),
        or(sc.footer(), "{{ template \"slack.default.footer\" . }}"),
        or(sc.fallback(), "{{ template \"slack.default.fallback\" . }}"),
        or(sc.callbackId(), "{{ template \"slack.default.callbackid\" . }}"),
        or(sc.iconEmoji(), "{{ template \"slack.default.iconemoji\" . }}"),
        or(sc.iconUrl(), "{{ template \"slack.default.iconurl\" . }}"),
        or(sc.imageUrl(), ""), or(sc.thumbUrl(), ""), Boolean.TRUE.equals(sc.linkNames()),
        sc.mrkdwnIn() == null ? List.of("fallback", "pretext", "text") : sc.mrkdwnIn(),
        sc.actions() == null ? List.of() : sc.actions());
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static int count(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static boolean notEmpty(Map<?, ?> m) {
    return m != null && !m.isEmpty();
  }

  private static boolean notEmpty(List<?> l) {
    return l != null && !l.isEmpty();
  }

  private static Duration duration(String text, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return PromDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  static String quote(String s) {
    return "\"" + s + "\"";
  }
}
