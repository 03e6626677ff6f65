package io.kubervisor.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubervisor.cluster.TrafficLabels;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads that create a Service's pods: a ReplicaSet's Deployment, a StatefulSet, a DaemonSet, a bare
 * ReplicaSet. Their pod templates decide whether new pods are born in traffic.
 */
final class Workloads {

  private Workloads() {}

  /** The workloads of these pods, each once. */
  static Collection<HasMetadata> of(List<Pod> pods, Cluster cluster) {
    Map<String, HasMetadata> workloads = new LinkedHashMap<>();
    for (Pod pod : pods) {
      controller(pod).flatMap(owner -> cluster.workload(owner.getKind(), owner.getName()))
          .map(workload -> workload instanceof ReplicaSet replicaSet ? deployment(replicaSet, cluster) : workload)
          .ifPresent(workload -> workloads.putIfAbsent(describe(workload), workload));
    }
    return workloads.values();
  }

  static boolean bornInTraffic(HasMetadata workload) {
    PodTemplateSpec template = template(workload);
    Map<String, String> labels = template == null || template.getMetadata() == null ? null
        : template.getMetadata().getLabels();
    return labels != null && TrafficLabels.YES.equals(labels.get(TrafficLabels.TRAFFIC));
  }

  /** As a user reads it: "Deployment web". */
  static String describe(HasMetadata workload) {
    return workload.getKind() + " " + workload.getMetadata().getName();
  }

  /** The merge patch that gives a workload's new pods the traffic label. */
  static String templatePatch() {
    return "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"" + TrafficLabels.TRAFFIC + "\":\"" + TrafficLabels.YES
        + "\"}}}}}";
  }

  private static HasMetadata deployment(ReplicaSet replicaSet, Cluster cluster) {
    return controller(replicaSet).filter(owner -> "Deployment".equals(owner.getKind()))
        .flatMap(owner -> cluster.workload("Deployment", owner.getName()))
        .orElse(replicaSet);
  }

  private static Optional<OwnerReference> controller(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners == null ? Optional.empty()
        : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
  }

  private static PodTemplateSpec template(HasMetadata workload) {
    if (workload instanceof Deployment d) {
      return d.getSpec().getTemplate();
    }
    if (workload instanceof ReplicaSet r) {
      return r.getSpec().getTemplate();
    }
    if (workload instanceof StatefulSet s) {
      return s.getSpec().getTemplate();
    }
    return workload instanceof DaemonSet d ? d.getSpec().getTemplate() : null;
  }
}
