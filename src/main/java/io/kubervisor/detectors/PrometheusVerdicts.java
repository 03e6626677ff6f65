package io.kubervisor.detectors;

import io.kubervisor.analysis.Analysis;
import io.kubervisor.analysis.ContinuousDeviationRule;
import io.kubervisor.analysis.DiscreteValueRule;
import io.kubervisor.analysis.OutlierRule;
import io.kubervisor.analysis.PrometheusResponse;
import io.kubervisor.analysis.Sample;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.ContinuousValueDeviation;
import io.kubervisor.api.v1alpha1.DiscreteValueOutOfList;
import io.kubervisor.api.v1alpha1.OutlierDetector;
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
    OutlierDetector o = breaker.outlier;
    OutlierRule rule = new OutlierRule(o.podNameKey, OutlierRule.Method.valueOf(o.method.name()),
        OutlierRule.BadWhen.valueOf(o.badWhen.name()), o.threshold, o.minRequestVolume, o.minHosts);
    String valuesBody = exchange.getProperty(DetectorExchange.FIRST_QUERY_BODY, String.class);
    if (valuesBody == null) {
      return rule.analyse(samples, pods);
    }
    // The volume query ran second: the body holds volumes, the property the values.
    return rule.analyse(PrometheusResponse.parse(valuesBody), samples, pods);
  }
}
