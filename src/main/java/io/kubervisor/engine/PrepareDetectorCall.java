package io.kubervisor.engine;

import io.kubervisor.detectors.DetectorExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns one {@link BreakerCall} into the exchange the detector contract promises (docs/detectors.md): the
 * DetectorRequest as the body, the names of the Service and breaker as headers, and a custom detector's parameters as
 * headers too, which can never take the place of kubervisor's own.
 */
public class PrepareDetectorCall implements Processor {

  /** The exchange property holding the call, for the steps after the detector. */
  public static final String CALL = "kubervisorCall";
  /** The exchange property holding the detector route's endpoint. */
  public static final String DETECTOR = "kubervisorDetector";

  @Override
  public void process(Exchange exchange) {
    BreakerCall call = exchange.getIn().getBody(BreakerCall.class);
    exchange.setProperty(CALL, call);
    exchange.setProperty(DETECTOR, call.endpoint);
    exchange.setProperty(DetectorExchange.REQUEST, call.request);
    exchange.setProperty(DetectorExchange.BREAKER_SPEC, call.breaker);
    Message in = exchange.getIn();
    in.removeHeaders("*");
    if (call.breaker.custom != null && call.breaker.custom.parameters != null) {
      call.breaker.custom.parameters.forEach((name, value) -> {
        if (!DetectorExchange.reserved(name)) {
          in.setHeader(name, value);
        }
      });
    }
    in.setHeader(DetectorExchange.NAMESPACE, call.request.namespace());
    in.setHeader(DetectorExchange.SERVICE, call.request.service());
    in.setHeader(DetectorExchange.BREAKER_CONFIG, call.request.breakerConfig());
    in.setHeader(DetectorExchange.BREAKER, call.request.breaker());
    in.setBody(call.request);
  }
}
