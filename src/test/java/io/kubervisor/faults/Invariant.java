package io.kubervisor.faults;

import java.time.Instant;

/** One property the supervised world must keep through every fault, checked at every event and on a short tick. */
interface Invariant {

  /** Checks the world as the watches show it at {@code now}, and reports its subjects in breach to {@code breaches}. */
  void check(ObservedState state, Instant now, Breaches breaches);

  /** True when, at the last check, no subject was still within its grace: each was fine, or already a breach. */
  boolean settled();
}
