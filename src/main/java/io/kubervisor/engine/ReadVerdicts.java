package io.kubervisor.engine;

import io.kubervisor.detectors.DetectorExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Checks a detector's answer against the contract and puts the verdicts in the body; a bad answer is a detector error. */
public class ReadVerdicts implements Processor {

  @Override
  public void process(Exchange exchange) {
    String detector = DetectorRegistry.detectorName(DetectorExchange.breaker(exchange));
    exchange.getIn().setBody(VerdictReader.read(exchange.getIn().getBody(), detector));
  }
}
