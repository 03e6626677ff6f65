package io.kubervisor.engine;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The dispatcher's step: on the replica that leads, claims every BreakerConfig due for a pass (a change woke it, or an
 * evaluation or activator step is due) that no pass holds, and hands them over as the body. Elsewhere, none.
 */
public class DuePasses implements Processor {

  private final Leadership leadership;
  private final Supervisions supervisions;
  private final Clock clock;

  DuePasses(Leadership leadership, Supervisions supervisions, Clock clock) {
    this.leadership = leadership;
    this.supervisions = supervisions;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    exchange.getIn().setBody(leadership.term() == null ? List.of() : supervisions.claimDue(clock.instant()));
  }
}
