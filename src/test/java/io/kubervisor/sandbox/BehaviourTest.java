package io.kubervisor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BehaviourTest {

  private static final Instant SINCE = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void aSteadyFaultIsAlwaysOnAndHealthIsNeverAFault() {
    Behaviour failing = new Behaviour(0.5, null, null);

    assertThat(failing.faulty()).isTrue();
    assertThat(failing.faultOn(SINCE, SINCE.plusSeconds(3600))).isTrue();
    assertThat(Behaviour.HEALTHY.faulty()).isFalse();
    assertThat(Behaviour.HEALTHY.faultOn(SINCE, SINCE)).isFalse();
  }

  @Test
  void aFlappingFaultIsOnForAPeriodThenOffForAsLong() {
    Behaviour flapping = new Behaviour(1, null, Duration.ofSeconds(5));

    assertThat(flapping.faultOn(SINCE, SINCE.plusSeconds(4))).isTrue();
    assertThat(flapping.faultOn(SINCE, SINCE.plusSeconds(5))).isFalse();
    assertThat(flapping.faultOn(SINCE, SINCE.plusSeconds(9))).isFalse();
    assertThat(flapping.faultOn(SINCE, SINCE.plusSeconds(10))).isTrue();
  }

  @Test
  void describesItselfForPeople() {
    assertThat(Behaviour.HEALTHY.describe()).isEqualTo("healthy");
    assertThat(new Behaviour(0.5, null, null).describe()).isEqualTo("50% errors");
    assertThat(new Behaviour(0, Duration.ofMillis(250), Duration.ofSeconds(5)).describe())
        .isEqualTo("250 ms latency, flapping every 5 s");
  }

  @Test
  void refusesImpossibleValues() {
    assertThatThrownBy(() -> new Behaviour(1.5, null, null)).hasMessageContaining("errorRate");
    assertThatThrownBy(() -> new Behaviour(0, Duration.ZERO, null)).hasMessageContaining("latency");
    assertThatThrownBy(() -> new Behaviour(0.1, null, Duration.ofSeconds(-1))).hasMessageContaining("flapEvery");
  }
}
