package io.kubervisor.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The supervised world as the test's own watches deliver it, one event at a time: built from the events themselves,
 * not from an informer's store, which may already be ahead of the event being handled. It also counts the events and
 * the traffic moves they show. Not thread-safe: {@link Invariants} feeds and reads it under its lock.
 */
final class ObservedState {

  private final Map<String, Pod> pods = new HashMap<>();
  private final Map<String, EndpointSlice> slices = new HashMap<>();
  private Set<String> readyEndpoints = Set.of();
  private BreakerConfig breakerConfig;
  private Instant breakerConfigDeletedAt;
  private Deployment deployment;
  private Service service;
  private long events;
  private long ejections;
  private long restores;
  private long pauses;

  /** A pod added or changed, or deleted when {@code current} is null. */
  void pod(String name, Pod current) {
    Pod previous = current == null ? pods.remove(name) : pods.put(name, current);
    events++;
    String from = previous == null ? null : traffic(previous);
    String to = current == null ? null : traffic(current);
    if (previous == null || current == null || Objects.equals(from, to)) {
      return;
    }
    if (TrafficLabels.NO.equals(to)) {
      ejections++;
    } else if (TrafficLabels.PAUSE.equals(to)) {
      pauses++;
    } else if (TrafficLabels.YES.equals(to)) {
      restores++;
    }
  }

  void slice(String name, EndpointSlice current) {
    if (current == null) {
      slices.remove(name);
    } else {
      slices.put(name, current);
    }
    events++;
    readyEndpoints = slices.values().stream()
        .filter(slice -> slice.getEndpoints() != null)
        .flatMap(slice -> slice.getEndpoints().stream())
        // No ready condition means ready, as the EndpointSlice API says; a terminating pod is never ready.
        .filter(endpoint -> endpoint.getConditions() == null
            || !Boolean.FALSE.equals(endpoint.getConditions().getReady()))
        .filter(endpoint -> endpoint.getTargetRef() != null)
        .map(endpoint -> endpoint.getTargetRef().getName())
        .collect(Collectors.toUnmodifiableSet());
  }

  void breakerConfig(BreakerConfig current, Instant now) {
    events++;
    breakerConfig = current;
    breakerConfigDeletedAt = current == null ? now : null;
  }

  void deployment(Deployment current) {
    events++;
    deployment = current;
  }

  void service(Service current) {
    events++;
    service = current;
  }

  Collection<Pod> pods() {
    return pods.values();
  }

  /** The pods of the Service's ready endpoints. */
  Set<String> readyEndpoints() {
    return readyEndpoints;
  }

  Optional<BreakerConfig> breakerConfig() {
    return Optional.ofNullable(breakerConfig);
  }

  /** When the watch saw the BreakerConfig go, its finalizer done; null while it exists, or before it ever did. */
  Instant breakerConfigDeletedAt() {
    return breakerConfigDeletedAt;
  }

  /** The Deployment's replicas; empty before it is seen. */
  Optional<Integer> replicas() {
    return Optional.ofNullable(deployment).map(d -> d.getSpec().getReplicas());
  }

  /** Whether the Service selects the pod, its traffic key aside; false before the Service is seen. */
  boolean selected(Pod pod) {
    Map<String, String> selector = service == null ? Map.of() : ServicePods.selector(service);
    return !selector.isEmpty() && ServicePods.matches(selector, pod.getMetadata().getLabels());
  }

  long events() {
    return events;
  }

  long ejections() {
    return ejections;
  }

  long restores() {
    return restores;
  }

  long pauses() {
    return pauses;
  }

  static String traffic(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(TrafficLabels.TRAFFIC);
  }

  static boolean terminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  /** Labelled out of traffic by a decision: no, or pause. */
  static boolean outOfTraffic(Pod pod) {
    String traffic = traffic(pod);
    return TrafficLabels.NO.equals(traffic) || TrafficLabels.PAUSE.equals(traffic);
  }
}
