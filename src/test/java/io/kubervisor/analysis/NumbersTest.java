package io.kubervisor.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

  @ParameterizedTest
  @CsvSource({
      "200, 200",
      "30.0, 30",
      "0.95, 0.95",
      "0.000412345, 0.0004123",
      "412.345, 412.3",
      "12345.6, 12346",
      "0.30000000000000004, 0.3",
      "0, 0",
      "-2.5, -2.5",
      "NaN, NaN",
      "Infinity, Infinity"})
  void formatsShortWithoutLosingIntegerDigits(double number, String formatted) {
    assertThat(Numbers.format(number)).isEqualTo(formatted);
  }
}
