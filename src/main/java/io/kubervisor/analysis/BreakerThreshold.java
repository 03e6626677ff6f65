package io.kubervisor.analysis;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The bound a breaker judges by, as its spec states it, for the decision log and a replay's report: a user reading "value=31.5" needs the
 * "tolerancePercent=10" beside it. Null for detectors whose bound lives outside kubervisor (external, custom).
 */
public final class BreakerThreshold {

  private BreakerThreshold() {}

  public static String of(BreakerSpec breaker) {
    if (breaker.discreteValueOutOfList != null) {
      return "tolerancePercent=" + breaker.discreteValueOutOfList.tolerancePercent;
    }
    if (breaker.continuousValueDeviation != null) {
      return "maxDeviationPercent=" + Numbers.format(breaker.continuousValueDeviation.maxDeviationPercent);
    }
    if (breaker.outlier != null) {
      return breaker.outlier.method + (breaker.outlier.threshold == null ? ""
          : " threshold=" + Numbers.format(breaker.outlier.threshold));
    }
    if (breaker.threshold != null) {
      return bounds("above", breaker.threshold.above, "below", breaker.threshold.below);
    }
    if (breaker.trend != null) {
      return bounds("maxSlope", breaker.trend.maxSlope, "bound", breaker.trend.bound);
    }
    return null;
  }

  private static String bounds(String firstName, Double first, String secondName, Double second) {
    List<String> bounds = new ArrayList<>();
    if (first != null) {
      bounds.add(firstName + "=" + Numbers.format(first));
    }
    if (second != null) {
      bounds.add(secondName + "=" + Numbers.format(second));
    }
    return bounds.isEmpty() ? null : String.join(" ", bounds);
  }
}
