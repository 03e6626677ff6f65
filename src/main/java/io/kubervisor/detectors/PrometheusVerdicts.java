package io.kubervisor.detectors;

import io.kubervisor.analysis.Analysis;
import io.kubervisor.analysis.ContinuousDeviationRule;
import io.kubervisor.analysis.DiscreteValueRule;
import io.kubervisor.analysis.OutlierRule;
import io.kubervisor.analysis.PrometheusResponse;
import io.kubervisor.analysis.Sample;
import io.kubervisor.analysis.ThresholdRule;
import io.kubervisor.analysis.TrendRule;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.ContinuousValueDeviation;
import io.kubervisor.api.v1alpha1.DiscreteValueOutOfList;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.api.v1alpha1.OutlierDetector;
import io.kubervisor.api.v1alpha1.ThresholdDetector;
import io.kubervisor.api.v1alpha1.TrendDetector;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns a Prometheus answer into verdicts with the breaker's analysis rule. A Prometheus error, or a body that is not a
 * Prometheus answer, throws {@link io.kubervisor.analysis.PrometheusQueryException} with Prometheus' own words.
 */
public class PrometheusVerdicts implements Processor {

  @Override
  public void process(Exchange exchange) {
    BreakerSpec breaker = DetectorExchange.breaker(exchange);
    Set<String> pods = Set.copyOf(DetectorExchange.request(exchange).pods());
    List<Sample> samples = PrometheusResponse.parse(exchange.getIn().getBody(String.class));
    DetectorExchange.answer(exchange, analyse(breaker, samples, pods, exchange));
  }

  private static Analysis analyse(BreakerSpec breaker, List<Sample> samples, Set<String> pods, Exchange exchange) {
    if (breaker.discreteValueOutOfList != null) {
      DiscreteValueOutOfList d = breaker.discreteValueOutOfList;
      DiscreteValueRule rule = d.goodValues != null
          ? DiscreteValueRule.withGoodValues(d.podNameKey, d.key, d.goodValues, d.tolerancePercent, d.minActivity)
          : DiscreteValueRule.withBadValues(d.podNameKey, d.key, d.badValues, d.tolerancePercent, d.minActivity);
      return rule.analyse(samples, pods);
    }
    if (breaker.continuousValueDeviation != null) {
      ContinuousValueDeviation c = breaker.continuousValueDeviation;
      return new ContinuousDeviationRule(c.podNameKey, c.maxDeviationPercent).analyse(samples, pods);
    }
    if (breaker.threshold != null) {
      ThresholdDetector t = breaker.threshold;
      return new ThresholdRule(t.podNameKey, t.above, t.below).analyse(samples, pods);
    }
    // The outlier and the trend may have asked twice: then the body holds the second answer, the property the first.
    String firstBody = exchange.getProperty(DetectorExchange.FIRST_QUERY_BODY, String.class);
    List<Sample> first = firstBody == null ? samples : PrometheusResponse.parse(firstBody);
    List<Sample> second = firstBody == null ? null : samples;
    if (breaker.trend != null) {
      TrendDetector t = breaker.trend;
      double horizon = t.horizon == null ? 0 : Durations.parse(t.horizon).toSeconds();
      return new TrendRule(t.podNameKey, t.maxSlope, t.bound, horizon, t.fleetRelative).analyse(first, second, pods);
    }
    OutlierDetector o = breaker.outlier;
    return new OutlierRule(o.podNameKey, OutlierRule.Method.valueOf(o.method.name()),
        OutlierRule.BadWhen.valueOf(o.badWhen.name()), o.threshold, o.minRequestVolume, o.minHosts)
        .analyse(first, second, pods);
  }
}
