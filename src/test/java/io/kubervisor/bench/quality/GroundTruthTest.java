package io.kubervisor.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  @Test
  void aPodFaultIsOpenFromItsFirstStepToItsHealing() {
    GroundTruth truth = GroundTruth.of(Scenarios.named("slow-leak").orElseThrow());

    assertThat(truth.faults()).containsOnlyKeys(6);
    assertThat(truth.faults().get(6)).isEqualTo(new GroundTruth.Window(Duration.ofSeconds(10), Duration.ofSeconds(70)));
    assertThat(truth.faultFrom()).isEqualTo(Duration.ofSeconds(10));
    assertThat(truth.faultTo()).isEqualTo(Duration.ofSeconds(70));
  }

  @Test
  void aSharedFaultPutsNoPodAtFault() {
    GroundTruth truth = GroundTruth.of(Scenarios.named("fleet-wide-60").orElseThrow());

    assertThat(truth.faults()).isEmpty();
    assertThat(truth.faultFrom()).isEqualTo(Duration.ofSeconds(10));
    assertThat(truth.faultTo()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void aWarmingPodIsNotAtFaultAndStartsWithItsStep() {
    GroundTruth truth = GroundTruth.of(Scenarios.named("warm-up").orElseThrow());

    assertThat(truth.faults()).isEmpty();
    assertThat(truth.pods()).isEqualTo(11);
    assertThat(truth.started().get(10)).isEqualTo(Duration.ofSeconds(10));
  }
}
