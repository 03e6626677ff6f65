package io.kubervisor.detectors;

import io.kubervisor.analysis.ConsecutiveCrossings;
import io.kubervisor.analysis.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The threshold's {@code forEvaluations}: a pod counts as anomalous only after that many crossings in a row. */
public class RequireConsecutive implements Processor {

  /** Streaks per breaker, by "namespace/breakerConfig/breaker". */
  private final Map<String, ConsecutiveCrossings> streaks = new ConcurrentHashMap<>();

  @Override
  @SuppressWarnings("unchecked")
  public void process(Exchange exchange) {
    DetectorRequest request = DetectorExchange.request(exchange);
    String key = request.namespace() + "/" + request.breakerConfig() + "/" + request.breaker();
    List<Verdict> verdicts = exchange.getIn().getBody(List.class);
    int required = DetectorExchange.breaker(exchange).threshold.forEvaluations;
    exchange.getIn().setBody(streaks.computeIfAbsent(key, k -> new ConsecutiveCrossings()).apply(verdicts, required));
  }
}
