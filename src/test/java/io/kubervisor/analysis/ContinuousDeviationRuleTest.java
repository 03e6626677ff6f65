package io.kubervisor.analysis;

import static io.kubervisor.analysis.TestSamples.pod;
import static io.kubervisor.analysis.TestSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContinuousDeviationRuleTest {

  private final ContinuousDeviationRule rule = new ContinuousDeviationRule("pod", 75);

  private static final Set<String> ABCD = Set.of("a", "b", "c", "d");

  @Test
  void podFarAboveTheMedianOfTheOthersIsAnomalous() {
    List<Sample> samples = List.of(pod("a", 0.185), pod("b", 0.18), pod("c", 0.19), pod("d", 0.95));

    List<Verdict> verdicts = rule.analyse(samples, ABCD).verdicts();

    assertThat(verdicts).extracting(Verdict::anomalous).containsExactly(false, false, false, true);
    Verdict slow = verdicts.get(3);
    assertThat(slow.value()).isEqualTo(0.95);
    assertThat(slow.reason()).isEqualTo("value 0.95 is 413.5% above the median 0.185 of the other pods (max 75%)");
    assertThat(slow.score()).isCloseTo(4.135, org.assertj.core.data.Offset.offset(0.001));
    assertThat(verdicts.get(0).reason()).isEqualTo("value 0.185 is 2.632% below the median 0.19 of the other pods"
        + " (max 75%)");
  }

  @Test
  void deviationEqualToTheMaximumIsNotAnomalous() {
    List<Sample> samples = List.of(pod("a", 4), pod("b", 4), pod("c", 7));

    Verdict verdict = rule.analyse(samples, Set.of("a", "b", "c")).verdicts().get(2);

    assertThat(verdict.anomalous()).isFalse();
    assertThat(verdict.reason()).isEqualTo("value 7 is 75% above the median 4 of the other pods (max 75%)");
  }

  @Test
  void deviationJustAboveTheMaximumIsAnomalous() {
    List<Sample> samples = List.of(pod("a", 4), pod("b", 4), pod("c", 7.001));

    assertThat(rule.analyse(samples, Set.of("a", "b", "c")).verdicts().get(2).anomalous()).isTrue();
  }

  @Test
  void oneFastFailingPodOfThreeFlagsNeitherItselfNorItsPeers() {
    List<Sample> samples = List.of(pod("a", 1), pod("b", 1), pod("c", 0.01));

    List<Verdict> verdicts = rule.analyse(samples, Set.of("a", "b", "c")).verdicts();

    assertThat(verdicts).noneMatch(Verdict::anomalous);
    assertThat(verdicts.get(0).reason()).isEqualTo("value 1 is 0% above the median 1 of the other pods (max 75%)");
  }

  @Test
  void theMedianStillFindsTwoBadPodsOfFive() {
    List<Sample> samples = List.of(pod("a", 1), pod("b", 1.1), pod("c", 0.9), pod("d", 10), pod("e", 12));

    List<Verdict> verdicts = rule.analyse(samples, Set.of("a", "b", "c", "d", "e")).verdicts();

    assertThat(verdicts).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("d", "e");
  }

  @Test
  void uniformFleetFlagsNobody() {
    List<Sample> samples = List.of(pod("a", 2.5), pod("b", 2.5), pod("c", 2.5), pod("d", 2.5));

    List<Verdict> verdicts = rule.analyse(samples, ABCD).verdicts();

    assertThat(verdicts).noneMatch(Verdict::anomalous);
    assertThat(verdicts).allMatch(verdict -> verdict.value() == 2.5);
  }

  @Test
  void twoPodsAreEachComparedToTheOther() {
    List<Verdict> verdicts = rule.analyse(List.of(pod("a", 1), pod("b", 2)), Set.of("a", "b")).verdicts();

    assertThat(verdicts).extracting(Verdict::anomalous).containsExactly(false, true);
    assertThat(verdicts.get(1).reason()).isEqualTo("value 2 is 100% above the median 1 of the other pods (max 75%)");
  }

  @Test
  void onePodWithDataIsNotEnough() {
    List<Verdict> verdicts = rule.analyse(List.of(pod("a", 100)), Set.of("a", "b")).verdicts();

    assertThat(verdicts).containsExactly(
        Verdict.noData("a", "only 1 pod with data; the deviation needs at least 2 to compare"),
        Verdict.noData("b", "no data for this pod in the query result"));
  }

  @Test
  void noPodsGiveNoVerdictsAndNoDataGivesNoDataVerdicts() {
    assertThat(rule.analyse(List.of(pod("a", 1)), Set.of()).verdicts()).isEmpty();
    assertThat(rule.analyse(List.of(), Set.of("a")).verdicts()).extracting(Verdict::value).containsOnlyNulls();
  }

  @Test
  void duplicateSeriesMakeThePodNoDataAndLeaveTheReference() {
    List<Sample> samples = List.of(
        pod("a", 1), pod("b", 1), pod("c", 1.2),
        sample(100, "pod", "d", "instance", "x"), sample(1, "pod", "d", "instance", "y"));

    List<Verdict> verdicts = rule.analyse(samples, ABCD).verdicts();

    assertThat(verdicts.get(3))
        .isEqualTo(Verdict.noData("d", "2 series for one pod; make the query return one per pod"));
    assertThat(verdicts.get(2).reason()).isEqualTo("value 1.2 is 20% above the median 1 of the other pods (max 75%)");
  }

  @Test
  void nonFiniteValuesAreNoData() {
    List<Sample> samples = List.of(pod("a", 1), pod("b", Double.NaN), pod("c", Double.POSITIVE_INFINITY),
        pod("d", Double.NEGATIVE_INFINITY));

    List<Verdict> verdicts = rule.analyse(samples, ABCD).verdicts();

    assertThat(verdicts).extracting(Verdict::reason).containsExactly(
        "only 1 pod with data; the deviation needs at least 2 to compare",
        "value NaN is not a finite number",
        "value Infinity is not a finite number",
        "value -Infinity is not a finite number");
    assertThat(verdicts).noneMatch(Verdict::anomalous);
  }

  @Test
  void anyPositiveValueAgainstAReferenceOfZeroIsAnomalousAndWorst() {
    List<Sample> samples = List.of(pod("a", 0), pod("b", 0), pod("c", 0.001), pod("d", 0));

    List<Verdict> verdicts = rule.analyse(samples, ABCD).verdicts();

    assertThat(verdicts).filteredOn(Verdict::anomalous).extracting(Verdict::pod).containsExactly("c");
    assertThat(verdicts.get(2).reason())
        .isEqualTo("value 0.001 is above the median 0 of the other pods: an infinite deviation (max 75%)");
    assertThat(verdicts.get(2).score()).isEqualTo(Double.MAX_VALUE);
    assertThat(verdicts.get(0).reason()).isEqualTo("value 0 is not above the median 0 of the other pods (max 75%)");
  }

  @Test
  void zeroOrNegativeAgainstAReferenceOfZeroIsNotAnomalous() {
    List<Sample> samples = List.of(pod("a", 0), pod("b", 0), pod("c", -1));

    assertThat(rule.analyse(samples, Set.of("a", "b", "c")).verdicts()).noneMatch(Verdict::anomalous);
  }

  @Test
  void negativeReferenceStillTreatsHigherAsWorse() {
    List<Sample> samples = List.of(pod("a", -4), pod("b", -4), pod("c", 0));

    Verdict verdict = rule.analyse(samples, Set.of("a", "b", "c")).verdicts().get(2);

    assertThat(verdict.anomalous()).isTrue();
    assertThat(verdict.reason()).isEqualTo("value 0 is 100% above the median -4 of the other pods (max 75%)");
  }

  @Test
  void maximumZeroFlagsAnyPodAboveTheOthers() {
    List<Sample> samples = List.of(pod("a", 1), pod("b", 1), pod("c", 1.001));

    List<Verdict> verdicts = new ContinuousDeviationRule("pod", 0).analyse(samples, Set.of("a", "b", "c")).verdicts();

    assertThat(verdicts).extracting(Verdict::anomalous).containsExactly(false, false, true);
  }

  @Test
  void seriesOutsideTheServiceOrWithoutPodLabelAreCountedAndIgnored() {
    List<Sample> samples = List.of(pod("a", 1), pod("b", 1), pod("zz", 50), sample(50));

    Analysis analysis = rule.analyse(samples, Set.of("a", "b"));

    assertThat(analysis.verdicts()).noneMatch(Verdict::anomalous);
    assertThat(analysis.outsideService()).isEqualTo(1);
    assertThat(analysis.withoutPodLabel()).isEqualTo(1);
  }

  @Test
  void negativeMaximumIsRejected() {
    assertThatThrownBy(() -> new ContinuousDeviationRule("pod", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContinuousDeviationRule("pod", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
