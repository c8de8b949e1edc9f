package org.swarmmon.collector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.swarmmon.duration.PromDuration;
import org.swarmmon.labels.Labels;

/**
 * Reads a {@link YamlNode} tree into records the way Go's yaml.v2 strict decoding does for
 * Prometheus: unknown fields and type mismatches are collected as "unmarshal errors" naming their
 * line; a semantic error (a bad duration, a failed validation) stops decoding at once and names
 * its line and field.
 */
final class Decoder {

  private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

  private final List<String> unmarshalErrors = new ArrayList<>();

  List<String> unmarshalErrors() {
    return unmarshalErrors;
  }

  /** A semantic error at a node, stopping the decoding. */
  static ConfigException invalid(YamlNode node, String field, String message) {
    String where = node == null || node.line() <= 0 ? "" : "line " + node.line() + ": ";
    String what = field == null ? "" : "field " + field + ": ";
    return new ConfigException(where + what + message);
  }

  Fields fields(YamlNode node, String type) {
    if (node instanceof YamlNode.Mapping m) {
      return new Fields(m, type);
    }
    if (node instanceof YamlNode.Scalar s && s.isNull()) {
      return new Fields(new YamlNode.Mapping(Map.of(), Map.of(), s.line()), type);
    }
    typeError(node, type);
    return new Fields(new YamlNode.Mapping(Map.of(), Map.of(), node.line()), type);
  }

  void typeError(YamlNode node, String goType) {
    String shown = node instanceof YamlNode.Scalar s ? " `" + s.text() + "`" : "";
    unmarshalErrors.add(
        "line " + node.line() + ": cannot unmarshal " + node.tag() + shown + " into " + goType);
  }

