package io.kubervisor.cli.dashboard;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.OutlierDetector;

/** What a breaker judges a pod on, in words, and the bound a chart of its question can draw. */
final class Thresholds {

  private Thresholds() {}

  /** The detector's kind, as the BreakerConfig names it. */
  static String detector(BreakerSpec breaker) {
    if (breaker.threshold != null) {
      return "threshold";
    }
    if (breaker.continuousValueDeviation != null) {
      return "continuousValueDeviation";
    }
    if (breaker.discreteValueOutOfList != null) {
      return "discreteValueOutOfList";
    }
    if (breaker.outlier != null) {
      return "outlier";
    }
    if (breaker.trend != null) {
      return "trend";
    }
    return breaker.external != null ? "external" : "custom";
  }

  /** When a pod is anomalous, such as {@code above 0.2} or {@code more than 75% from the fleet median}. */
  static String describe(BreakerSpec breaker) {
    if (breaker.threshold != null) {
      String above = breaker.threshold.above == null ? null : "above " + number(breaker.threshold.above);
      String below = breaker.threshold.below == null ? null : "below " + number(breaker.threshold.below);
      return above != null && below != null ? above + " or " + below : above != null ? above : below;
    }
    if (breaker.continuousValueDeviation != null) {
      return "more than " + number(breaker.continuousValueDeviation.maxDeviationPercent) + "% from the fleet median";
    }
    if (breaker.discreteValueOutOfList != null) {
      return "more than " + breaker.discreteValueOutOfList.tolerancePercent + "% bad values";
    }
    if (breaker.outlier != null) {
      OutlierDetector outlier = breaker.outlier;
      return (outlier.badWhen == OutlierDetector.BadWhen.Low ? "below" : "above") + " the fleet by "
          + (outlier.threshold == null ? "the method's default" : number(outlier.threshold)) + " ("
          + outlier.method + ")";
    }
    if (breaker.trend != null) {
      return breaker.trend.maxSlope != null ? "slope above " + number(breaker.trend.maxSlope) + " per second"
          : "heading past " + number(breaker.trend.bound) + " within " + breaker.trend.horizon;
    }
    return "as its detector says";
  }

  /**
   * The line a chart of the breaker's first question draws: the bound, or for the discrete detector the tolerance of
   * the bad share in percent; null where the fleet's median is the reference.
   */
  static Double bound(BreakerSpec breaker) {
    if (breaker.threshold != null) {
      return breaker.threshold.above != null ? breaker.threshold.above : breaker.threshold.below;
    }
    if (breaker.discreteValueOutOfList != null) {
      return breaker.discreteValueOutOfList.tolerancePercent.doubleValue();
    }
    if (breaker.trend != null) {
      return breaker.trend.maxSlope;
    }
    return null;
  }

  /** Whether a value lies beyond the bound, on the bad side. */
  static boolean beyond(BreakerSpec breaker, double value) {
    if (breaker.threshold != null) {
      return breaker.threshold.above != null && value > breaker.threshold.above
          || breaker.threshold.below != null && value < breaker.threshold.below;
    }
    Double bound = bound(breaker);
    return bound != null && value > bound;
  }

  static String number(Double value) {
    if (value == null) {
      return "?";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf(value.longValue())
        : String.valueOf(value);
  }
}
