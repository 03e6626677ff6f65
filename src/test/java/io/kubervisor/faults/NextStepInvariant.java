package io.kubervisor.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubervisor.api.v1alpha1.PodStatus;
import io.kubervisor.api.v1alpha1.PodStatus.State;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * (b) A pod out of traffic (kubervisor/traffic no or pause) says why and what comes next. Its reason annotation is
 * there from the moment it is out: the label and the annotations are one patch. The BreakerConfig's status shows its
 * next step for that break (same {@code since}): a due time, a paused state, or what the activator waits on; a status
 * without it is allowed the grace, from when the pod went out or the next step went missing, to catch up. And a due
 * time does not pass by more than the grace with the pod still out, which would leave it stranded.
 *
 * <p>The status checks only concern Ready pods (the status lists no other), and wait while the operator or the
 * control plane is away: nothing can write the status then. Their grace starts again when both are back.
 */
final class NextStepInvariant implements Invariant {

  static final String NAME = "next-step";
  private static final Set<Outage> NEEDS = EnumSet.of(Outage.OPERATOR, Outage.CONTROL_PLANE);

  /** A break of a pod (its broken-at annotation) whose next step the status has not shown since {@code since}. */
  private record Missing(String brokenAt, Instant since) {}

  private final Duration grace;
  private final Outages outages;
  private final Map<String, Missing> missing = new HashMap<>();
  private boolean settled = true;

  NextStepInvariant(Limits limits, Outages outages) {
    this.grace = limits.grace();
    this.outages = outages;
  }

  @Override
  public void check(ObservedState state, Instant now, Breaches breaches) {
    Map<String, String> inBreach = new HashMap<>();
    Map<String, Missing> stillMissing = new HashMap<>();
    Instant quiet = outages.quietSince(NEEDS);
    List<PodStatus> statuses = state.breakerConfig().filter(c -> c.getStatus() != null)
        .map(c -> c.getStatus().pods).orElse(List.of());
    settled = true;
    for (Pod pod : state.pods()) {
      if (ObservedState.terminating(pod) || !ObservedState.outOfTraffic(pod)) {
        continue;
      }
      String name = pod.getMetadata().getName();
      String reason = TrafficLabels.annotation(pod, TrafficLabels.REASON);
      if (reason == null || reason.isBlank()) {
        inBreach.put(name + " reason", ObservedState.traffic(pod) + " without a " + TrafficLabels.REASON
            + " annotation");
      }
      if (!ServicePods.isManaged(pod)) {
        continue;
      }
      String brokenAt = TrafficLabels.annotation(pod, TrafficLabels.BROKEN_AT);
      Optional<PodStatus> entry = statuses.stream()
          .filter(s -> name.equals(s.name) && Objects.equals(brokenAt, s.since)).findFirst();
      if (entry.isEmpty() || !hasNextStep(entry.get())) {
        Missing since = missing.get(name);
        stillMissing.put(name, since != null && Objects.equals(since.brokenAt(), brokenAt) ? since
            : new Missing(brokenAt, now));
        if (quiet != null && now.isAfter(later(stillMissing.get(name).since(), quiet).plus(grace))) {
          inBreach.put(name + " next step", "out since " + brokenAt + ", and the status has shown no next step for"
              + " it since " + stillMissing.get(name).since() + ": " + entry.map(NextStepInvariant::describe)
              .orElse("not listed"));
        } else {
          settled = false;
        }
      } else if (quiet != null && entry.get().nextRetry != null
          && TrafficLabels.NO.equals(ObservedState.traffic(pod))) {
        Instant due = Instant.parse(entry.get().nextRetry);
        if (now.isAfter(later(due, quiet).plus(grace))) {
          inBreach.put(name + " stranded", "due back at " + due + ", still out");
        }
      }
    }
    missing.clear();
    missing.putAll(stillMissing);
    breaches.update(NAME, inBreach, now);
  }

  @Override
  public boolean settled() {
    return settled;
  }

  private static boolean hasNextStep(PodStatus status) {
    return status.nextRetry != null || status.state == State.Paused || status.activator != null;
  }

  private static String describe(PodStatus status) {
    return "state " + status.state + ", since " + status.since + ", nextRetry " + status.nextRetry + ", activator "
        + status.activator;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
