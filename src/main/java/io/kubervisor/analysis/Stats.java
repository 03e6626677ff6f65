package io.kubervisor.analysis;

import java.util.Arrays;

/** The few fleet statistics the rules need. */
final class Stats {

  private Stats() {
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    if (sorted.length % 2 == 1) {
      return sorted[middle];
    }
    double low = sorted[middle - 1];
    return low + (sorted[middle] - low) / 2; // exact when both are equal, and no overflow
  }

  /** For an even count, the higher of the two middle values rather than their average: always a real value. */
  static double highMedian(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static double mean(double[] values) {
    return Arrays.stream(values).sum() / values.length;
  }

  static double[] absoluteDeviations(double[] values, double center) {
    return Arrays.stream(values).map(value -> Math.abs(value - center)).toArray();
  }

  /** Population standard deviation, as Envoy computes it over its hosts. */
  static double standardDeviation(double[] values) {
    double mean = mean(values);
    return Math.sqrt(Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum() / values.length);
  }

  static boolean allEqual(double[] values) {
    return Arrays.stream(values).allMatch(value -> value == values[0]);
  }
}
