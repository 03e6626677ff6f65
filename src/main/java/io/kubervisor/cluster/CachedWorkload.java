package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What kubervisor keeps of a pod's workload: how many pods it should have, which labels its pods are born with, and its
 * own controller (a ReplicaSet's Deployment).
 *
 * @param desiredPods spec.replicas; for a DaemonSet, the pods it should run (status.desiredNumberScheduled)
 * @param templateLabels the labels of the pod template
 * @param owner the controller owner reference, or null
 */
public record CachedWorkload(String kind, String namespace, String name, String resourceVersion, int desiredPods,
    Map<String, String> templateLabels, CachedPod.Owner owner) {

  public static final String DEPLOYMENT = "Deployment";
  public static final String REPLICA_SET = "ReplicaSet";
  public static final String STATEFUL_SET = "StatefulSet";
  public static final String DAEMON_SET = "DaemonSet";

  public CachedWorkload {
    templateLabels = templateLabels == null ? Map.of() : templateLabels;
  }

  static CachedWorkload of(HasMetadata workload) {
    ObjectMeta meta = workload.getMetadata();
    CachedPod.Owner owner = CachedPod.controller(meta.getOwnerReferences());
    if (workload instanceof Deployment d) {
      return cached(DEPLOYMENT, meta, replicas(d.getSpec().getReplicas()), d.getSpec().getTemplate(), owner);
    }
    if (workload instanceof ReplicaSet r) {
      return cached(REPLICA_SET, meta, replicas(r.getSpec().getReplicas()), r.getSpec().getTemplate(), owner);
    }
    if (workload instanceof StatefulSet s) {
      return cached(STATEFUL_SET, meta, replicas(s.getSpec().getReplicas()), s.getSpec().getTemplate(), owner);
    }
    DaemonSet daemonSet = (DaemonSet) workload;
    DaemonSetStatus status = daemonSet.getStatus();
    int desired = status == null || status.getDesiredNumberScheduled() == null ? 0 : status.getDesiredNumberScheduled();
    return cached(DAEMON_SET, meta, desired, daemonSet.getSpec().getTemplate(), owner);
  }

  private static CachedWorkload cached(String kind, ObjectMeta meta, int desired, PodTemplateSpec template,
      CachedPod.Owner owner) {
    Map<String, String> labels = template == null || template.getMetadata() == null ? null
        : template.getMetadata().getLabels();
    return new CachedWorkload(kind, Strings.intern(meta.getNamespace()), Strings.intern(meta.getName()),
        meta.getResourceVersion(), desired, Strings.intern(labels), owner);
  }

  /** An unset replicas field means one, as the API server defaults it. */
  private static int replicas(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  /** Back to a fabric8 object of the same kind with the same fields, for the informer's own bookkeeping. */
  HasMetadata toResource() {
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace(namespace);
    meta.setName(name);
    meta.setResourceVersion(resourceVersion);
    if (owner != null) {
      OwnerReference reference = new OwnerReference();
      reference.setKind(owner.kind());
      reference.setName(owner.name());
      reference.setController(true);
      meta.setOwnerReferences(List.of(reference));
    }
    PodTemplateSpec template = new PodTemplateSpec();
    template.setMetadata(new ObjectMeta());
    template.getMetadata().setLabels(new HashMap<>(templateLabels));
    HasMetadata resource = switch (kind) {
      case DEPLOYMENT -> {
        Deployment d = new Deployment();
        d.setSpec(new io.fabric8.kubernetes.api.model.apps.DeploymentSpec());
        d.getSpec().setReplicas(desiredPods);
        d.getSpec().setTemplate(template);
        yield d;
      }
      case REPLICA_SET -> {
        ReplicaSet r = new ReplicaSet();
        r.setSpec(new io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec());
        r.getSpec().setReplicas(desiredPods);
        r.getSpec().setTemplate(template);
        yield r;
      }
      case STATEFUL_SET -> {
        StatefulSet s = new StatefulSet();
        s.setSpec(new io.fabric8.kubernetes.api.model.apps.StatefulSetSpec());
        s.getSpec().setReplicas(desiredPods);
        s.getSpec().setTemplate(template);
        yield s;
      }
      default -> {
        DaemonSet d = new DaemonSet();
        d.setSpec(new io.fabric8.kubernetes.api.model.apps.DaemonSetSpec());
        d.getSpec().setTemplate(template);
        d.setStatus(new DaemonSetStatus());
        d.getStatus().setDesiredNumberScheduled(desiredPods);
        yield d;
      }
    };
    resource.setMetadata(meta);
    return resource;
  }
}
