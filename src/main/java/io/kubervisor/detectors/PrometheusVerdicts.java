package io.kubervisor.detectors;

import io.kubervisor.analysis.Judgement;
import io.kubervisor.analysis.PrometheusResponse;
import io.kubervisor.analysis.Sample;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns a Prometheus answer into verdicts with the breaker's analysis rule ({@link Judgement}). A Prometheus error, or
 * a body that is not a Prometheus answer, throws {@link io.kubervisor.analysis.PrometheusQueryException} with
 * Prometheus' own words.
 */
public class PrometheusVerdicts implements Processor {

  @Override
  public void process(Exchange exchange) {
    Set<String> pods = Set.copyOf(DetectorExchange.request(exchange).pods());
    List<Sample> samples = PrometheusResponse.parse(exchange.getIn().getBody(String.class));
    // A detector that asked twice has the second answer in the body and the first kept aside.
    String firstBody = exchange.getProperty(DetectorExchange.FIRST_QUERY_BODY, String.class);
    List<Sample> first = firstBody == null ? samples : PrometheusResponse.parse(firstBody);
    List<Sample> second = firstBody == null ? null : samples;
    DetectorExchange.answer(exchange, Judgement.of(DetectorExchange.breaker(exchange), first, second, pods));
  }
}
