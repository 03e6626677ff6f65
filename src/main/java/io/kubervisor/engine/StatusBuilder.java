package io.kubervisor.engine;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubervisor.activator.ActivatorAction;
import io.kubervisor.activator.ActivatorPolicy;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.api.v1alpha1.BreakerEvaluation.Outcome;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Conditions.Reasons;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.decision.BreakerRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Computes a BreakerConfig's status from a pass: its pods, the breakers' last outcomes, what went wrong. Pure. */
final class StatusBuilder {

  private StatusBuilder() {}

  static BreakerConfigStatus build(Pass pass, Instant now) {
    BreakerConfig config = pass.config;
    Supervision supervision = pass.supervision;
    BreakerConfigStatus status = new BreakerConfigStatus();
    status.observedGeneration = config.getMetadata().getGeneration();
    List<CachedPod> managed = pass.pods.stream().filter(CachedPod::managed).toList();
    status.managed = managed.size();
    status.desired = pass.desired;
    status.floor = config.getSpec().breakers.stream().mapToInt(b -> BreakerRules.of(config, b).floor(pass.desired)).max()
        .orElse(0);
    status.inTraffic = count(managed, State.InTraffic);
    status.broken = count(managed, State.Broken);
    status.paused = count(managed, State.Paused);
    status.unknown = count(managed, State.Unknown);
    status.pods = managed.stream()
        .filter(pod -> TrafficLabels.state(pod) != State.InTraffic)
        .map(pod -> podStatus(pod, pass, now))
        .sorted(Comparator.comparing(p -> p.name))
        .toList();
    status.lastEvaluation = new ArrayList<>(supervision.outcomes.values());
    status.dryRun = pass.mode() == Mode.DryRun ? supervision.dryRunDecisions() : List.of();
    status.conditions = conditions(pass, now);
    return status;
  }

