package io.kubervisor.decision;

import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.time.Instant;

/**
 * A pod of the supervised Service as one pass sees it. The decision core reads nothing else, so it runs the same on
 * the live cluster and on a replay of history.
 *
 * @param managed Running, Ready and not terminating: the only pods that serve, and that kubervisor moves
 * @param breaker the breaker of this BreakerConfig that took it out, or null
 * @param brokenAt when it was last taken out, or null
 * @param retries how many times it was broken since its count was last reset
 * @param restoredAt when the activator last returned it, or null
 * @param resumeRequested a user asked to resume it (it is paused)
 */
public record PodView(String name, State state, boolean managed, String breaker, Instant brokenAt, int retries,
    Instant restoredAt, boolean resumeRequested) {

  public boolean inTraffic() {
    return managed && state == State.InTraffic;
  }

  /** In traffic again for a retry after {@code breakerName} broke it, its retry count not reset yet. */
  public boolean onRetryAfter(String breakerName) {
    return state == State.InTraffic && restoredAt != null && breakerName.equals(breaker);
  }
}