  List<YamlNode> items(YamlNode node, String goType) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof YamlNode.Sequence seq) {
      return seq.items();
    }
    if (node instanceof YamlNode.Scalar s && s.isNull()) {
      return List.of();
    }
    typeError(node, goType);
    return List.of();
  }

  /** The fields of one YAML mapping being decoded into a Go struct named {@code type}. */
  final class Fields {
    private final YamlNode.Mapping mapping;
    private final String type;
    private final Set<String> used = new HashSet<>();

    Fields(YamlNode.Mapping mapping, String type) {
      this.mapping = mapping;
      this.type = type;
    }

    int line() {
      return mapping.line();
    }

    boolean has(String key) {
      YamlNode n = mapping.entries().get(key);
      return n != null && !(n instanceof YamlNode.Scalar s && s.isNull());
    }

    YamlNode node(String key) {
      used.add(key);
      YamlNode n = mapping.entries().get(key);
      return n instanceof YamlNode.Scalar s && s.isNull() ? null : n;
    }

    String string(String key, String fallback) {
      YamlNode n = node(key);
      if (n == null) {
        return fallback;
      }
      if (n instanceof YamlNode.Scalar s) {
        return s.text();
      }
      typeError(n, "string");
      return fallback;
    }

    /**
     * Like {@link #string}, but a quoted empty value ({@code ''}) is the empty string rather
     * than "not set": yaml.v2 hands it to the field's own unmarshaller, which may refuse it.
     */
    String explicitString(String key, String fallback) {
      YamlNode n = mapping.entries().get(key);
      if (n instanceof YamlNode.Scalar s && s.token() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING
          && s.text().isEmpty()) {
        used.add(key);
        return "";
      }
      return string(key, fallback);
    }

    boolean bool(String key, boolean fallback) {
      YamlNode n = node(key);
      if (n == null) {
        return fallback;
      }
      if (n instanceof YamlNode.Scalar s) {
        switch (s.text().toLowerCase()) {
          case "true", "yes", "on", "y" -> {
            return true;
          }
          case "false", "no", "off", "n" -> {
            return false;
          }
          default -> { }
        }
      }
      typeError(n, "bool");
      return fallback;
    }

    long unsigned(String key, long fallback) {
      YamlNode n = node(key);
      if (n == null) {
        return fallback;
      }
      if (n instanceof YamlNode.Scalar s) {
        try {
          long v = Long.parseLong(s.text());
          if (v >= 0) {
            return v;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      typeError(n, "uint");
      return fallback;
    }

    int integer(String key, int fallback) {
      YamlNode n = node(key);
      if (n == null) {
        return fallback;
      }
      if (n instanceof YamlNode.Scalar s) {
        try {
          return Integer.parseInt(s.text());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      typeError(n, "int");
      return fallback;
    }

    Duration duration(String key, Duration fallback) throws ConfigException {
      YamlNode n = node(key);
      if (n == null) {
        return fallback;
      }
      if (!(n instanceof YamlNode.Scalar s)) {
        typeError(n, "string");
        return fallback;
      }
      try {
        return PromDuration.parse(s.text());
      } catch (IllegalArgumentException e) {
        throw invalid(n, key, e.getMessage());
      }
    }

    List<String> strings(String key) {
      YamlNode n = node(key);
      List<String> out = new ArrayList<>();
      for (YamlNode item : items(n, "[]string")) {
        if (item instanceof YamlNode.Scalar s && !s.isNull()) {
          out.add(s.text());
        } else {
          typeError(item, "string");
        }
      }
      return out;
    }

    Map<String, String> stringMap(String key, String goType) {
      YamlNode n = node(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (n == null) {
        return out;
      }
      if (!(n instanceof YamlNode.Mapping m)) {
        typeError(n, goType);
        return out;
      }
      m.entries().forEach((k, v) -> {
        if (v instanceof YamlNode.Scalar s) {
          out.put(k, s.isNull() ? "" : s.text());
        } else {
          typeError(v, "string");
        }
      });
      return out;
    }

    Labels labelSet(String key) throws ConfigException {
      YamlNode n = mapping.entries().get(key);
      Map<String, String> map = stringMap(key, "model.LabelSet");
      for (String name : map.keySet()) {
        if (!LABEL_NAME.matcher(name).matches()) {
          throw invalid(n, key, "\"" + name + "\" is not a valid label name");
        }
      }
      return Labels.of(map);
    }

    <T> List<T> list(String key, String goType, ItemDecoder<T> decoder) throws ConfigException {
      List<T> out = new ArrayList<>();
      for (YamlNode item : items(node(key), goType)) {
        out.add(decoder.decode(item));
      }
      return out;
    }

    <T> T object(String key, ItemDecoder<T> decoder, T fallback) throws ConfigException {
      YamlNode n = node(key);
      return n == null ? fallback : decoder.decode(n);
    }

    /** Reports the fields no one asked for, as yaml.v2's strict mode does. */
    void done() {
      for (Map.Entry<String, YamlNode> e : mapping.entries().entrySet()) {
        if (!used.contains(e.getKey())) {
          unmarshalErrors.add(
              "line " + mapping.keyLines().getOrDefault(e.getKey(), e.getValue().line())
                  + ": field " + e.getKey() + " not found in type " + type);
        }
      }
    }

    <T> T check(String key, Function<String, T> parse, T fallback) throws ConfigException {
      YamlNode raw = mapping.entries().get(key);
      boolean quotedEmpty = raw instanceof YamlNode.Scalar q
          && q.token() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && q.text().isEmpty();
      YamlNode n = quotedEmpty ? raw : node(key);
      used.add(key);
      if (n == null) {
        return fallback;
      }
      String text = n instanceof YamlNode.Scalar s ? s.text() : null;
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        throw invalid(n, key, e.getMessage());
      }
    }

    ConfigException invalidHere(String message) {
      return invalid(mapping, null, message);
    }

    ConfigException invalidAt(String key, String message) {
      YamlNode n = mapping.entries().get(key);
      return invalid(n == null ? mapping : n, key, message);
    }
  }

  @FunctionalInterface
  interface ItemDecoder<T> {
    T decode(YamlNode node) throws ConfigException;
  }
}
