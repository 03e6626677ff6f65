package io.kubervisor.engine;

import io.kubervisor.detectors.DetectorExchange;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Checks a detector's answer against the contract and records it on its call; a bad answer is a detector error. */
public class ReadVerdicts implements Processor {

  private final long maxBytes;

  /** @param maxBytes the largest answer read from a stream (kubervisor.detector-max-response-bytes) */
  public ReadVerdicts(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void process(Exchange exchange) throws Exception {
    BreakerCall call = exchange.getProperty(PrepareDetectorCall.CALL, BreakerCall.class);
    List<String> ignored = exchange.getProperty(DetectorExchange.IGNORED, List.of(), List.class);
    call.answered(VerdictReader.read(exchange.getIn().getBody(), call.detector, maxBytes), ignored);
  }
}
