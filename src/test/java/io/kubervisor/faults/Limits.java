package io.kubervisor.faults;

import java.time.Duration;

/**
 * How late the checks allow things to be: one evaluation period of the supervised BreakerConfig, plus a margin for the
 * watches (the operator's, the EndpointSlice controller's and the test's own) to deliver a change.
 *
 * @param evaluationPeriod the BreakerConfig's evaluation period
 * @param margin the watches' lag on top of it
 */
public record Limits(Duration evaluationPeriod, Duration margin) {

  /** On a loopback control plane, a change reaches every watch well within this, even on 2 busy cores. */
  public static final Duration WATCH_MARGIN = Duration.ofSeconds(2);

  public static Limits of(Duration evaluationPeriod) {
    return new Limits(evaluationPeriod, WATCH_MARGIN);
  }

  /** How long a pod that should be in traffic may wait to be a ready endpoint, and a status to catch up. */
  public Duration grace() {
    return evaluationPeriod.plus(margin);
  }
}
