package io.kubervisor.decision;

import io.kubervisor.api.v1alpha1.PodStatus.State;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The supervised Service's pods and the size its fleet should have.
 *
 * @param desired the pods the Service's workloads ask for (their replicas); a pod killed or turning unready does not
 *     shrink it, so neither does the floor computed from it
 * @param pods its pods, terminating ones left out
 */
public record FleetView(int desired, List<PodView> pods) {

  public FleetView {
    pods = List.copyOf(pods);
  }

  /** Pods the fleet lacks to be whole: killed and not yet replaced, or not Ready. */
  public int missing() {
    return Math.max(0, desired - (int) pods.stream().filter(PodView::managed).count());
  }

  /** The pods back in traffic on a retry after this breaker broke them: they need no streak of anomalies. */
  public Set<String> onRetryAfter(String breaker) {
    return pods.stream().filter(pod -> pod.onRetryAfter(breaker)).map(PodView::name).collect(Collectors.toSet());
  }

  public int paused() {
    return (int) pods.stream().filter(pod -> pod.state() == State.Paused).count();
  }
}
