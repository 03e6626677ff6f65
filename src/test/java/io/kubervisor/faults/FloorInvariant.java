package io.kubervisor.faults;

import io.kubervisor.analysis.Floor;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.time.Instant;
import java.util.Map;

/**
 * (a) The Service's ready endpoints never fall below the floor, at any event. The floor is the lower of the
 * BreakerConfig's {@code status.floor} and the floor its breakers give for the Deployment's replicas now: a scale moves
 * the replicas before the operator writes the status, and neither lag is a breach. Armed once the endpoints first reach
 * the floor, so a fleet still joining traffic is not below it; without a BreakerConfig there is no floor.
 */
final class FloorInvariant implements Invariant {

  static final String NAME = "floor";

  /** The fewest ready endpoints since the invariant was armed, the floor then, and when. */
  record Lowest(int readyEndpoints, int floor, Instant at) {}

  private boolean armed;
  private Lowest lowest;

  @Override
  public void check(ObservedState state, Instant now, Breaches breaches) {
    int ready = state.readyEndpoints().size();
    int floor = floor(state);
    armed = armed || floor > 0 && ready >= floor;
    if (!armed) {
      return;
    }
    if (lowest == null || ready < lowest.readyEndpoints()) {
      lowest = new Lowest(ready, floor, now);
    }
    breaches.update(NAME, ready < floor
        ? Map.of(NAME, ready + " ready endpoints, below the floor of " + floor + ": " + state.readyEndpoints())
        : Map.of(), now);
  }

  @Override
  public boolean settled() {
    return true;
  }

  boolean armed() {
    return armed;
  }

  /** Null until armed. */
  Lowest lowest() {
    return lowest;
  }

  private static int floor(ObservedState state) {
    BreakerConfig config = state.breakerConfig().orElse(null);
    if (config == null) {
      return 0;
    }
    int ofReplicas = state.replicas().map(replicas -> config.getSpec().breakers.stream()
        .mapToInt(b -> Floor.floor(replicas, b.minPodsAvailableCount, b.minPodsAvailableRatio)).max().orElse(0))
        .orElse(Integer.MAX_VALUE);
    Integer reported = config.getStatus() == null ? null : config.getStatus().floor;
    return reported == null ? ofReplicas : Math.min(reported, ofReplicas);
  }
}
