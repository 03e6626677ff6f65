package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The last step of a pass: the status, written if a user would see a change, and the fleet gauges. */
public class WriteStatus implements Processor {

  private final StatusWriter writer;
  private final FleetGauges gauges;
  private final Clock clock;

  WriteStatus(StatusWriter writer, FleetGauges gauges, Clock clock) {
    this.writer = writer;
    this.gauges = gauges;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Pass pass = exchange.getIn().getBody(Pass.class);
    if (pass.finished) {
      return;
    }
    pass.supervision.failure = null;
    write(pass, writer, gauges, clock.instant());
  }

  static void write(Pass pass, StatusWriter writer, FleetGauges gauges, Instant now) {
    BreakerConfigStatus status = StatusBuilder.build(pass, now);
    pass.supervision.lastStatus = status;
    gauges.record(pass.namespace(), pass.name(), status);
    writer.write(pass, status, now);
  }
}
