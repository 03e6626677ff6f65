package io.kubervisor.detectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Points the next step (the backend-call route) at the external detector's URL. */
public class ExternalRequest implements Processor {

  @Override
  public void process(Exchange exchange) {
    exchange.getIn().setHeader(Exchange.HTTP_URI, DetectorExchange.breaker(exchange).external.url);
  }
}
