package io.kubervisor.analysis;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.ContinuousValueDeviation;
import io.kubervisor.api.v1alpha1.DiscreteValueOutOfList;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.OutlierDetector;
import io.kubervisor.api.v1alpha1.ThresholdDetector;
import io.kubervisor.api.v1alpha1.TrendDetector;
import java.util.List;
import java.util.Set;

/**
 * What a Prometheus breaker makes of its answers, by its rule: the same function for the live operator and for a
 * replay of history. Pure.
 */
public final class Judgement {

  private Judgement() {}

  /**
   * @param first the samples of the breaker's first question (its promQL, or the trend's slopes)
   * @param second the samples of its second question (the outlier's volumes, the trend's predictions), or null
   * @param pods the pods to judge
   */
  public static Analysis of(BreakerSpec breaker, List<Sample> first, List<Sample> second, Set<String> pods) {
    if (breaker.discreteValueOutOfList != null) {
      DiscreteValueOutOfList d = breaker.discreteValueOutOfList;
      DiscreteValueRule rule = d.goodValues != null
          ? DiscreteValueRule.withGoodValues(d.podNameKey, d.key, d.goodValues, d.tolerancePercent, d.minActivity)
          : DiscreteValueRule.withBadValues(d.podNameKey, d.key, d.badValues, d.tolerancePercent, d.minActivity);
      return rule.analyse(first, pods);
    }
    if (breaker.continuousValueDeviation != null) {
      ContinuousValueDeviation c = breaker.continuousValueDeviation;
      return new ContinuousDeviationRule(c.podNameKey, c.maxDeviationPercent).analyse(first, pods);
    }
    if (breaker.threshold != null) {
      ThresholdDetector t = breaker.threshold;
      return new ThresholdRule(t.podNameKey, t.above, t.below).analyse(first, pods);
    }
    if (breaker.trend != null) {
      TrendDetector t = breaker.trend;
      double horizon = t.horizon == null ? 0 : Durations.parse(t.horizon).toSeconds();
      return new TrendRule(t.podNameKey, t.maxSlope, t.bound, horizon, t.fleetRelative).analyse(first, second, pods);
    }
    if (breaker.outlier != null) {
      OutlierDetector o = breaker.outlier;
      return new OutlierRule(o.podNameKey, OutlierRule.Method.valueOf(o.method.name()),
          OutlierRule.BadWhen.valueOf(o.badWhen.name()), o.threshold, o.minRequestVolume, o.minHosts)
          .analyse(first, second, pods);
    }
    throw new IllegalArgumentException("breaker " + breaker.name + " is not judged from Prometheus");
  }
}
