package org.swarmmon.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine-free shapes decide exactly as the regexp engine does, newlines included. */
class LiteralRegexTest {

  private static final List<String> REGEXES = List.of(
      ".*", ".+", "", "node", "a|b|c", "a||b", "a|", "10\\.0\\.0\\.1", "x\\|y|z", "node.*", ".*exporter",
      ".*ode-e.*", ".*.*", "foo\\.*", "foo\\\\.*", ".*?", "a|.*", "foo|bar.*", "(?i)node", "[a-z]+",
      "é|ü", "\\_x", "a\\-b", ".*\\.", "\\..*", "x{", "😀.*", "target-[0-9]+5", "nod*e", "node+-e.*",
      "nodx?e", "no{2}de", "a.b|c", "fo\\.o[0-9]", "(?i)NODE", "node-(exporter|x)", "\\.x[.]");

  private static final List<String> VALUES = List.of(
      "", "node", "node-exporter", "a", "b", "c", "ab", "10.0.0.1", "10x0x0x1", "x|y", "z", "exporter",
      "foo", "foo.", "foo...", "foo\\", "foo\\bar", "bar", "barx", "NODE", "é", "ü", "_x", "a-b", ".",
      "x.", ".x", "x{", "😀!", "target-15", "target-1x5", "target-", "nde", "noooode", "nooe", "nodxe",
      "node-exporter-1", "node-x", "fo.o1", "foxo1", "node\n", "\n", "a\nb", "node-\nexporter", "\nexporter", "foo\nbar");

  @Test
  void everyShapeAgreesWithTheEngine() {
    for (String regex : REGEXES) {
      Matcher m = Matcher.regex("l", regex);
      Matcher not = Matcher.of(MatchType.NOT_REGEX, "l", regex);
      com.google.re2j.Pattern engine = GoRegexp.compileAnchored(regex);
      for (String v : VALUES) {
        boolean want = engine.matcher(v).matches();
        assertThat(m.matches(v)).as("%s =~ %s", escape(v), regex).isEqualTo(want);
        assertThat(not.matches(v)).as("%s !~ %s", escape(v), regex).isEqualTo(!want);
      }
    }
  }

  @Test
  void literalShapesNeedNoEngine() {
    for (String regex : List.of(".*", ".+", "node", "a|b|c", "node.*", ".*exporter", ".*ode-e.*", "10\\.0\\.0\\.1")) {
      assertThat(LiteralRegex.predicate(regex)).as(regex).isNotNull();
    }
    for (String regex : List.of("foo\\.*", "(?i)node", "[a-z]+", "a|.*", "foo|bar.*", ".*?", "x{")) {
      assertThat(LiteralRegex.predicate(regex)).as(regex).isNull();
    }
  }

  @Test
  void requiredPrefixStopsBeforeAQuantifiedCharacter() {
    assertThat(LiteralRegex.requiredPrefix("target-[0-9]+5")).isEqualTo("target-");
    assertThat(LiteralRegex.requiredPrefix("nod*e")).isEqualTo("no");
    assertThat(LiteralRegex.requiredPrefix("no{2}de")).isEqualTo("n");
    assertThat(LiteralRegex.requiredPrefix("a.b|c")).isEmpty();
    assertThat(LiteralRegex.requiredPrefix("(?i)NODE")).isEmpty();
    assertThat(LiteralRegex.requiredPrefix("\\.x")).isEmpty();
  }

  @Test
  void setMatchesAreTheLiteralAlternatives() {
    assertThat(Matcher.regex("l", "a|b|10\\.0\\.0\\.1").setMatches()).containsExactly("a", "b", "10.0.0.1");
    assertThat(Matcher.regex("l", "node").setMatches()).containsExactly("node");
    assertThat(Matcher.regex("l", "node.*").setMatches()).isNull();
    assertThat(Matcher.of(MatchType.NOT_REGEX, "l", "a|b").setMatches()).isNull();
  }

  private static String escape(String v) {
    return v.replace("\n", "\\n");
  }
}
