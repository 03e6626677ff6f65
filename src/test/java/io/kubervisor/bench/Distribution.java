package io.kubervisor.bench;

import java.util.List;

/**
 * Percentiles of some durations, in seconds, by the nearest rank: the p99 of fewer than 100 values is their maximum.
 * Null percentiles when there are none.
 */
record Distribution(int count, Double p50, Double p99, Double max) {

  static Distribution of(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return new Distribution(0, null, null, null);
    }
    return new Distribution(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Double> sorted, double percentile) {
    return sorted.get((int) Math.ceil(percentile * sorted.size()) - 1);
  }
}
