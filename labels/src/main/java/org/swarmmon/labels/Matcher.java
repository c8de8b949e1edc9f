package org.swarmmon.labels;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A label matcher such as {@code job=~"node.*"}. Regular expressions are Go's (RE2 syntax and
 * semantics, so {@code [[:alpha:]]} and {@code (?P<name>re)} work and {@code .} does not match a
 * newline), fully anchored, as in Prometheus and Alertmanager. An absent label matches as the
 * empty string.
 */
public final class Matcher {

  private final MatchType type;
  private final String name;
  private final String value;
  private final Pattern pattern;
  /** Decides the regexp without the engine for values without a newline, when its shape allows. */
  private final Predicate<String> literalShape;
  /** Literal text every match starts with, checked before the engine runs; may be empty. */
  private final String requiredPrefix;
  /** The only values an {@code =~"a|b|c"} of literals matches; null for any other matcher. */
  private final List<String> setMatches;

  private Matcher(MatchType type, String name, String value) {
    this.type = Objects.requireNonNull(type);
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    boolean regex = type == MatchType.REGEX || type == MatchType.NOT_REGEX;
    this.pattern = regex ? GoRegexp.compileAnchored(value) : null;
    this.literalShape = regex ? LiteralRegex.predicate(value) : null;
    this.requiredPrefix = regex && literalShape == null ? LiteralRegex.requiredPrefix(value) : "";
    List<String> alternatives = type == MatchType.REGEX ? LiteralRegex.alternatives(value) : null;
    this.setMatches = alternatives == null ? null : List.copyOf(alternatives);
  }

  /** Fails with {@link IllegalArgumentException} on a regular expression that does not compile. */
  public static Matcher of(MatchType type, String name, String value) {
    return new Matcher(type, name, value);
  }

  public static Matcher equal(String name, String value) {
    return new Matcher(MatchType.EQUAL, name, value);
  }

  public static Matcher regex(String name, String value) {
    return new Matcher(MatchType.REGEX, name, value);
  }

  public MatchType type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  public boolean matches(String actual) {
    String v = actual == null ? "" : actual;
    return switch (type) {
      case EQUAL -> v.equals(value);
      case NOT_EQUAL -> !v.equals(value);
      case REGEX -> regexMatches(v);
      case NOT_REGEX -> !regexMatches(v);
    };
  }

  private boolean regexMatches(String v) {
    if (literalShape != null && v.indexOf('\n') < 0) {
      return literalShape.test(v);
    }
    return v.startsWith(requiredPrefix) && pattern.matcher(v).matches();
  }

  /**
   * For {@code =~"a|b|c"} (literals, as Prometheus's {@code findSetMatches}): the only values it
   * matches, so an index can look them up instead of testing every value; else null.
   */
  public List<String> setMatches() {
    return setMatches;
  }

  public boolean matches(Labels labels) {
    return matches(labels.get(name));
  }

  /** Whether this matcher matches the empty string, i.e. also series without the label. */
  public boolean matchesEmpty() {
    return matches("");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, value);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append(type.operator()).append('"');
    Labels.escape(value, sb);
    return sb.append('"').toString();
  }
}
