package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What kubervisor keeps of a pod: what a decision reads, and nothing else. A fabric8 Pod holds its spec, managed fields
 * and every annotation, about 25 KiB for a small pod; this keeps its labels, kubervisor's own annotations, its
 * controller and its readiness, a few hundred bytes.
 *
 * @param annotations only kubervisor's ({@link TrafficLabels#ANNOTATIONS})
 * @param owner the controller owner reference, or null
 * @param deletionTimestamp set once the pod is terminating
 * @param ready Running with the Ready condition True
 * @param readySince when Ready last turned True; null if unknown
 */
public record CachedPod(String namespace, String name, String uid, String resourceVersion, Map<String, String> labels,
    Map<String, String> annotations, Owner owner, String deletionTimestamp, boolean ready, Instant readySince) {

  /** A controller of a pod or of a ReplicaSet. */
  public record Owner(String kind, String name) {}

  // The pods of one ReplicaSet have the same labels and owner, and a rollout's pods turn Ready in the same second.
  private static final WeakInterner<Map<String, String>> LABELS = new WeakInterner<>();
  private static final WeakInterner<Owner> OWNERS = new WeakInterner<>();
  private static final WeakInterner<Instant> INSTANTS = new WeakInterner<>();

  public CachedPod {
    labels = labels == null ? Map.of() : labels;
    annotations = annotations == null ? Map.of() : annotations;
  }

  public static CachedPod of(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    PodStatus status = pod.getStatus();
    PodCondition readyCondition = status == null || status.getConditions() == null ? null
        : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    boolean ready = status != null && "Running".equals(status.getPhase()) && readyCondition != null
        && "True".equals(readyCondition.getStatus());
    Map<String, String> ours = new HashMap<>();
    if (meta.getAnnotations() != null) {
      for (String key : TrafficLabels.ANNOTATIONS) {
        String value = meta.getAnnotations().get(key);
        if (value != null) {
          ours.put(key, value);
        }
      }
    }
    return new CachedPod(Strings.intern(meta.getNamespace()), meta.getName(), meta.getUid(), meta.getResourceVersion(),
        LABELS.intern(Strings.intern(meta.getLabels())), Map.copyOf(ours), controller(meta.getOwnerReferences()),
        meta.getDeletionTimestamp(), ready, ready ? INSTANTS.intern(instant(readyCondition.getLastTransitionTime()))
        : null);
  }

  static Owner controller(List<OwnerReference> owners) {
    if (owners == null) {
      return null;
    }
    return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
        .map(o -> OWNERS.intern(new Owner(Strings.intern(o.getKind()), Strings.intern(o.getName())))).orElse(null);
  }

  /** Back to a fabric8 Pod with the same fields, for the informer's own bookkeeping. */
  WatchedPod toPod() {
    WatchedPod pod = new WatchedPod();
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace(namespace);
    meta.setName(name);
    meta.setUid(uid);
    meta.setResourceVersion(resourceVersion);
    meta.setLabels(new HashMap<>(labels));
    meta.setAnnotations(new HashMap<>(annotations));
    meta.setDeletionTimestamp(deletionTimestamp);
    if (owner != null) {
      OwnerReference reference = new OwnerReference();
      reference.setKind(owner.kind());
      reference.setName(owner.name());
      reference.setController(true);
      meta.setOwnerReferences(List.of(reference));
    }
    pod.setMetadata(meta);
    PodStatus status = new PodStatus();
    status.setPhase(ready ? "Running" : null);
    if (ready) {
      PodCondition condition = new PodCondition();
      condition.setType("Ready");
      condition.setStatus("True");
      condition.setLastTransitionTime(readySince == null ? null : readySince.toString());
      status.setConditions(List.of(condition));
    }
    pod.setStatus(status);
    return pod;
  }

  public boolean terminating() {
    return deletionTimestamp != null;
  }

  /** Running, Ready and not terminating: the pods that can serve, and the only ones kubervisor moves. */
  public boolean managed() {
    return ready && !terminating();
  }

  public String annotation(String key) {
    return annotations.get(key);
  }

  public String label(String key) {
    return labels.get(key);
  }

  /** The same pod with another traffic label and kubervisor annotations, as a merge patch would leave it. */
  public CachedPod with(String resourceVersion, String traffic, Map<String, String> annotationChanges) {
    Map<String, String> newLabels = labels;
    if (traffic != null) {
      newLabels = new HashMap<>(labels);
      newLabels.put(TrafficLabels.TRAFFIC, traffic);
      newLabels = LABELS.intern(Map.copyOf(newLabels));
    }
    Map<String, String> newAnnotations = new HashMap<>(annotations);
    annotationChanges.forEach((key, value) -> {
      if (value == null) {
        newAnnotations.remove(key);
      } else {
        newAnnotations.put(key, value);
      }
    });
    return new CachedPod(namespace, name, uid, resourceVersion, newLabels, Map.copyOf(newAnnotations), owner,
        deletionTimestamp, ready, readySince);
  }

  @Override
  public String toString() {
    return namespace + "/" + name + "@" + resourceVersion;
  }

  private static Instant instant(String timestamp) {
    try {
      return timestamp == null ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
