package io.kubervisor.faults;

/**
 * What a fault takes away for a while. The checks that depend on it wait while it is away, and their grace starts
 * again when it is back: see {@link Invariants#outage(Outage)}.
 */
public enum Outage {
  /** No operator leads: nothing writes the status, and no pod is moved. */
  OPERATOR,
  /** The API server is away: nothing can write, and the EndpointSlices cannot follow the pods. */
  CONTROL_PLANE
}
