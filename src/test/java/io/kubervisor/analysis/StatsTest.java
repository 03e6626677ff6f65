package io.kubervisor.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Stats.median(new double[] {Double.MAX_VALUE, Double.MAX_VALUE})).isEqualTo(Double.MAX_VALUE);
  }

  @Test
  void highMedianTakesTheUpperMiddleValueOfAnEvenCount() {
    assertThat(Stats.highMedian(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Stats.highMedian(new double[] {0.01, 1})).isEqualTo(1);
    assertThat(Stats.highMedian(new double[] {4, 1, 3, 2})).isEqualTo(3);
  }

  @Test
  void medianDoesNotReorderItsInput() {
    double[] values = {3, 1, 2};
    Stats.median(values);
    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void populationStandardDeviation() {
    assertThat(Stats.standardDeviation(new double[] {2, 4, 4, 4, 5, 5, 7, 9})).isEqualTo(2);
  }
}
