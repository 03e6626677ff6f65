package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.ClusterCache;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.decision.FleetView;
import io.kubervisor.decision.PodView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pass's view of its Service's pods, and the decision core's view of the same. */
final class Fleets {

  private Fleets() {}

  /** The pods as this replica knows them now: the cache, with its own writes the cache has not shown yet. */
  static void refresh(Pass pass, ClusterCache cache, Instant now) {
    List<CachedPod> cached = pass.service == null ? List.of() : cache.selectedPods(pass.service).stream()
        .filter(pod -> !pod.terminating()).toList();
    pass.pods = pass.supervision.ownWrites.overlay(cached, now);
    pass.desired = FleetSize.desired(pass.pods, cache::workload);
    pass.unlabelledTemplates = pass.pods.stream().map(pod -> FleetSize.topOwner(pod, cache::workload))
        .flatMap(Optional::stream)
        .filter(workload -> !TrafficLabels.YES.equals(workload.templateLabels().get(TrafficLabels.TRAFFIC)))
        .map(workload -> workload.kind() + " " + workload.name())
        .distinct().sorted().toList();
  }

  static FleetView view(Pass pass) {
    return new FleetView(pass.desired, pass.pods.stream().map(pod -> view(pass, pod)).toList());
  }

  private static PodView view(Pass pass, CachedPod pod) {
    boolean ours = pass.name().equals(pod.annotation(TrafficLabels.BREAKER_CONFIG));
    State state = TrafficLabels.state(pod);
    return new PodView(pod.name(), state, pod.managed(), ours ? pod.annotation(TrafficLabels.BREAKER) : null,
        ours ? TrafficLabels.instant(pod, TrafficLabels.BROKEN_AT) : null, ours ? TrafficLabels.retries(pod) : 0,
        ours ? TrafficLabels.instant(pod, TrafficLabels.RESTORED_AT) : null,
        "true".equals(pod.annotation(TrafficLabels.RESUME)));
  }
}
