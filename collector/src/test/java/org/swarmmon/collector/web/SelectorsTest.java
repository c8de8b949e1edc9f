package org.swarmmon.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.swarmmon.labels.Matcher;

/** Series selectors and their errors, worded as Prometheus 2.42's parser.ParseMetricSelector words them. */
class SelectorsTest {

  @Test
  void anyWordNamesTheMetricAndMatchersMayAllMatchTheEmptyString() {
    assertThat(Selectors.metricSelector("by")).containsExactly(Matcher.equal("__name__", "by"));
    assertThat(Selectors.metricSelector(" offset")).containsExactly(Matcher.equal("__name__", "offset"));
    assertThat(Selectors.metricSelector("{job=~\".*\"}")).containsExactly(Matcher.regex("job", ".*"));
    assertThat(Selectors.metricSelector("{}")).isEmpty();
    assertThat(Selectors.metricSelector("x{a=\"b\"} ")).containsExactlyInAnyOrder(
        Matcher.equal("a", "b"), Matcher.equal("__name__", "x"));
  }

  @Test
  void errorsAreThePrometheusParsersOwn() {
    // each message as Prometheus 2.42 answered GET /federate?match[]=<selector>
    String[][] cases = {
        {"", "1:1: parse error: unexpected end of input"},
        {"fed_a offset 5m", "1:7: parse error: unexpected <offset>"},
        {"rate(fed_a[5m])", "1:5: parse error: unexpected \"(\""},
        {"sum(x)", "1:4: parse error: unexpected \"(\""},
        {"x + y", "1:3: parse error: unexpected <op:+>"},
        {"1", "1:1: parse error: unexpected number \"1\""},
        {"\"s\"", "1:1: parse error: unexpected string \"\\\"s\\\"\""},
        {"x[5m]", "1:2: parse error: unexpected \"[\""},
        {"{a=\"b\"} foo", "1:9: parse error: unexpected identifier \"foo\""},
        {"x{", "1:3: parse error: unexpected end of input inside braces"},
        {"inf", "1:1: parse error: unexpected number \"inf\""},
        {"NaN", "1:1: parse error: unexpected number \"NaN\""},
        {"x{a=~\"(\"}", "1:3: parse error: error parsing regexp: missing closing ): `^(?:()$`"},
        {"x,y", "1:2: parse error: unexpected \",\""},
        {"x{a=\"b\"", "1:8: parse error: unexpected end of input inside braces"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> Selectors.metricSelector(c[0])).as(c[0])
          .isInstanceOf(IllegalArgumentException.class).hasMessage(c[1]);
    }
  }

  @Test
  void theApiWantsOneMatcherThatDoesNotMatchTheEmptyString() {
    assertThatThrownBy(() -> Selectors.parse(List.of("up", "{job=~\".*\"}")))
        .isInstanceOf(ApiError.class)
        .hasMessage("invalid parameter \"match[]\": match[] must contain at least one non-empty matcher");
    assertThatThrownBy(() -> Selectors.parse(List.of("x +")))
        .hasMessage("invalid parameter \"match[]\": 1:3: parse error: unexpected <op:+>");
    assertThat(Selectors.parse(List.of("up{job=~\".*\"}"))).hasSize(1);
  }
}
