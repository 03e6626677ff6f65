package io.kubervisor.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.cluster.ServicePods;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * (d) Every pod that should be in traffic is a ready endpoint of the Service within the grace (one evaluation period
 * plus the watches' margin): a Ready pod the Service selects, not terminating, and not out of traffic by a decision.
 * An unlabelled pod counts too: with kubervisor gone, the Service must serve exactly as if it had never been there.
 * The check waits while the control plane is away (the EndpointSlices cannot change), and its grace starts again when
 * it is back; it does not wait for the operator, which new pods must never need.
 */
final class ServedInvariant implements Invariant {

  static final String NAME = "served";
  private static final Set<Outage> NEEDS = EnumSet.of(Outage.CONTROL_PLANE);

  private final Duration grace;
  private final Outages outages;
  /** A pod that should be served and is not: since when, and its traffic label. */
  private record Unserved(Instant since, String traffic) {}

  private final Map<String, Unserved> unserved = new HashMap<>();
  private boolean settled = true;

  ServedInvariant(Limits limits, Outages outages) {
    this.grace = limits.grace();
    this.outages = outages;
  }

  @Override
  public void check(ObservedState state, Instant now, Breaches breaches) {
    Map<String, Unserved> stillUnserved = new HashMap<>();
    for (Pod pod : state.pods()) {
      String name = pod.getMetadata().getName();
      if (shouldServe(state, pod) && !state.readyEndpoints().contains(name)) {
        Instant since = unserved.containsKey(name) ? unserved.get(name).since() : now;
        stillUnserved.put(name, new Unserved(since, ObservedState.traffic(pod)));
      }
    }
    unserved.clear();
    unserved.putAll(stillUnserved);
    Instant quiet = outages.quietSince(NEEDS);
    Map<String, String> inBreach = new HashMap<>();
    settled = true;
    unserved.forEach((pod, waiting) -> {
      Instant since = waiting.since();
      if (quiet != null && now.isAfter((since.isAfter(quiet) ? since : quiet).plus(grace))) {
        inBreach.put(pod, "should be in traffic since " + since + " (traffic label " + waiting.traffic()
            + "), and is not a ready endpoint");
      } else {
        settled = false;
      }
    });
    breaches.update(NAME, inBreach, now);
  }

  @Override
  public boolean settled() {
    return settled;
  }

  private static boolean shouldServe(ObservedState state, Pod pod) {
    return !ObservedState.terminating(pod) && ServicePods.isManaged(pod) && state.selected(pod)
        && !ObservedState.outOfTraffic(pod);
  }
}
