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
    DetectorExchange.headers(call.breaker, call.request).forEach(in::setHeader);
    in.setBody(call.request);
  }
}
