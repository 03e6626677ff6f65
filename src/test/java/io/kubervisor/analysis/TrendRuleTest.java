package io.kubervisor.analysis;

import static io.kubervisor.analysis.TestSamples.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrendRuleTest {

  static final Set<String> PODS = Set.of("a", "b", "c", "d");

  @Test
  void aSlopeAboveMaxSlopeIsAnomalous() {
    Analysis analysis = new TrendRule("pod", 2.0, null, 0, false)
        .analyse(List.of(pod("a", 10), pod("b", 0), pod("c", 2), pod("d", -5)), null, PODS);

    assertThat(analysis.verdicts()).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("a");
    assertThat(analysis.verdicts().get(0).reason()).isEqualTo("slope 10/s exceeds 2/s");
  }

  @Test
  void aPredictedCrossingIsAnomalousBeforeTheValueGetsThere() {
    Analysis analysis = new TrendRule("pod", null, 1000.0, 120, false).analyse(
        List.of(pod("a", 10), pod("b", 0), pod("c", 0), pod("d", 0)),
        List.of(pod("a", 1300), pod("b", 100), pod("c", 100), pod("d", 100)), PODS);

    assertThat(analysis.verdicts()).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("a");
    assertThat(analysis.verdicts().get(0).reason()).startsWith("predicted 1300 within 120s, above the bound 1000");
  }

  @Test
  void fleetRelativeForgivesARampTheFleetShares() {
    TrendRule rule = new TrendRule("pod", 2.0, 1000.0, 120, true);
    List<Sample> slopes = List.of(pod("a", 10), pod("b", 10), pod("c", 10), pod("d", 10));
    List<Sample> predictions = List.of(pod("a", 1300), pod("b", 1300), pod("c", 1300), pod("d", 1300));

    assertThat(rule.analyse(slopes, predictions, PODS).verdicts()).noneMatch(Verdict::anomalous);
  }

  @Test
  void fleetRelativeStillCatchesThePodThatRisesFasterThanTheFleet() {
    TrendRule rule = new TrendRule("pod", 2.0, null, 0, true);
    List<Sample> slopes = List.of(pod("a", 20), pod("b", 10), pod("c", 10), pod("d", 10));

    assertThat(rule.analyse(slopes, null, PODS).verdicts()).filteredOn(Verdict::anomalous).extracting(Verdict::pod)
        .containsExactly("a");
  }

  @Test
  void withoutASlopeAPodIsNoData() {
    Analysis analysis = new TrendRule("pod", 2.0, null, 0, false).analyse(List.of(pod("a", 1)), null, PODS);
    assertThat(analysis.verdicts()).filteredOn(v -> v.value() == null).hasSize(3);
  }
}
