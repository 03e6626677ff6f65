package io.kubervisor.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms,500", "10s,10000", "1m30s,90000", "2h,7200000", "1.5s,1500", "0s,0"})
  void parsesGoStyleDurations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "ten seconds", "-5s", "5 s", "5d"})
  void rejectsAnythingElseWithTheExpectedForm(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining("use forms like 500ms, 10s");
  }
}
