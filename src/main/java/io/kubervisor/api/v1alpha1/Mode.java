package io.kubervisor.api.v1alpha1;

/** What kubervisor does with the decisions of a BreakerConfig. */
public enum Mode {
  /** Decisions are applied to pods. */
  Enabled,
  /** Decisions are evaluated and recorded (status, Events, metrics) but no pod is touched. */
  DryRun,
  /** Nothing is evaluated and every managed pod is returned to traffic. */
  Disabled
}
