package io.kubervisor.analysis;

import static io.kubervisor.analysis.OutlierRule.BadWhen.High;
import static io.kubervisor.analysis.OutlierRule.BadWhen.Low;
import static io.kubervisor.analysis.OutlierRule.Method.MedianAbsoluteDeviation;
import static io.kubervisor.analysis.OutlierRule.Method.StandardDeviation;
import static io.kubervisor.analysis.TestSamples.pod;
import static io.kubervisor.analysis.TestSamples.pods;
import static io.kubervisor.analysis.TestSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutlierRuleTest {

  private static OutlierRule rule(OutlierRule.Method method, OutlierRule.BadWhen badWhen) {
    return new OutlierRule("pod", method, badWhen, null, 0, 5);
  }

  /** Pods p0, p1... with these values. */
  private static List<Sample> fleet(double... values) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      samples.add(pod("p" + i, values[i]));
    }
    return samples;
  }

  private static List<String> anomalousPods(Analysis analysis) {
    return analysis.verdicts().stream().filter(Verdict::anomalous).map(Verdict::pod).toList();
  }

  @Test
  void slowPodIsARobustOutlierWithItsModifiedZScore() {
    Analysis analysis = rule(MedianAbsoluteDeviation, High)
        .analyse(fleet(0.18, 0.19, 0.185, 0.2, 0.175, 0.95), pods(6));

    assertThat(anomalousPods(analysis)).containsExactly("p5");
    Verdict slow = analysis.verdicts().get(5);
    // median 0.1875, MAD 0.01
    assertThat(slow.score()).isCloseTo(0.6745 * (0.95 - 0.1875) / 0.01, offset(1e-9));
    assertThat(slow.reason()).isEqualTo("value 0.95 is 51.43 robust deviations (modified z-score) above the fleet"
        + " median 0.1875, more than the threshold 3.5");
    assertThat(analysis.verdicts().get(3).reason()).isEqualTo("value 0.2 is 0.8431 robust deviations (modified"
        + " z-score) above the fleet median 0.1875; outliers are more than 3.5 above");
  }

  @Test
  void lowDirectionFlagsOnlyPodsBelowTheFleet() {
    List<Sample> successRates = fleet(0.99, 0.995, 0.99, 1.0, 0.5, 0.993);

    assertThat(anomalousPods(rule(MedianAbsoluteDeviation, Low).analyse(successRates, pods(6))))
        .containsExactly("p4");
    assertThat(anomalousPods(rule(MedianAbsoluteDeviation, High).analyse(successRates, pods(6)))).isEmpty();
  }

  @Test
  void scoreIsTheZScoreTowardsTheBadSide() {
    Analysis analysis = rule(MedianAbsoluteDeviation, Low).analyse(fleet(0.99, 0.995, 0.99, 1.0, 0.5), pods(5));

    Verdict failing = analysis.verdicts().get(4);
    assertThat(failing.score()).isGreaterThan(3.5);
    assertThat(analysis.verdicts().get(3).score()).isNegative(); // above the fleet: the good side
  }

  @ParameterizedTest
  @EnumSource(OutlierRule.Method.class)
  void identicalFleetFlagsNobody(OutlierRule.Method method) {
    Analysis analysis = new OutlierRule("pod", method, High, 0.0, 0, 5).analyse(fleet(0.1, 0.1, 0.1, 0.1, 0.1),
        pods(5));

    assertThat(analysis.verdicts()).noneMatch(Verdict::anomalous);
    assertThat(analysis.verdicts().get(0))
        .isEqualTo(new Verdict("p0", 0.1, false, "value 0.1 is shared by the whole fleet; nobody is an outlier", 0));
  }

  @ParameterizedTest
  @EnumSource(OutlierRule.Method.class)
  void fleetSlowTogetherFlagsNobody(OutlierRule.Method method) {
    List<Sample> allSlow = fleet(5.0, 5.1, 4.9, 5.05, 4.95, 5.02);

    assertThat(anomalousPods(rule(method, High).analyse(allSlow, pods(6)))).isEmpty();
    assertThat(anomalousPods(rule(method, Low).analyse(allSlow, pods(6)))).isEmpty();
  }

  @Test
  void zeroMadFallsBackToTheMeanAbsoluteDeviation() {
    Analysis analysis = rule(MedianAbsoluteDeviation, High).analyse(fleet(1, 1, 1, 1, 3), pods(5));

    // mean absolute deviation 0.4, scaled by 1.253314: z = 2 / 0.5013256 = 3.99
    assertThat(anomalousPods(analysis)).containsExactly("p4");
    assertThat(analysis.verdicts().get(4).score()).isCloseTo(3.989, offset(0.001));
    assertThat(analysis.verdicts().get(4).reason()).contains("on the mean absolute deviation, as the median one is 0");
  }

  @Test
  void zeroMadFallbackNeedsEnoughPodsForALoneDeviantToStandOut() {
    OutlierRule fourHosts = new OutlierRule("pod", MedianAbsoluteDeviation, High, null, 0, 4);

    // z = n / 1.2533 for a lone deviant: 3.19 with four pods, under 3.5.
    assertThat(anomalousPods(fourHosts.analyse(fleet(1, 1, 1, 3), pods(4)))).isEmpty();
  }

  @Test
  void standardDeviationIsEnvoysSuccessRateRule() {
    Analysis analysis = rule(StandardDeviation, Low).analyse(fleet(100, 100, 100, 100, 90), pods(5));

    // mean 98, population standard deviation 4: 90 is 2 below, beyond 1.9
    assertThat(anomalousPods(analysis)).containsExactly("p4");
    assertThat(analysis.verdicts().get(4)).isEqualTo(new Verdict("p4", 90.0, true,
        "value 90 is 2 standard deviations below the fleet mean 98, more than the threshold 1.9", 2));
    assertThat(analysis.verdicts().get(0).reason())
        .isEqualTo("value 100 is 0.5 standard deviations above the fleet mean 98; outliers are more than 1.9 below");
  }

  @Test
  void explicitThresholdReplacesTheDefault() {
    OutlierRule strict = new OutlierRule("pod", StandardDeviation, Low, 2.5, 0, 5);

    assertThat(anomalousPods(strict.analyse(fleet(100, 100, 100, 100, 90), pods(5)))).isEmpty();
  }

  @Test
  void zScoreEqualToTheThresholdIsNotAnOutlier() {
    OutlierRule atTwo = new OutlierRule("pod", StandardDeviation, Low, 2.0, 0, 5);

    assertThat(anomalousPods(atTwo.analyse(fleet(100, 100, 100, 100, 90), pods(5)))).isEmpty();
  }

  @Test
  void tooFewPodsWithDataMeansNoDataForAll() {
    Analysis analysis = rule(MedianAbsoluteDeviation, High).analyse(fleet(1, 1, 1, 50), pods(4));

    assertThat(analysis.verdicts()).extracting(Verdict::reason)
        .containsOnly("4 pods with data, the outlier rule needs 5");
    assertThat(analysis.verdicts()).extracting(Verdict::value).containsOnlyNulls();
  }

  @Test
  void noPodsGiveNoVerdicts() {
    assertThat(rule(MedianAbsoluteDeviation, High).analyse(List.of(), Set.of()).verdicts()).isEmpty();
  }

  @Test
  void podsWithTooLittleVolumeAreNeitherJudgedNorCounted() {
    OutlierRule rule = new OutlierRule("pod", MedianAbsoluteDeviation, High, null, 100, 5);
    List<Sample> volumes = List.of(pod("p0", 500), pod("p1", 500), pod("p2", 500), pod("p3", 500), pod("p4", 12));

    Analysis analysis = rule.analyse(fleet(1, 1.1, 0.9, 1, 50, 1.05), volumes, pods(6));

    assertThat(analysis.verdicts()).extracting(Verdict::reason).containsExactly(
        "4 pods with enough volume, the outlier rule needs 5",
        "4 pods with enough volume, the outlier rule needs 5",
        "4 pods with enough volume, the outlier rule needs 5",
        "4 pods with enough volume, the outlier rule needs 5",
        "volume 12 below minRequestVolume 100",
        "volume 0 below minRequestVolume 100");
  }

  @Test
  void podsWithEnoughVolumeAreJudged() {
    OutlierRule rule = new OutlierRule("pod", MedianAbsoluteDeviation, High, null, 100, 5);
    List<Sample> volumes = List.of(
        pod("p0", 500), pod("p1", 500), pod("p2", 500), pod("p3", 500), pod("p4", 100), pod("p5", 99));

    Analysis analysis = rule.analyse(fleet(1, 1.1, 0.9, 1, 50, 80), volumes, pods(6));

    assertThat(anomalousPods(analysis)).containsExactly("p4");
    assertThat(analysis.verdicts().get(5).value()).isNull();
  }

  @Test
  void podWithoutVolumeSeriesCountsAsVolumeZero() {
    List<Sample> volumes = List.of(pod("p0", 5));

    Analysis analysis = rule(MedianAbsoluteDeviation, High).analyse(fleet(1, 1.1, 0.9, 1, 50), volumes, pods(5));

    assertThat(anomalousPods(analysis)).containsExactly("p4");
  }

  @Test
  void unusableVolumeSeriesMakeThePodNoData() {
    OutlierRule rule = new OutlierRule("pod", MedianAbsoluteDeviation, High, null, 0, 3);
    List<Sample> volumes = List.of(pod("p0", 5), pod("p0", 6), pod("p1", Double.NaN));

    Analysis analysis = rule.analyse(fleet(1, 1, 1, 1, 1), volumes, pods(5));

    assertThat(analysis.verdicts()).extracting(Verdict::reason).startsWith(
        "volume query: 2 series for one pod; make the query return one per pod",
        "volume query: value NaN is not a finite number");
  }

  @Test
  void duplicateOrNonFiniteValuesMakeThePodNoDataAndLeaveTheFleet() {
    List<Sample> samples = new ArrayList<>(fleet(1, 1.1, 0.9, 1, 1.05));
    samples.add(pod("p5", Double.POSITIVE_INFINITY));
    samples.add(sample(1, "pod", "p6", "instance", "x"));
    samples.add(sample(90, "pod", "p6", "instance", "y"));
    samples.add(pod("p7", Double.NaN));

    Analysis analysis = rule(MedianAbsoluteDeviation, High).analyse(samples, pods(8));

    assertThat(anomalousPods(analysis)).isEmpty();
    assertThat(analysis.verdicts().subList(5, 8)).extracting(Verdict::reason).containsExactly(
        "value Infinity is not a finite number",
        "2 series for one pod; make the query return one per pod",
        "value NaN is not a finite number");
  }

  @Test
  void seriesOutsideTheServiceOrWithoutPodLabelAreCountedFromBothQueries() {
    List<Sample> values = new ArrayList<>(fleet(1, 1, 1, 1, 1));
    values.add(pod("elsewhere", 100));
    values.add(sample(3));
    List<Sample> volumes = List.of(pod("elsewhere", 100), sample(3, "instance", "x"));

    Analysis analysis = rule(MedianAbsoluteDeviation, High).analyse(values, volumes, pods(5));

    assertThat(analysis.outsideService()).isEqualTo(2);
    assertThat(analysis.withoutPodLabel()).isEqualTo(2);
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> new OutlierRule("pod", StandardDeviation, High, -1.0, 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutlierRule("pod", StandardDeviation, High, null, -1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OutlierRule("pod", StandardDeviation, High, null, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enumsMatchTheApiByName() {
    for (var method : io.kubervisor.api.v1alpha1.OutlierDetector.Method.values()) {
      assertThat(OutlierRule.Method.valueOf(method.name())).isNotNull();
    }
    for (var badWhen : io.kubervisor.api.v1alpha1.OutlierDetector.BadWhen.values()) {
      assertThat(OutlierRule.BadWhen.valueOf(badWhen.name())).isNotNull();
    }
  }
}
