package io.kubervisor.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (c) Once the BreakerConfig's deletion has completed (its finalizer done, the object gone), none of its pods (those
 * its Service selects, and those it annotated as its own) carries a {@code kubervisor.io/} annotation. The operator
 * cleans the pods before it removes the finalizer; the margin is only for the pod watch to deliver those patches after
 * the BreakerConfig's deletion, which another watch delivers.
 */
final class CleanDeletionInvariant implements Invariant {

  static final String NAME = "clean-deletion";
  private static final String PREFIX = "kubervisor.io/";

  private final String breakerConfig;
  private final Duration margin;
  private boolean settled = true;

  CleanDeletionInvariant(String breakerConfig, Limits limits) {
    this.breakerConfig = breakerConfig;
    this.margin = limits.margin();
  }

  @Override
  public void check(ObservedState state, Instant now, Breaches breaches) {
    Instant deleted = state.breakerConfigDeletedAt();
    Map<String, String> inBreach = new HashMap<>();
    settled = true;
    if (deleted != null) {
      for (Pod pod : state.pods()) {
        List<String> left = leftBehind(pod);
        if (ObservedState.terminating(pod) || left.isEmpty() || !(state.selected(pod) || ownedAnnotation(pod))) {
          continue;
        }
        if (now.isAfter(deleted.plus(margin))) {
          inBreach.put(pod.getMetadata().getName(), "BreakerConfig " + breakerConfig + " deleted at " + deleted
              + ", and the pod still carries " + left);
        } else {
          settled = false;
        }
      }
    }
    breaches.update(NAME, inBreach, now);
  }

  @Override
  public boolean settled() {
    return settled;
  }

  private boolean ownedAnnotation(Pod pod) {
    return breakerConfig.equals(TrafficLabels.annotation(pod, TrafficLabels.BREAKER_CONFIG));
  }

  private static List<String> leftBehind(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? List.of()
        : annotations.keySet().stream().filter(key -> key.startsWith(PREFIX)).sorted().toList();
  }
}
