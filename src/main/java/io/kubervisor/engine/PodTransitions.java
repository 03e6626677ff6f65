package io.kubervisor.engine;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubervisor.analysis.BreakerThreshold;
import io.kubervisor.analysis.Numbers;
import io.kubervisor.analysis.Verdict;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.EventRecorder;
import io.kubervisor.cluster.PodKiller;
import io.kubervisor.cluster.PodPatcher;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The ways a pass moves a pod between traffic states, each one merge patch of kubervisor's own keys checked against the
 * pass's leadership term, then remembered as the pass's own write, logged, counted and reported as an Event.
 *
 * <p>One pod's failure never stops the others: a pod gone (404) or changed since it was read (409) is decided again by
 * the next pass, a refusal for lack of RBAC (403) reaches the status, and any other error is logged once and retried by
 * the next pass. Only a lost leadership ends the pass.
 */
class PodTransitions {

  private static final Logger LOG = LoggerFactory.getLogger(PodTransitions.class);
  private static final int MAX_ANNOTATION_LENGTH = 1024;

  private final PodPatcher patcher;
  private final PodKiller killer;
  private final EventRecorder events;
  private final PassMetrics metrics;
  private final Clock clock;

  PodTransitions(PodPatcher patcher, PodKiller killer, EventRecorder events, PassMetrics metrics, Clock clock) {
    this.patcher = patcher;
    this.killer = killer;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Out of traffic: the breaker's verdict recorded on the pod, its retry count raised. */
  boolean eject(Pass pass, CachedPod pod, BreakerSpec breaker, Verdict verdict) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(TrafficLabels.BROKEN_AT, clock.instant().toString());
    annotations.put(TrafficLabels.BREAKER, breaker.name);
    annotations.put(TrafficLabels.BREAKER_CONFIG, pass.name());
    annotations.put(TrafficLabels.RESTORED_AT, null);
    annotations.put(TrafficLabels.RESUME, null);
    annotations.put(TrafficLabels.RETRIES, String.valueOf(TrafficLabels.retries(pod) + 1));
    annotations.put(TrafficLabels.REASON, truncate(verdict.reason()));
    annotations.put(TrafficLabels.VALUE, Numbers.format(verdict.value()));
    CachedPod patched = write(pass, pod, TrafficLabels.NO, annotations, "take pods out of traffic");
    if (patched == null) {
      return false;
    }
    metrics.count("break", pass.namespace(), pass.name());
    DecisionLog.log(LOG, Level.INFO, "action", "break", "namespace", pass.namespace(), "service",
        pass.config.getSpec().service, "pod", pod.name(), "breakerconfig", pass.name(), "breaker", breaker.name,
        "value", Numbers.format(verdict.value()), "threshold", BreakerThreshold.of(breaker), "reason",
        verdict.reason());
    String message = "Taken out of traffic by breaker " + breaker.name + ": " + verdict.reason();
    events.record(pass.term, patched, "Warning", "OutOfTraffic", message);
    events.record(pass.term, pass.config, "Warning", "PodOutOfTraffic", "Pod " + pod.name() + ": " + message);
    return true;
  }

  /** Back to traffic with kubervisor's annotations removed: the pod leaves kubervisor's care with a clean record. */
  boolean release(Pass pass, CachedPod pod, String why, String counted) {
    return transition(pass, pod, TrafficLabels.YES, cleared(), "Normal", "BackInTraffic", why, counted);
  }

  /** Back to traffic for another try; the retry count stays until the pod has been healthy for resetAfter. */
  boolean retry(Pass pass, CachedPod pod) {
    return transition(pass, pod, TrafficLabels.YES, Map.of(TrafficLabels.RESTORED_AT, clock.instant().toString()),
        "Normal", "BackInTraffic", "Returned to traffic for retry " + TrafficLabels.retries(pod), "restore");
  }

  boolean pause(Pass pass, CachedPod pod) {
    return transition(pass, pod, TrafficLabels.PAUSE, Map.of(), "Warning", "Paused", "Paused for investigation after "
        + TrafficLabels.retries(pod) + " breaks; annotate " + TrafficLabels.RESUME + "=true to resume it", "pause");
  }

  /** Forgets old failures of a pod that stayed healthy in traffic; no traffic change. */
  boolean forgetRetries(Pass pass, CachedPod pod) {
    return transition(pass, pod, null, cleared(), "Normal", "RetriesReset", "Healthy in traffic since "
        + pod.annotation(TrafficLabels.RESTORED_AT) + "; retry count reset", null);
  }

  /** A pod of the Service without the traffic label joins traffic: the safety net for pods born without it. */
  boolean labelOnSight(Pass pass, CachedPod pod) {
    return transition(pass, pod, TrafficLabels.YES, Map.of(), "Normal", "InTraffic",
        "Labelled " + TrafficLabels.TRAFFIC + "=" + TrafficLabels.YES + " on sight", null);
  }

