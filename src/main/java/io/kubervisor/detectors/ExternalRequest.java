package io.kubervisor.detectors;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Prepares the GET of an external detector for the next step (the backend-call route): its URL, no body. */
public class ExternalRequest implements Processor {

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getIn();
    in.setHeader(Exchange.HTTP_URI, DetectorExchange.breaker(exchange).external.url);
    in.setHeader(Exchange.HTTP_METHOD, "GET");
    in.setBody(null);
  }
}
