package org.swarmmon.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Go's regexp where Java's differs. Expected values are what Prometheus 2.42 answered for
 * {@code m{a=~"..."}} on a scraped {@code m{a="node"}} and {@code m{a="x\ny"}}, and what Go's
 * {@code regexp} printed for the replacements and errors.
 */
class GoRegexpTest {

  @Test
  void matchesWithGoSyntaxAndSemantics() {
    assertThat(Matcher.regex("a", "[[:alpha:]]+").matches("node")).isTrue();
    assertThat(Matcher.regex("a", "[[:alpha:]]+").matches("a:")).isFalse();
    assertThat(Matcher.regex("a", "(?P<n>node)").matches("node")).isTrue();
    assertThat(Matcher.regex("a", "x.y").matches("x\ny")).isFalse();
    assertThat(Matcher.regex("a", "x{").matches("x{")).isTrue();
    assertThat(Matcher.regex("a", "[[]").matches("[")).isTrue();
    assertThat(Matcher.regex("a", "(a+)+$").matches("a".repeat(10_000) + "b")).isFalse();
  }

  @Test
  void refusesWithGoTexts() {
    assertThatThrownBy(() -> Matcher.regex("a", "(")).hasMessage("error parsing regexp: missing closing ): `^(?:()$`");
    assertThatThrownBy(() -> Matcher.regex("a", "a)")).hasMessage("error parsing regexp: unexpected ): `^(?:a))$`");
    assertThatThrownBy(() -> Matcher.regex("a", "*")).hasMessage("error parsing regexp: missing argument to repetition operator: `*`");
    assertThatThrownBy(() -> Matcher.regex("a", "a**")).hasMessage("error parsing regexp: invalid nested repetition operator: `**`");
    assertThatThrownBy(() -> Matcher.regex("a", "a{1001}")).hasMessage("error parsing regexp: invalid repeat count: `{1001}`");
    assertThatThrownBy(() -> Matcher.regex("a", "[z-a]")).hasMessage("error parsing regexp: invalid character class range: `z-a`");
    assertThatThrownBy(() -> Matcher.regex("a", "\\Z")).hasMessage("error parsing regexp: invalid escape sequence: `\\Z`");
  }

  @Test
  void replacesAndExpandsAsGo() {
    assertThat(GoRegexp.replaceAll(GoRegexp.compile("a*"), "baaac", "X")).isEqualTo("XbXcX");
    assertThat(GoRegexp.replaceAll(GoRegexp.compile("(\\w+)@(\\w+)"), "me@x you@y", "$2.$1x ${1}x $$"))
        .isEqualTo("x. mex $ y. youx $");
    assertThat(GoRegexp.replaceAll(GoRegexp.compile(""), "héllo", "-")).isEqualTo("-h-é-l-l-o-");
  }
}
