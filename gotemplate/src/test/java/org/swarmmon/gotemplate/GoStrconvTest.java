package org.swarmmon.gotemplate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what Go 1.26's strconv.FormatFloat and fmt.Sprintf printed for the same values. */
class GoStrconvTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "2.82879384806159E17 | 282879384806159000 | 2.82879384806159e+17 | 2.82879384806159e+17 | 282879384806159008.00 | 2.829e+17",
    "-2.31845256772633248E17 | -231845256772633250 | -2.3184525677263325e+17 | -2.3184525677263325e+17 | -231845256772633248.00 | -2.318e+17",
    "6.6332621121664288E16 | 66332621121664290 | 6.633262112166429e+16 | 6.633262112166429e+16 | 66332621121664288.00 | 6.633e+16",
    "2.675 | 2.675 | 2.675 | 2.675e+00 | 2.67 | 2.675e+00",
    "0.125 | 0.125 | 0.125 | 1.25e-01 | 0.12 | 1.250e-01",
    "1e21 | 1000000000000000000000 | 1e+21 | 1e+21 | 1000000000000000000000.00 | 1.000e+21",
    "1.5e-7 | 0.00000015 | 1.5e-07 | 1.5e-07 | 0.00 | 1.500e-07",
    "4.9e-324 | 0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005 | 5e-324 | 5e-324 | 0.00 | 4.941e-324",
  })
  void formatsAsGo(double v, String f, String g, String e, String f2, String e3) {
    assertThat(GoStrconv.formatFloat(v, 'f', -1)).isEqualTo(f);
    assertThat(GoStrconv.formatFloat(v, 'g', -1)).isEqualTo(g);
    assertThat(GoStrconv.formatFloat(v, 'e', -1)).isEqualTo(e);
    assertThat(GoStrconv.formatFloat(v, 'f', 2)).isEqualTo(f2);
    assertThat(GoStrconv.formatFloat(v, 'e', 3)).isEqualTo(e3);
  }
}
