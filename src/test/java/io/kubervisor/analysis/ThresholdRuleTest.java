package io.kubervisor.analysis;

import static io.kubervisor.analysis.TestSamples.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThresholdRuleTest {

  static final Set<String> PODS = Set.of("a", "b", "c", "d");

  @Test
  void aboveAndBelowAreAnomalousAndTheBoundItselfIsNot() {
    Analysis analysis = new ThresholdRule("pod", 500.0, 10.0)
        .analyse(List.of(pod("a", 600), pod("b", 500), pod("c", 5), pod("d", 10)), PODS);

    assertThat(analysis.verdicts()).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("a", "c");
    assertThat(analysis.verdicts().get(0).reason()).isEqualTo("value 600 is above 500");
    assertThat(analysis.verdicts().get(2).reason()).isEqualTo("value 5 is below 10");
  }

  @Test
  void aPodWithoutASampleIsNoDataNeverAnomalous() {
    Analysis analysis = new ThresholdRule("pod", 1.0, null).analyse(List.of(pod("a", 2)), PODS);
    assertThat(analysis.verdicts()).filteredOn(v -> v.value() == null).extracting(Verdict::pod)
        .containsExactly("b", "c", "d");
  }

  @Test
  void needsABound() {
    assertThatThrownBy(() -> new ThresholdRule("pod", null, null)).hasMessageContaining("set above, below or both");
  }
}
