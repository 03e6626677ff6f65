package io.kubervisor.analysis;

/**
 * The center and spread of the judged pods' values, from which each pod's z-score is read.
 *
 * @param scale 0 when every pod has the same value: nobody deviates, so nobody is an outlier
 */
record Fleet(String centerName, double center, double scale, String unit) {

  /** 0.6745 is the normal quantile that makes the MAD a consistent estimate of the standard deviation. */
  private static final double MAD_TO_DEVIATION = 0.6745;
  /** √(π/2): the same for the mean absolute deviation. */
  private static final double MEAN_ABSOLUTE_TO_DEVIATION = 1.253314;

  /**
   * Median and MAD. When more than half of the pods share the median value the MAD is 0; the mean absolute deviation
   * then takes over (the usual fallback for the modified z-score). It is 0 only when every pod has the same value.
   * Its consequence is deliberate: in a fleet where all but one pod are identical, the odd one is flagged whenever
   * n/1.2533 exceeds the threshold (5 pods or more at 3.5), however small the difference, as Envoy's rule would.
   */
  static Fleet robust(double[] values) {
    double median = Stats.median(values);
    double[] deviations = Stats.absoluteDeviations(values, median);
    double mad = Stats.median(deviations);
    if (mad > 0) {
      return new Fleet("median", median, mad / MAD_TO_DEVIATION, "robust deviations (modified z-score)");
    }
    return new Fleet("median", median, MEAN_ABSOLUTE_TO_DEVIATION * Stats.mean(deviations),
        "robust deviations (modified z-score on the mean absolute deviation, as the median one is 0)");
  }

  /** Mean and population standard deviation, as Envoy's success-rate outlier detection. */
  static Fleet envoy(double[] values) {
    // Equal values can still give a rounding-sized deviation from their computed mean; they must not give z-scores.
    double scale = Stats.allEqual(values) ? 0 : Stats.standardDeviation(values);
    return new Fleet("mean", Stats.mean(values), scale, "standard deviations");
  }

  boolean identical() {
    return scale == 0;
  }

  double zScore(double value) {
    return (value - center) / scale;
  }
}