  /**
   * Evicts the pod (or deletes it, when asked), so its controller replaces it.
   *
   * @return false when a PodDisruptionBudget refused the eviction, or the call failed: the next pass tries again
   */
  boolean kill(Pass pass, CachedPod pod, boolean delete, String why) {
    String verb = delete ? "Deleted" : "Evicted";
    try {
      if (delete) {
        killer.delete(pass.term, pod);
      } else if (!killer.evict(pass.term, pod)) {
        String refusal = "EvictionRefused: a PodDisruptionBudget forbids evicting the pod now; kept out of traffic and"
            + " retried";
        if (pass.supervision.activatorMessage(pod.name(), refusal)) {
          metrics.count("eviction_refused", pass.namespace(), pass.name());
          DecisionLog.log(LOG, Level.WARN, "action", "EvictionRefused", "namespace", pod.namespace(), "pod", pod.name(),
              "breakerconfig", pass.name(), "reason", refusal);
          events.record(pass.term, pod, "Warning", "EvictionRefused", refusal);
          events.record(pass.term, pass.config, "Warning", "EvictionRefused", "Pod " + pod.name() + ": " + refusal);
        }
        return false;
      }
    } catch (KubernetesClientException e) {
      failed(pass, pod, delete ? "delete" : "evict", e, "evict or delete pods");
      return false;
    }
    pass.supervision.ownWrites.killed(pod, clock.instant());
    pass.supervision.activatorMessage(pod.name(), null);
    pass.supervision.news(Supervision.POD_TOPIC + pod.name(), null);
    metrics.count("kill", pass.namespace(), pass.name());
    DecisionLog.log(LOG, Level.INFO, "action", verb, "namespace", pod.namespace(), "pod", pod.name(), "breakerconfig",
        pass.name(), "reason", why);
    events.record(pass.term, pod, "Warning", verb, verb + ": " + why);
    events.record(pass.term, pass.config, "Warning", verb, "Pod " + pod.name() + " " + verb.toLowerCase() + ": " + why);
    return true;
  }

  /** An Event on the pod and on the BreakerConfig, with no change: a DryRun decision. */
  void report(Pass pass, CachedPod pod, String type, String reason, String message) {
    events.record(pass.term, pod, type, reason, message);
    events.record(pass.term, pass.config, type, reason, "Pod " + pod.name() + ": " + message);
  }

  private boolean transition(Pass pass, CachedPod pod, String traffic, Map<String, String> annotations, String type,
      String reason, String message, String counted) {
    CachedPod patched = write(pass, pod, traffic, annotations, "change pods");
    if (patched == null) {
      return false;
    }
    if (counted != null) {
      metrics.count(counted, pass.namespace(), pass.name());
    }
    DecisionLog.log(LOG, Level.INFO, "action", reason, "namespace", pod.namespace(), "pod", pod.name(),
        "breakerconfig", pass.finished ? null : pass.name(), "traffic",
        traffic == null ? String.valueOf(TrafficLabels.state(pod)) : traffic, "reason", message);
    events.record(pass.term, patched, type, reason, message);
    if (pass.config != null) {
      events.record(pass.term, pass.config, type, reason, "Pod " + pod.name() + ": " + message);
    }
    return true;
  }

  /**
   * The patch, remembered as the pass's own write. A stale copy is re-read once for an ejection, which must still find
   * the pod in traffic and managed; any other transition is decided again by the next pass.
   *
   * @return the pod as written, or null when nothing was written
   */
  private CachedPod write(Pass pass, CachedPod pod, String traffic, Map<String, String> annotations, String doing) {
    Instant now = clock.instant();
    try {
      CachedPod patched;
      try {
        patched = patcher.patch(pass.term, pod, traffic, annotations);
      } catch (PodPatcher.StalePodException stale) {
        CachedPod fresh = TrafficLabels.NO.equals(traffic) ? patcher.fresh(pod) : null;
        if (fresh == null || TrafficLabels.state(fresh) != State.InTraffic || !fresh.managed()) {
          LOG.debug("{}; deciding again on the next pass", stale.getMessage());
          return null;
        }
        pod = fresh;
        patched = patcher.patch(pass.term, pod, traffic, annotations);
      }
      pass.supervision.ownWrites.patched(pod, patched, now);
      pass.supervision.news(Supervision.POD_TOPIC + pod.name(), null);
      return patched;
    } catch (PodPatcher.StalePodException stale) {
      LOG.debug("{}; deciding again on the next pass", stale.getMessage());
      return null;
    } catch (KubernetesClientException e) {
      failed(pass, pod, "patch", e, doing);
      return null;
    }
  }

  /** A write failed for this pod only: reported (RBAC in the status), logged once, and retried by the next pass. */
  private void failed(Pass pass, CachedPod pod, String verb, KubernetesClientException e, String doing) {
    if (e.getCode() == 404) {
      LOG.debug("Pod {} is gone; nothing to {}", pod, verb);
      pass.supervision.news(Supervision.POD_TOPIC + pod.name(), null);
      return;
    }
    if (Forbidden.is(e)) {
      String refusal = Forbidden.message(doing, e);
      if (pass.supervision.refused(refusal, clock.instant())) {
        LOG.error("BreakerConfig {}: {}", pass.supervision.key(), refusal);
      }
      return;
    }
    String message = "could not " + verb + " the pod: HTTP " + e.getCode() + " " + e.getMessage();
    pass.supervision.activatorMessage(pod.name(), message);
    if (pass.supervision.news(Supervision.POD_TOPIC + pod.name(), message)) {
      LOG.warn("BreakerConfig {}: pod {}: {}; the next pass tries again", pass.supervision.key(), pod.name(), message);
    }
  }

  private static Map<String, String> cleared() {
    Map<String, String> annotations = new HashMap<>();
    TrafficLabels.ANNOTATIONS.forEach(a -> annotations.put(a, null));
    return annotations;
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ANNOTATION_LENGTH ? text : text.substring(0, MAX_ANNOTATION_LENGTH - 3) + "...";
  }
}
