package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubervisor.activator.ActivatorAction;
import io.kubervisor.activator.ActivatorPolicy;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.BreakerEvaluation.Outcome;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.api.v1alpha1.Conditions.Reasons;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Computes a BreakerConfig's status from the cached cluster and the latest evaluations. Pure: no I/O. */
final class StatusBuilder {

  private StatusBuilder() {}

  static BreakerConfigStatus build(BreakerConfig config, Optional<Service> service, List<Pod> selectedPods,
      Supervision supervision, Instant now) {
    BreakerConfigStatus previous = config.getStatus();
    BreakerConfigStatus status = new BreakerConfigStatus();
    status.observedGeneration = config.getMetadata().getGeneration();

    List<Pod> managed = selectedPods.stream().filter(ServicePods::isManaged).toList();
    status.managed = managed.size();
    status.inTraffic = count(managed, State.InTraffic);
    status.broken = count(managed, State.Broken);
    status.paused = count(managed, State.Paused);
    status.unknown = count(managed, State.Unknown);
    status.pods = managed.stream()
        .filter(pod -> TrafficLabels.state(pod) != State.InTraffic)
        .map(pod -> podStatus(pod, config, supervision, now))
        .sorted(Comparator.comparing(p -> p.name))
        .toList();
    status.lastEvaluation = supervision.evaluations();
    status.dryRun = config.getSpec().mode == Mode.DryRun ? supervision.dryRunDecisions() : List.of();
    status.conditions = conditions(config, service, supervision, previous, now);
    return status;
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> conditions(BreakerConfig config,
      Optional<Service> service, Supervision supervision, BreakerConfigStatus previous, Instant now) {
    ConditionSet conditions = new ConditionSet(previous == null ? null : previous.conditions, now,
        config.getMetadata().getGeneration());
    String serviceName = config.getSpec().service;

    conditions.set(Conditions.CONFLICT, supervision.conflict(),
        supervision.conflict() ? Reasons.SERVICE_CLAIMED : Reasons.NO_CONFLICT,
        supervision.conflict() ? supervision.conflictMessage() : "No other BreakerConfig supervises " + serviceName);

    conditions.set(Conditions.SERVICE_FOUND, service.isPresent(),
        service.isPresent() ? Reasons.SERVICE_EXISTS : Reasons.SERVICE_NOT_FOUND,
        service.isPresent() ? "Service " + serviceName + " found"
            : "Service " + serviceName + " not found in namespace " + config.getMetadata().getNamespace());

    List<BreakerEvaluation> failed = supervision.evaluations().stream()
        .filter(e -> e.outcome != Outcome.Evaluated).toList();
    conditions.set(Conditions.DETECTORS_HEALTHY, failed.isEmpty(),
        failed.isEmpty() ? Reasons.DETECTOR_OK
            : failed.stream().anyMatch(e -> e.outcome == Outcome.CredentialsUnavailable)
                ? Reasons.CREDENTIALS_UNAVAILABLE
            : failed.stream().anyMatch(e -> e.outcome == Outcome.DetectorError) ? Reasons.DETECTOR_ERROR
            : Reasons.NO_DATA,
        failed.isEmpty() ? "Every detector answered at its last evaluation"
            : failed.stream().map(e -> e.breaker + ": " + e.error).collect(Collectors.joining("; ")));

    int spared = supervision.evaluations().stream().mapToInt(e -> e.spared == null ? 0 : e.spared).sum();
    conditions.set(Conditions.FLEET_DEGRADED, spared > 0,
        spared > 0 ? Reasons.FLOOR_REACHED : Reasons.FLEET_HEALTHY,
        spared > 0 ? spared + " anomalous pod(s) kept in traffic to hold the floor"
            : "No anomalous pod had to be kept in traffic");

    boolean ready;
    String reason;
    String message;
    String refusal = supervision.refusal(now);
    if (supervision.problem() != null) {
      ready = false;
      reason = supervision.problemReason();
      message = supervision.problem();
    } else if (refusal != null) {
      ready = false;
      reason = Reasons.FORBIDDEN;
      message = refusal;
    } else if (supervision.conflict()) {
      ready = false;
      reason = Reasons.SERVICE_CLAIMED;
      message = supervision.conflictMessage();
    } else if (service.isEmpty()) {
      ready = false;
      reason = Reasons.SERVICE_NOT_FOUND;
      message = "Waiting for Service " + serviceName;
    } else if (config.getSpec().mode == Mode.Disabled) {
      ready = true;
      reason = Reasons.DISABLED;
      message = "Disabled: nothing is evaluated and every pod is in traffic";
    } else if (config.getSpec().mode == Mode.DryRun) {
      ready = true;
      reason = Reasons.DRY_RUN;
      message = "Evaluating without touching pods";
    } else {
      ready = true;
      reason = Reasons.RUNNING;
      message = config.getSpec().breakers.size() + " breaker(s) running";
    }
    conditions.set(Conditions.READY, ready, reason, message);
    return conditions.build();
  }

  private static PodStatus podStatus(Pod pod, BreakerConfig config, Supervision supervision, Instant now) {
    PodStatus status = new PodStatus();
    status.nextRetry = nextRetry(pod, config, now);
    status.activator = supervision.activatorMessage(pod.getMetadata().getName());
    status.name = pod.getMetadata().getName();
    status.state = TrafficLabels.state(pod);
    status.breaker = TrafficLabels.annotation(pod, TrafficLabels.BREAKER);
    status.since = TrafficLabels.annotation(pod, TrafficLabels.BROKEN_AT);
    status.retries = TrafficLabels.retries(pod);
    status.reason = TrafficLabels.annotation(pod, TrafficLabels.REASON);
    status.value = TrafficLabels.annotation(pod, TrafficLabels.VALUE);
    return status;
  }

  /** When the breaker's activator will act on a broken pod; none for a paused pod, which waits for a user. */
  private static String nextRetry(Pod pod, BreakerConfig config, Instant now) {
    String breakerName = TrafficLabels.annotation(pod, TrafficLabels.BREAKER);
    String brokenAt = TrafficLabels.annotation(pod, TrafficLabels.BROKEN_AT);
    if (TrafficLabels.state(pod) != State.Broken || brokenAt == null) {
      return null;
    }
    return config.getSpec().breakers.stream().filter(b -> b.name.equals(breakerName)).findFirst()
        .map(breaker -> {
          try {
            return ActivatorPolicy.decide(Activate.effective(config, breaker), State.Broken, Instant.parse(brokenAt),
                TrafficLabels.retries(pod), null, false, 0, now);
          } catch (RuntimeException unparsable) {
            return null;
          }
        })
        .filter(ActivatorAction.Wait.class::isInstance)
        .map(wait -> ((ActivatorAction.Wait) wait).due())
        .map(Instant::toString)
        .orElse(null);
  }

  private static int count(List<Pod> pods, State state) {
    return (int) pods.stream().filter(pod -> TrafficLabels.state(pod) == state).count();
  }
}
