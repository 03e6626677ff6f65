package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.cluster.EventRecorder;
import io.kubervisor.cluster.PodPatcher;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The ways kubervisor moves a pod between traffic states, each one merge patch of kubervisor's own keys. A transition
 * made on a stale copy of the pod is refused by the API server and returns empty: the caller's next pass, on the
 * fresh copy, decides again.
 */
class PodTransitions {

  private static final Logger LOG = LoggerFactory.getLogger(PodTransitions.class);

  private final PodPatcher patcher;
  private final EventRecorder events;
  private final Clock clock;

  PodTransitions(PodPatcher patcher, EventRecorder events, Clock clock) {
    this.patcher = patcher;
    this.events = events;
    this.clock = clock;
  }

  /** Back to traffic with kubervisor's annotations removed: the pod leaves kubervisor's care with a clean record. */
  Optional<Pod> release(Pod pod, HasMetadata config, String why) {
    Map<String, String> annotations = new HashMap<>();
    TrafficLabels.ANNOTATIONS.forEach(a -> annotations.put(a, null));
    return apply(pod, TrafficLabels.YES, annotations, config, "Normal", "BackInTraffic", why);
  }

  /** Back to traffic for another try; the retry count stays until the pod has been healthy for resetAfter. */
  Optional<Pod> retry(Pod pod, HasMetadata config) {
    return apply(pod, TrafficLabels.YES, Map.of(TrafficLabels.RESTORED_AT, Instant.now(clock).toString()), config,
        "Normal", "BackInTraffic", "Returned to traffic for retry " + TrafficLabels.retries(pod));
  }

  Optional<Pod> pause(Pod pod, HasMetadata config) {
    return apply(pod, TrafficLabels.PAUSE, Map.of(), config, "Warning", "Paused", "Paused for investigation after "
        + TrafficLabels.retries(pod) + " breaks; annotate " + TrafficLabels.RESUME + "=true to resume it");
  }

  /** Forgets old failures of a pod that stayed healthy in traffic; no traffic change. */
  Optional<Pod> forgetRetries(Pod pod, HasMetadata config) {
    Map<String, String> annotations = new HashMap<>();
    TrafficLabels.ANNOTATIONS.forEach(a -> annotations.put(a, null));
    return apply(pod, null, annotations, config, "Normal", "RetriesReset",
        "Healthy in traffic since " + TrafficLabels.annotation(pod, TrafficLabels.RESTORED_AT)
            + "; retry count reset");
  }

  /** The pod as patched, or empty when it changed since it was read. */
  Optional<Pod> apply(Pod pod, String traffic, Map<String, String> annotations, HasMetadata config, String type,
      String reason, String message) {
    try {
      Pod patched = patcher.patch(pod, traffic, annotations);
      DecisionLog.log(LOG, Level.INFO, "action", reason, "namespace", pod.getMetadata().getNamespace(), "pod",
          pod.getMetadata().getName(), "breakerconfig", config == null ? null : config.getMetadata().getName(),
          "traffic", traffic == null ? String.valueOf(TrafficLabels.state(pod)) : traffic, "reason", message);
      events.record(patched, type, reason, message);
      if (config != null) {
        events.record(config, type, reason, "Pod " + pod.getMetadata().getName() + ": " + message);
      }
      return Optional.of(patched);
    } catch (PodPatcher.StalePodException e) {
      LOG.debug("{}; deciding again on the next pass", e.getMessage());
      return Optional.empty();
    }
  }
}
