package io.kubervisor.engine;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The dispatcher's step: on the replica that leads, claims every BreakerConfig due for a pass (a change woke it, or an
 * evaluation or activator step is due) that no pass holds, and hands them over as the body. Elsewhere, none, and no
 * fleet gauge: they are the leader's, and a replica whose Lease may have lapsed does not know it still leads.
 */
public class DuePasses implements Processor {

  private final Leadership leadership;
  private final Supervisions supervisions;
  private final FleetGauges fleetGauges;
  private final Clock clock;

  DuePasses(Leadership leadership, Supervisions supervisions, FleetGauges fleetGauges, Clock clock) {
    this.leadership = leadership;
    this.supervisions = supervisions;
    this.fleetGauges = fleetGauges;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    if (leadership.term() == null) {
      fleetGauges.forgetAll();
      exchange.getIn().setBody(List.of());
    } else {
      exchange.getIn().setBody(supervisions.claimDue(clock.instant()));
    }
  }
}
