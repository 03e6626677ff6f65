package io.kubervisor.engine;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A detector call failed (unreachable, timed out, an error or malformed answer, or any other throwable): recorded. */
public class DetectorFailed implements Processor {

  @Override
  public void process(Exchange exchange) {
    BreakerCall call = exchange.getProperty(PrepareDetectorCall.CALL, BreakerCall.class);
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    call.failed(failure == null ? new IllegalStateException("the detector failed without an exception") : failure);
  }
}
