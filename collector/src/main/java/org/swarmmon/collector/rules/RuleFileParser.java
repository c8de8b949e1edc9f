package org.swarmmon.collector.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.swarmmon.collector.config.YamlNode;
import org.swarmmon.collector.promql.parser.ParseException;
import org.swarmmon.collector.promql.parser.PromqlParser;
import org.swarmmon.collector.rules.RuleNode.Position;
import org.swarmmon.duration.PromDuration;

/**
 * Reads a rule file as Prometheus 2.42's rulefmt does: strict YAML decoding (unknown fields are
 * errors), then validation of every group and rule, each error worded and positioned as
 * Prometheus prints it ({@code file: line:col: group "g", rule 1, "name": reason}).
 */
public final class RuleFileParser {

  private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
  private static final Pattern METRIC_NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private RuleFileParser() {}

  /** Reads and validates {@code file}; every error is prefixed with the file name. */
  public static List<GroupNode> parseFile(Path file) throws RuleFileException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new RuleFileException(List.of(file + ": open " + file + ": no such file or directory"));
    } catch (IOException e) {
      throw new RuleFileException(List.of(file + ": " + e.getMessage()));
    }
    return parse(text, file.toString());
  }

  public static List<GroupNode> parse(String text, String file) throws RuleFileException {
    List<String> errors = new ArrayList<>();
    Node root;
    try {
      root = read(text);
    } catch (RuleFileException e) {
      throw new RuleFileException(e.errors().stream().map(m -> file + ": " + m).toList());
    }
    List<GroupNode> groups = new ArrayList<>();
    List<String> unmarshal = new ArrayList<>();
    List<Position> positions = new ArrayList<>();
    if (root != null) {
      Map<String, Node> top = fields(root, "rulefmt.RuleGroups", Set.of("groups"), unmarshal);
      for (Node g : items(top.get("groups"), "[]rulefmt.RuleGroup", unmarshal)) {
        groups.add(group(g, file, unmarshal, errors));
        positions.add(g.pos);
      }
    }
    if (!unmarshal.isEmpty()) {
      throw new RuleFileException(List.of(file + ": yaml: unmarshal errors:\n  " + String.join("\n  ", unmarshal)));
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    validate(groups, positions, file, errors);
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return groups;
  }

  private static GroupNode group(Node node, String file, List<String> unmarshal, List<String> errors) {
    Map<String, Node> f = fields(node, "rulefmt.RuleGroup", Set.of("name", "interval", "limit", "rules"), unmarshal);
    Node nameNode = f.get("name");
    String name = scalar(nameNode, "string", unmarshal);
    Duration interval = duration(f.get("interval"), errors, file);
    int limit = 0;
    String l = scalar(f.get("limit"), "int", unmarshal);
    if (!l.isEmpty()) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        unmarshal.add("line " + f.get("limit").pos.line() + ": cannot unmarshal !!str `" + l + "` into int");
      }
    }
    List<RuleNode> rules = new ArrayList<>();
    for (Node r : items(f.get("rules"), "[]rulefmt.RuleNode", unmarshal)) {
      rules.add(rule(r, file, unmarshal, errors));
    }
    return new GroupNode(file, name, interval, limit, rules);
  }

  private static RuleNode rule(Node node, String file, List<String> unmarshal, List<String> errors) {
    Map<String, Node> f = fields(node, "rulefmt.RuleNode",
        Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"), unmarshal);
    return new RuleNode(
        scalar(f.get("record"), "string", unmarshal),
        scalar(f.get("alert"), "string", unmarshal),
        scalar(f.get("expr"), "string", unmarshal),
        orZero(duration(f.get("for"), errors, file)),
        orZero(duration(f.get("keep_firing_for"), errors, file)),
        stringMap(f.get("labels"), unmarshal),
        stringMap(f.get("annotations"), unmarshal),
        pos(f.get("record")), pos(f.get("alert")), pos(f.get("expr")));
  }

  private static Duration orZero(Duration d) {
    return d == null ? Duration.ZERO : d;
  }

  private static Position pos(Node n) {
    return n == null ? Position.NONE : n.pos;
  }

  private static void validate(List<GroupNode> groups, List<Position> positions, String file,
      List<String> errors) {
    Set<String> names = new HashSet<>();
    for (int j = 0; j < groups.size(); j++) {
      GroupNode g = groups.get(j);
      if (g.name().isEmpty()) {
        errors.add(file + ": " + positions.get(j) + ": Groupname must not be empty");
      }
      if (!names.add(g.name())) {
        errors.add(file + ": " + positions.get(j) + ": groupname: \"" + g.name() + "\" is repeated in the same file");
      }
      for (int i = 0; i < g.rules().size(); i++) {
        RuleNode r = g.rules().get(i);
        String prefix = "group " + quote(g.name()) + ", rule " + (i + 1) + ", " + quote(r.name());
        for (String[] e : validate(r)) {
          String where = e[0].isEmpty() ? "" : e[0] + ": ";
          errors.add(file + ": " + where + prefix + ": " + e[1]);
        }
      }
    }
  }

  /** rulefmt's RuleNode.Validate: pairs of (position prefix, reason). */
  static List<String[]> validate(RuleNode r) {
    List<String[]> out = new ArrayList<>();
    String both = r.recordAt() + ": " + r.alertAt();
    if (!r.record().isEmpty() && !r.alert().isEmpty()) {
      out.add(new String[] {both, "only one of 'record' and 'alert' must be set"});
    }
    if (r.record().isEmpty() && r.alert().isEmpty()) {
      out.add(new String[] {r.recordAt().toString(), "one of 'record' or 'alert' must be set"});
    }
    if (r.expr().isEmpty()) {
      out.add(new String[] {r.exprAt().toString(), "field 'expr' must be set in rule"});
    } else {
      try {
        PromqlParser.parse(r.expr());
      } catch (ParseException e) {
        out.add(new String[] {r.exprAt().toString(), "could not parse expression: " + e.getMessage()});
      }
    }
    if (!r.record().isEmpty()) {
      String at = r.recordAt().toString();
      if (!r.annotations().isEmpty()) {
        out.add(new String[] {at, "invalid field 'annotations' in recording rule"});
      }
      if (!r.forDuration().isZero()) {
        out.add(new String[] {at, "invalid field 'for' in recording rule"});
      }
      if (!r.keepFiringFor().isZero()) {
        out.add(new String[] {at, "invalid field 'keep_firing_for' in recording rule"});
      }
      if (!METRIC_NAME.matcher(r.record()).matches()) {
        out.add(new String[] {at, "invalid recording rule name: " + r.record()});
      }
    }
    for (String k : new TreeMap<>(r.labels()).keySet()) {
      if (!LABEL_NAME.matcher(k).matches() || k.equals("__name__")) {
        out.add(new String[] {"", "invalid label name: " + k});
      }
    }
    for (String k : new TreeMap<>(r.annotations()).keySet()) {
      if (!LABEL_NAME.matcher(k).matches()) {
        out.add(new String[] {"", "invalid annotation name: " + k});
      }
    }
    if (r.isAlert()) {
      templateErrors(r, "label", r.labels(), out);
      templateErrors(r, "annotation", r.annotations(), out);
    }
    return out;
  }

  private static void templateErrors(RuleNode r, String kind, Map<String, String> texts, List<String[]> out) {
    for (Map.Entry<String, String> e : new TreeMap<>(texts).entrySet()) {
      try {
        TemplateExpander.parseTest("__alert_" + r.alert(), e.getValue());
      } catch (RuntimeException ex) {
        out.add(new String[] {"", kind + " " + quote(e.getKey()) + ": " + ex.getMessage()});
      }
    }
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Duration duration(Node n, List<String> errors, String file) {
    if (n == null || n.scalar == null || n.scalar.isEmpty()) {
      return null;
    }
    try {
      return PromDuration.parse(n.scalar);
    } catch (IllegalArgumentException e) {
      errors.add(file + ": " + e.getMessage());
      return null;
    }
  }

  // ---- a YAML tree that keeps line and column ----

  private static final class Node {
    final Position pos;
    final String scalar;
    final JsonToken token;
    final Map<String, Node> map;
    final Map<String, Integer> keyLines;
    final List<Node> list;

    Node(Position pos, String scalar, JsonToken token, Map<String, Node> map, Map<String, Integer> keyLines,
        List<Node> list) {
      this.pos = pos;
      this.scalar = scalar;
      this.token = token;
      this.map = map;
      this.keyLines = keyLines;
      this.list = list;
    }

    String tag() {
      if (map != null) {
        return "!!map";
      }
      if (list != null) {
        return "!!seq";
      }
      return YamlNode.scalarTag(token);
    }
  }

  private static Node read(String text) throws RuleFileException {
    try (JsonParser p = YAML.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      return readNode(p);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String m = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
      throw new RuleFileException(List.of("yaml: line " + line + ": " + m.lines().findFirst().orElse("")));
    } catch (IOException e) {
      throw new RuleFileException(List.of(e.toString()));
    }
  }

  private static Node readNode(JsonParser p) throws IOException, RuleFileException {
    JsonToken t = p.currentToken();
    Position pos = position(p.currentTokenLocation());
    if (t == JsonToken.START_OBJECT) {
      Map<String, Node> map = new LinkedHashMap<>();
      Map<String, Integer> lines = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int line = p.currentTokenLocation().getLineNr();
        p.nextToken();
        Node value = readNode(p);
        if (map.containsKey(key)) {
          throw new RuleFileException(List.of("yaml: unmarshal errors:\n  line " + line
              + ": mapping key \"" + key + "\" already defined at line " + lines.get(key)));
        }
        map.put(key, value);
        lines.put(key, line);
      }
      return new Node(pos, null, t, map, lines, null);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> list = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        list.add(readNode(p));
      }
      return new Node(pos, null, t, null, null, list);
    }
    return new Node(pos, t == JsonToken.VALUE_NULL ? "" : p.getText(), t, null, null, null);
  }

  private static Position position(JsonLocation l) {
    return l == null ? Position.NONE : new Position(l.getLineNr(), l.getColumnNr());
  }

  private static Map<String, Node> fields(Node n, String type, Set<String> known, List<String> unmarshal) {
    if (n == null || (n.map == null && n.list == null && n.scalar.isEmpty())) {
      return Map.of();
    }
    if (n.map == null) {
      unmarshal.add("line " + n.pos.line() + ": cannot unmarshal " + n.tag() + shown(n) + " into " + type);
      return Map.of();
    }
    n.map.forEach((k, v) -> {
      if (!known.contains(k)) {
        unmarshal.add("line " + n.keyLines.get(k) + ": field " + k + " not found in type " + type);
      }
    });
    return n.map;
  }

  private static String shown(Node n) {
    return n.scalar != null ? " `" + n.scalar + "`" : "";
  }

  private static List<Node> items(Node n, String type, List<String> unmarshal) {
    if (n == null || (n.scalar != null && n.scalar.isEmpty())) {
      return List.of();
    }
    if (n.list == null) {
      unmarshal.add("line " + n.pos.line() + ": cannot unmarshal " + n.tag() + shown(n) + " into " + type);
      return List.of();
    }
    return n.list;
  }

  private static String scalar(Node n, String type, List<String> unmarshal) {
    if (n == null) {
      return "";
    }
    if (n.scalar == null) {
      unmarshal.add("line " + n.pos.line() + ": cannot unmarshal " + n.tag() + " into " + type);
      return "";
    }
    return n.scalar;
  }

  private static Map<String, String> stringMap(Node n, List<String> unmarshal) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n == null || (n.scalar != null && n.scalar.isEmpty())) {
      return out;
    }
    if (n.map == null) {
      unmarshal.add("line " + n.pos.line() + ": cannot unmarshal " + n.tag() + shown(n) + " into map[string]string");
      return out;
    }
    n.map.forEach((k, v) -> out.put(k, scalar(v, "string", unmarshal)));
    return out;
  }
}
