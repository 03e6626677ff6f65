package io.kubervisor.engine;

import io.kubervisor.cluster.WriteFence;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pass failed, with any throwable: it is contained here, so one BreakerConfig's failure never stops its next pass or
 * another's. A lost leadership ends the pass quietly; anything else is logged once and shown in the status
 * (Ready=False, PassFailed), as far as the status can still be written.
 */
public class RecordPassFailure implements Processor {

  private static final Logger LOG = LoggerFactory.getLogger(RecordPassFailure.class);

  private final StatusWriter writer;
  private final FleetGauges gauges;
  private final Clock clock;

  RecordPassFailure(StatusWriter writer, FleetGauges gauges, Clock clock) {
    this.writer = writer;
    this.gauges = gauges;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    Pass pass = exchange.getProperty(Reconcile.PASS, Pass.class);
    if (ObjectHelper.getException(WriteFence.LeadershipLostException.class, failure) != null) {
      LOG.info("A pass stopped before writing: {}", failure.getMessage());
      return;
    }
    if (pass == null) {
      LOG.error("A pass failed before it began", failure);
      return;
    }
    String message = failure == null ? "unknown failure"
        : failure.getClass().getSimpleName() + ": " + EjectWithinFloor.message(failure);
    pass.supervision.failure = "the last pass failed, and changed nothing more: " + message;
    if (pass.supervision.news("failure", message)) {
      LOG.warn("BreakerConfig {}: {}", pass.supervision.key(), pass.supervision.failure);
      LOG.debug("BreakerConfig {}: pass failure", pass.supervision.key(), failure);
    }
    if (pass.config == null || pass.finished) {
      return;
    }
    try {
      WriteStatus.write(pass, writer, gauges, clock.instant());
    } catch (Throwable alsoFailed) {
      LOG.debug("BreakerConfig {}: the status could not be written either", pass.supervision.key(), alsoFailed);
    }
  }
}
