package io.kubervisor.analysis;

import static io.kubervisor.analysis.TestSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscreteValueRuleTest {

  private static final Set<String> PODS = Set.of("a", "b");

  private static Sample events(String pod, String code, double count) {
    return sample(count, "pod", pod, "code", code);
  }

  private static DiscreteValueRule goodValues(int tolerancePercent, int minActivity, String... good) {
    return DiscreteValueRule.withGoodValues("pod", "code", List.of(good), tolerancePercent, minActivity);
  }

  private static DiscreteValueRule badValues(int tolerancePercent, int minActivity, String... bad) {
    return DiscreteValueRule.withBadValues("pod", "code", List.of(bad), tolerancePercent, minActivity);
  }

  @Test
  void podAboveToleranceIsAnomalousWithItsShareAndBadValues() {
    List<Sample> samples = List.of(
        events("a", "200", 140), events("a", "500", 40), events("a", "503", 20),
        events("b", "200", 199), events("b", "500", 1));

    List<Verdict> verdicts = goodValues(10, 2, "200").analyse(samples, PODS).verdicts();

    assertThat(verdicts).containsExactly(
        new Verdict("a", 30.0, true, "30% of 200 events bad (code 500,503), above tolerance 10%", 0.3),
        new Verdict("b", 0.5, false, "0.5% of 200 events bad (code 500), within tolerance 10%", 0.005));
  }

  @Test
  void goodValuesMakeEveryOtherValueBad() {
    List<Sample> samples = List.of(events("a", "200", 5), events("a", "404", 5), events("a", "500", 5));

    Verdict verdict = goodValues(50, 2, "200", "404").analyse(samples, Set.of("a")).verdicts().get(0);

    assertThat(verdict.value()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
    assertThat(verdict.reason()).isEqualTo("33.33% of 15 events bad (code 500), within tolerance 50%");
  }

  @Test
  void badValuesMakeOnlyThoseBad() {
    List<Sample> samples = List.of(events("a", "200", 5), events("a", "404", 5), events("a", "500", 10));

    Verdict verdict = badValues(40, 2, "500", "503").analyse(samples, Set.of("a")).verdicts().get(0);

    assertThat(verdict.anomalous()).isTrue();
    assertThat(verdict.reason()).isEqualTo("50% of 20 events bad (code 500), above tolerance 40%");
    assertThat(verdict.score()).isEqualTo(0.5);
  }

  @Test
  void noBadEventsIsHealthyWithScoreZero() {
    Verdict verdict = badValues(0, 2, "500").analyse(List.of(events("a", "200", 10)), Set.of("a")).verdicts().get(0);

    assertThat(verdict).isEqualTo(new Verdict("a", 0.0, false, "0% of 10 events bad, within tolerance 0%", 0));
  }

  @Test
  void shareEqualToToleranceIsNotAnomalous() {
    List<Sample> samples = List.of(events("a", "200", 9), events("a", "500", 1));

    Verdict verdict = goodValues(10, 2, "200").analyse(samples, Set.of("a")).verdicts().get(0);

    assertThat(verdict.anomalous()).isFalse();
    assertThat(verdict.reason()).isEqualTo("10% of 10 events bad (code 500), within tolerance 10%");
  }

  @Test
  void shareJustAboveToleranceIsAnomalous() {
    List<Sample> samples = List.of(events("a", "200", 899), events("a", "500", 101));

    assertThat(goodValues(10, 2, "200").analyse(samples, Set.of("a")).verdicts().get(0).anomalous()).isTrue();
  }

  @Test
  void toleranceHundredNeverFlagsAndZeroFlagsAnyBadEvent() {
    List<Sample> allBad = List.of(events("a", "500", 10));
    List<Sample> oneBad = List.of(events("a", "200", 999), events("a", "500", 1));

    assertThat(goodValues(100, 2, "200").analyse(allBad, Set.of("a")).verdicts().get(0).anomalous()).isFalse();
    assertThat(goodValues(0, 2, "200").analyse(oneBad, Set.of("a")).verdicts().get(0).anomalous()).isTrue();
  }

  @Test
  void podBelowMinActivityHasNoData() {
    List<Sample> samples = List.of(events("a", "500", 1), events("b", "500", 2));

    List<Verdict> verdicts = goodValues(10, 2, "200").analyse(samples, PODS).verdicts();

    assertThat(verdicts.get(0)).isEqualTo(Verdict.noData("a", "activity 1 below minActivity 2"));
    assertThat(verdicts.get(1).anomalous()).isTrue();
  }

  @Test
  void podWithoutEventsHasNoDataEvenWithMinActivityZero() {
    List<Sample> samples = List.of(events("a", "200", 0), events("a", "500", 0));

    assertThat(goodValues(10, 0, "200").analyse(samples, Set.of("a")).verdicts())
        .containsExactly(Verdict.noData("a", "no events"));
  }

  @Test
  void managedPodAbsentFromTheResultHasNoData() {
    List<Verdict> verdicts = goodValues(10, 2, "200").analyse(List.of(events("b", "200", 5)), PODS).verdicts();

    assertThat(verdicts).first().isEqualTo(Verdict.noData("a", "no data for this pod in the query result"));
  }

  @Test
  void duplicateSeriesOfOnePodAndValueAreSummed() {
    List<Sample> samples = List.of(
        sample(3, "pod", "a", "code", "500", "instance", "x"),
        sample(3, "pod", "a", "code", "500", "instance", "y"),
        events("a", "200", 4));

    Verdict verdict = goodValues(50, 2, "200").analyse(samples, Set.of("a")).verdicts().get(0);

    assertThat(verdict.value()).isEqualTo(60.0);
    assertThat(verdict.reason()).startsWith("60% of 10 events bad (code 500)");
  }

  @Test
  void seriesWithNonFiniteOrNegativeCountsAreIgnored() {
    List<Sample> samples = List.of(
        events("a", "500", Double.NaN), events("a", "500", Double.POSITIVE_INFINITY),
        events("a", "500", Double.NEGATIVE_INFINITY), events("a", "500", -3), events("a", "200", 10));

    Verdict verdict = goodValues(10, 2, "200").analyse(samples, Set.of("a")).verdicts().get(0);

    assertThat(verdict.anomalous()).isFalse();
    assertThat(verdict.reason()).isEqualTo("0% of 10 events bad, within tolerance 10%; 4 series ignored (without"
        + " label code, or a count that is not a finite number >= 0)");
  }

  @Test
  void seriesWithoutTheValueLabelAreIgnoredRatherThanCountedBad() {
    List<Sample> samples = List.of(sample(50, "pod", "a"));

    assertThat(goodValues(10, 2, "200").analyse(samples, Set.of("a")).verdicts().get(0))
        .isEqualTo(Verdict.noData("a", "no events; 1 series ignored (without label code, or a count that is not a"
            + " finite number >= 0)"));
  }

  @Test
  void seriesOutsideTheServiceOrWithoutPodLabelAreCountedAndIgnored() {
    List<Sample> samples = List.of(
        events("a", "200", 10), events("other", "500", 10), events("other", "200", 1), sample(7, "code", "500"));

    Analysis analysis = goodValues(10, 2, "200").analyse(samples, Set.of("a"));

    assertThat(analysis.verdicts()).extracting(Verdict::pod).containsExactly("a");
    assertThat(analysis.verdicts().get(0).anomalous()).isFalse();
    assertThat(analysis.outsideService()).isEqualTo(2);
    assertThat(analysis.withoutPodLabel()).isEqualTo(1);
  }

  @Test
  void customPodLabelIsUsed() {
    List<Sample> samples = List.of(sample(10, "kubernetes_pod_name", "a", "status", "ko"));

    Verdict verdict = DiscreteValueRule.withBadValues("kubernetes_pod_name", "status", List.of("ko"), 50, 2)
        .analyse(samples, Set.of("a")).verdicts().get(0);

    assertThat(verdict.reason()).isEqualTo("100% of 10 events bad (status ko), above tolerance 50%");
  }

  @Test
  void noManagedPodsGiveNoVerdicts() {
    Analysis analysis = goodValues(10, 2, "200").analyse(List.of(events("a", "500", 10)), Set.of());

    assertThat(analysis.verdicts()).isEmpty();
    assertThat(analysis.outsideService()).isEqualTo(1);
  }

  @Test
  void verdictsAreOrderedByPodName() {
    List<Verdict> verdicts = goodValues(10, 2, "200").analyse(List.of(), Set.of("c", "a", "b")).verdicts();

    assertThat(verdicts).extracting(Verdict::pod).containsExactly("a", "b", "c");
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> goodValues(101, 2, "200")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> goodValues(10, -1, "200")).isInstanceOf(IllegalArgumentException.class);
  }
}
