package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Ends every pass, whatever happened in it: the BreakerConfig is released for its next pass, due at its next
 * evaluation, activator step, retried kill or status heartbeat. Changes wake it sooner.
 */
public class EndPass implements Processor {

  /** A pass that failed, or a kill held for the fleet to be whole again, is tried again this soon. */
  static final Duration RETRY = Duration.ofSeconds(10);
  /** With nothing scheduled, a BreakerConfig still gets a pass this often (its changes wake it at once). */
  static final Duration IDLE = Duration.ofMinutes(5);

  private final PassMetrics metrics;
  private final Clock clock;

  EndPass(PassMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void process(Exchange exchange) {
    Pass pass = exchange.getProperty(Reconcile.PASS, Pass.class);
    if (pass == null) {
      exchange.getIn().getBody(Supervision.class).release(clock.instant().plus(RETRY));
      return;
    }
    long nanos = System.nanoTime() - pass.startedNanos;
    pass.supervision.passes++;
    pass.supervision.lastPassMillis = nanos / 1_000_000;
    if (!pass.calls.isEmpty()) {
      metrics.evaluation(pass.namespace(), pass.name(), nanos);
    }
    pass.supervision.release(next(pass, clock.instant()));
  }

  static Instant next(Pass pass, Instant now) {
    Instant next = now.plus(IDLE);
    if (pass.supervision.failure != null || !pass.supervision.activatorMessages.isEmpty()) {
      next = earliest(next, now.plus(RETRY));
    }
    if (pass.finished || pass.config == null) {
      return next;
    }
    if (pass.running) {
      for (BreakerSpec breaker : pass.config.getSpec().breakers) {
        Instant evaluated = pass.supervision.evaluatedAt.get(breaker.name);
        next = earliest(next, evaluated == null ? now : evaluated.plus(Durations.parse(breaker.evaluationPeriod)));
      }
    }
    if (pass.activatorDue != null) {
      next = earliest(next, pass.activatorDue);
    }
    return earliest(next, StatusWriter.heartbeat(pass.supervision));
  }

  private static Instant earliest(Instant a, Instant b) {
    return b.isBefore(a) ? b : a;
  }
}
