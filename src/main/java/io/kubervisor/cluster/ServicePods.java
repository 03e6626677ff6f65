package io.kubervisor.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;

/** Which pods a Service's selector picks, ignoring the traffic key kubervisor itself adds to it. */
public final class ServicePods {

  private ServicePods() {}

  /** The selector without {@link TrafficLabels#TRAFFIC}; empty when the Service selects nothing by itself. */
  public static Map<String, String> selector(Service service) {
    Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null) {
      return Map.of();
    }
    return selector.entrySet().stream()
        .filter(e -> !TrafficLabels.TRAFFIC.equals(e.getKey()))
        .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Pods the selector picks, not being deleted; an empty selector picks none (a Service without one has no pods). */
  public static List<Pod> selected(Service service, List<Pod> podsInNamespace) {
    Map<String, String> selector = selector(service);
    if (selector.isEmpty()) {
      return List.of();
    }
    return podsInNamespace.stream()
        .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .filter(pod -> matches(selector, pod.getMetadata().getLabels()))
        .toList();
  }

  /** Managed pods: Running and Ready. Only they count in the fleet and its floor. */
  public static boolean isManaged(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** When the pod last became Ready; the epoch if unknown, so a pod of unknown age is not held back. */
  public static java.time.Instant readySince(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null ? java.time.Instant.EPOCH
        : pod.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
            .map(c -> c.getLastTransitionTime())
            .filter(java.util.Objects::nonNull)
            .map(java.time.Instant::parse)
            .findFirst()
            .orElse(java.time.Instant.EPOCH);
  }

  /**
   * Whether the Service picks a pod with these labels: {@link #matches} of a non-empty {@link #selector}, without
   * building it. Every pod event asks it of every BreakerConfig of the namespace, 10,000 times as the caches sync.
   */
  public static boolean selects(Service service, Map<String, String> labels) {
    Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || labels == null) {
      return false;
    }
    boolean selectsByItself = false;
    for (Map.Entry<String, String> term : selector.entrySet()) {
      if (TrafficLabels.TRAFFIC.equals(term.getKey())) {
        continue;
      }
      if (!term.getValue().equals(labels.get(term.getKey()))) {
        return false;
      }
      selectsByItself = true;
    }
    return selectsByItself;
  }

  /** Whether labels carry every key and value of a selector. */
  public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return labels != null && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }
}
