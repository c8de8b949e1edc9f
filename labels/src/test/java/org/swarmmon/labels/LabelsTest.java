package org.swarmmon.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void sortsByNameAndDropsEmptyValues() {
    Labels labels = Labels.of("job", "node", "__name__", "up", "empty", "");
    assertThat(labels.size()).isEqualTo(2);
    assertThat(labels.name(0)).isEqualTo("__name__");
    assertThat(labels.get("job")).isEqualTo("node");
    assertThat(labels.get("empty")).isEmpty();
    assertThat(labels.toString()).isEqualTo("{__name__=\"up\", job=\"node\"}");
  }

  @Test
  void fingerprintIsPrometheusFnv1a() {
    // Values from prometheus/common model/signature_test.go (LabelsToSignature / Fingerprint).
    assertThat(Labels.EMPTY.fingerprint()).isEqualTo(0xcbf29ce484222325L);
    assertThat(Labels.of("name", "garland, briggs", "fear", "love is not enough").fingerprint())
        .isEqualTo(Long.parseUnsignedLong("5799056148416392346"));
  }

  @Test
  void fingerprintHexIsSixteenDigitsWithLeadingZeros() {
    int leadingZero = 0;
    for (int i = 0; i < 2000; i++) {
      Labels labels = Labels.of("alertname", "a" + i, "instance", "node-" + i);
      String hex = labels.fingerprintHex();
      assertThat(hex).isEqualTo(String.format("%016x", labels.fingerprint()));
      leadingZero += hex.charAt(0) == '0' ? 1 : 0;
    }
    assertThat(leadingZero).as("some fingerprints below 2^60 were covered").isPositive();
  }

  @Test
  void withoutAndKeep() {
    Labels labels = Labels.of("a", "1", "b", "2", "c", "3");
    assertThat((Object) labels.without(Set.of("b"))).isEqualTo(Labels.of("a", "1", "c", "3"));
    assertThat((Object) labels.keep(Set.of("b", "z"))).isEqualTo(Labels.of("b", "2"));
  }

  @Test
  void matchersAreAnchoredAndTreatAbsentAsEmpty() {
    Labels labels = Labels.of("job", "node-exporter");
    assertThat(Matcher.regex("job", "node").matches(labels)).isFalse();
    assertThat(Matcher.regex("job", "node.*").matches(labels)).isTrue();
    assertThat(Matcher.equal("env", "").matches(labels)).isTrue();
    assertThat(Matcher.of(MatchType.NOT_REGEX, "job", "x|y").matches(labels)).isTrue();
    assertThat(Matcher.of(MatchType.NOT_EQUAL, "job", "node-exporter").matches(labels)).isFalse();
  }

  @Test
  void badRegexIsRefusedWithItsText() {
    assertThatThrownBy(() -> Matcher.regex("a", "("))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("error parsing regexp: missing closing ): `^(?:()$`");
  }
}
