package org.swarmmon.collector.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every node, so configuration errors can
 * name the line as Prometheus's YAML decoder does.
 */
public sealed interface YamlNode {

  int line();

  /** The YAML tag name Go's decoder prints in type errors ({@code !!str}, {@code !!map}, ...). */
  String tag();

  /** The tag of a scalar read as {@code token}. */
  static String scalarTag(JsonToken token) {
    return switch (token) {
      case VALUE_NUMBER_INT -> "!!int";
      case VALUE_NUMBER_FLOAT -> "!!float";
      case VALUE_TRUE, VALUE_FALSE -> "!!bool";
      case VALUE_NULL -> "!!null";
      default -> "!!str";
    };
  }

  record Scalar(String text, JsonToken token, int line) implements YamlNode {
    @Override
    public String tag() {
      return scalarTag(token);
    }

    /** True for {@code null}, {@code ~} and an empty value (YAML reads them alike). */
    public boolean isNull() {
      return token == JsonToken.VALUE_NULL || (text != null && text.isEmpty());
    }
  }

  record Mapping(Map<String, YamlNode> entries, Map<String, Integer> keyLines, int line)
      implements YamlNode {
    @Override
    public String tag() {
      return "!!map";
    }
  }

  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    @Override
    public String tag() {
      return "!!seq";
    }
  }

  /** Parses one YAML document; an empty document is an empty mapping. */
  static YamlNode parse(String text) throws ConfigException {
    // a plain empty value is null, a quoted '' an empty string: yaml.v2 tells them apart too
    YAMLFactory factory =
        YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    try (YAMLParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Mapping(new LinkedHashMap<>(), new LinkedHashMap<>(), 1);
      }
      return read(parser);
    } catch (ConfigException e) {
      throw e;
    } catch (IOException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      int line = 0;
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
          && jpe.getLocation() != null) {
        line = jpe.getLocation().getLineNr();
        message = jpe.getOriginalMessage();
      }
      throw new ConfigException("yaml: line " + line + ": " + message.lines().findFirst().orElse(""));
    }
  }

  private static YamlNode read(JsonParser parser) throws IOException, ConfigException {
    JsonToken token = parser.currentToken();
    int line = lineOf(parser.currentTokenLocation());
    switch (token) {
      case START_OBJECT -> {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = lineOf(parser.currentTokenLocation());
          parser.nextToken();
          YamlNode value = read(parser);
          if (entries.containsKey(key)) {
            throw new ConfigException(
                "yaml: unmarshal errors:\n  line " + keyLine + ": key \"" + key
                    + "\" already set in map");
          }
          entries.put(key, value);
          keyLines.put(key, keyLine);
        }
        return new Mapping(entries, keyLines, line);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser));
        }
        return new Sequence(items, line);
      }
      default -> {
        String text = token == JsonToken.VALUE_NULL ? null : parser.getText();
        return new Scalar(text, token, line);
      }
    }
  }

  private static int lineOf(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }
}