  private static List<Condition> conditions(Pass pass, Instant now) {
    BreakerConfig config = pass.config;
    Supervision supervision = pass.supervision;
    ConditionSet conditions = new ConditionSet(config.getStatus() == null ? null : config.getStatus().conditions, now,
        config.getMetadata().getGeneration());
    String serviceName = config.getSpec().service;
    boolean conflict = supervision.conflict != null;
    boolean serviceFound = pass.service != null;

    conditions.set(Conditions.CONFLICT, conflict, conflict ? Reasons.SERVICE_CLAIMED : Reasons.NO_CONFLICT,
        conflict ? supervision.conflict : "No other BreakerConfig supervises " + serviceName);

    conditions.set(Conditions.SERVICE_FOUND, serviceFound,
        serviceFound ? Reasons.SERVICE_EXISTS : Reasons.SERVICE_NOT_FOUND,
        serviceFound ? "Service " + serviceName + " found"
            : "Service " + serviceName + " not found in namespace " + config.getMetadata().getNamespace());

    boolean labelled = pass.unlabelledTemplates.isEmpty();
    conditions.set(Conditions.TEMPLATES_LABELLED, labelled,
        labelled ? Reasons.BORN_IN_TRAFFIC : Reasons.TEMPLATE_LABEL_MISSING,
        labelled ? "The pods of " + serviceName + " are born with " + TrafficLabels.TRAFFIC + "=" + TrafficLabels.YES
            : String.join(", ", pass.unlabelledTemplates) + ": the pod template lacks " + TrafficLabels.TRAFFIC
                + ": \"" + TrafficLabels.YES + "\", so new pods join traffic only once the operator labels them (none"
                + " while it is down); add it: kubectl kubervisor activate " + serviceName + " --patch-template");

    List<BreakerEvaluation> failed = supervision.outcomes.values().stream()
        .filter(e -> e.outcome != Outcome.Evaluated).toList();
    List<String> partial = supervision.outcomes.values().stream()
        .filter(e -> e.outcome == Outcome.Evaluated && e.noData != null && !e.noData.isEmpty())
        .map(e -> e.breaker + ": no data for " + String.join("; ", e.noData)).toList();
    conditions.set(Conditions.DETECTORS_HEALTHY, failed.isEmpty(),
        failed.isEmpty() ? Reasons.DETECTOR_OK
            : failed.stream().anyMatch(e -> e.outcome == Outcome.CredentialsUnavailable)
                ? Reasons.CREDENTIALS_UNAVAILABLE
            : failed.stream().anyMatch(e -> e.outcome == Outcome.DetectorError) ? Reasons.DETECTOR_ERROR
            : Reasons.NO_DATA,
        failed.isEmpty()
            ? "Every detector answered at its last evaluation" + (partial.isEmpty() ? ""
                : "; pods not judged, " + String.join("; ", partial))
            : failed.stream().map(e -> e.breaker + ": " + e.error).collect(Collectors.joining("; ")));

    List<String> spared = supervision.spared;
    conditions.set(Conditions.FLEET_DEGRADED, !spared.isEmpty(),
        spared.isEmpty() ? Reasons.FLEET_HEALTHY : Reasons.FLOOR_REACHED,
        spared.isEmpty() ? "No anomalous pod had to be kept in traffic"
            : spared.size() + " anomalous pod(s) kept in traffic to hold the floor: " + String.join(", ", spared));

    String refusal = supervision.refusal(now);
    boolean ready;
    String reason;
    String message;
    if (supervision.failure != null) {
      ready = false;
      reason = Reasons.PASS_FAILED;
      message = supervision.failure;
    } else if (supervision.problem != null) {
      ready = false;
      reason = supervision.problemReason;
      message = supervision.problem;
    } else if (refusal != null) {
      ready = false;
      reason = Reasons.FORBIDDEN;
      message = refusal;
    } else if (conflict) {
      ready = false;
      reason = Reasons.SERVICE_CLAIMED;
      message = supervision.conflict;
    } else if (!serviceFound) {
      ready = false;
      reason = Reasons.SERVICE_NOT_FOUND;
      message = "Waiting for Service " + serviceName;
    } else if (pass.mode() == Mode.Disabled) {
      ready = true;
      reason = Reasons.DISABLED;
      message = "Disabled: nothing is evaluated and every pod is in traffic";
    } else if (pass.mode() == Mode.DryRun) {
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

  private static PodStatus podStatus(CachedPod pod, Pass pass, Instant now) {
    PodStatus status = new PodStatus();
    status.name = pod.name();
    status.state = TrafficLabels.state(pod);
    status.breaker = pod.annotation(TrafficLabels.BREAKER);
    status.since = pod.annotation(TrafficLabels.BROKEN_AT);
    status.retries = TrafficLabels.retries(pod);
    status.reason = pod.annotation(TrafficLabels.REASON);
    status.value = pod.annotation(TrafficLabels.VALUE);
    status.nextRetry = nextRetry(pod, pass, now);
    status.activator = pass.supervision.activatorMessages.get(pod.name());
    return status;
  }

  /** When the breaker's activator will act on a broken pod; none for a paused pod, which waits for a user. */
  private static String nextRetry(CachedPod pod, Pass pass, Instant now) {
    Instant brokenAt = TrafficLabels.instant(pod, TrafficLabels.BROKEN_AT);
    String breakerName = pod.annotation(TrafficLabels.BREAKER);
    if (TrafficLabels.state(pod) != State.Broken || brokenAt == null) {
      return null;
    }
    return pass.config.getSpec().breakers.stream().filter(b -> b.name.equals(breakerName)).findFirst()
        .map(breaker -> due(pass.config, breaker, pod, brokenAt, now))
        .map(Instant::toString)
        .orElse(null);
  }

  private static Instant due(BreakerConfig config, BreakerSpec breaker, CachedPod pod, Instant brokenAt,
      Instant now) {
    try {
      ActivatorAction action = ActivatorPolicy.decide(BreakerRules.activator(config, breaker), State.Broken, brokenAt,
          TrafficLabels.retries(pod), null, false, 0, now);
      return action instanceof ActivatorAction.Wait wait ? wait.due() : null;
    } catch (RuntimeException unparsable) {
      return null;
    }
  }

  private static int count(List<CachedPod> pods, State state) {
    return (int) pods.stream().filter(pod -> TrafficLabels.state(pod) == state).count();
  }
}
