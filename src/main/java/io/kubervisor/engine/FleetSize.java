package io.kubervisor.engine;

import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.CachedWorkload;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fleet a Service's floor is computed from: what its workloads ask for, not what happens to be Ready. A pod that
 * is killed, crashes or turns unready leaves the floor where it was. Each workload with replicas (a Deployment, through
 * its ReplicaSets; a ReplicaSet; a StatefulSet; a DaemonSet's scheduled pods) counts its desired pods once; a pod with
 * no such workload, or one this replica cannot see, counts itself while it is Ready.
 */
final class FleetSize {

  /** Looks up a workload in the cache: ClusterCache::workload. */
  interface Workloads {
    Optional<CachedWorkload> find(String kind, String namespace, String name);
  }

  private FleetSize() {}

  static int desired(List<CachedPod> pods, Workloads workloads) {
    Set<String> counted = new HashSet<>();
    int desired = 0;
    for (CachedPod pod : pods) {
      Optional<CachedWorkload> owner = topOwner(pod, workloads);
      if (owner.isEmpty()) {
        desired += pod.managed() ? 1 : 0;
      } else if (counted.add(owner.get().kind() + "/" + owner.get().name())) {
        desired += owner.get().desiredPods();
      }
    }
    return desired;
  }

  /** The workload that sets how many pods like this one there should be: a ReplicaSet's Deployment, if it has one. */
  static Optional<CachedWorkload> topOwner(CachedPod pod, Workloads workloads) {
    if (pod.owner() == null) {
      return Optional.empty();
    }
    Optional<CachedWorkload> owner = workloads.find(pod.owner().kind(), pod.namespace(), pod.owner().name());
    if (owner.isPresent() && owner.get().owner() != null
        && CachedWorkload.DEPLOYMENT.equals(owner.get().owner().kind())) {
      Optional<CachedWorkload> deployment = workloads.find(CachedWorkload.DEPLOYMENT, pod.namespace(),
          owner.get().owner().name());
      if (deployment.isPresent()) {
        return deployment;
      }
    }
    return owner;
  }
}
