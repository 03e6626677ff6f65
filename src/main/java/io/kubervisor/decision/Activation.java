package io.kubervisor.decision;

import io.kubervisor.activator.ActivatorAction;
import io.kubervisor.activator.ActivatorPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The activator's part of a pass, pure: which pods the breakers took out come back, pause or go, by each breaker's
 * {@link ActivatorPolicy}. Kills are rate-limited by the floor: no more pods may be missing from the fleet at once
 * (killed and not yet replaced, or not Ready) than the floor leaves room for.
 */
public final class Activation {

  private Activation() {}

  /**
   * @param pod the pod acted on
   * @param breaker the breaker whose activator acts
   */
  public record Step(PodView pod, String breaker, ActivatorAction action) {}

  /**
   * @param steps what to do now, pod by pod
   * @param held pods due to be killed that wait for the fleet to be whole again, with why
   * @param nextDue when the activator next has something to do, or null
   */
  public record Plan(List<Step> steps, Map<String, String> held, Instant nextDue) {}

  /** @param breakers the running breakers of the BreakerConfig, by name; pods of other breakers are left alone */
  public static Plan decide(FleetView fleet, Map<String, BreakerRules> breakers, Instant now) {
    List<Step> steps = new ArrayList<>();
    Map<String, String> held = new LinkedHashMap<>();
    Instant nextDue = null;
    int paused = fleet.paused();
    int missing = fleet.missing();
    List<PodView> ours = fleet.pods().stream()
        .filter(pod -> pod.breaker() != null && breakers.containsKey(pod.breaker()))
        .sorted(Comparator.comparing(PodView::name)).toList();
    for (PodView pod : ours) {
      BreakerRules rules = breakers.get(pod.breaker());
      ActivatorAction action = ActivatorPolicy.decide(rules.activator(), pod.state(), pod.brokenAt(), pod.retries(),
          pod.restoredAt(), pod.resumeRequested(), paused, now);
      if (action instanceof ActivatorAction.Wait wait) {
        nextDue = earliest(nextDue, wait.due());
        continue;
      }
      if (action instanceof ActivatorAction.Kill) {
        int room = fleet.desired() - rules.floor(fleet.desired());
        int missingAfter = missing + (pod.managed() ? 1 : 0);
        if (missingAfter > room) {
          held.put(pod.name(), "kill held: " + missing + " pod(s) of " + fleet.desired()
              + " are already missing, and the floor of " + rules.floor(fleet.desired())
              + " leaves room for " + room + "; it waits for the replacements");
          continue;
        }
        missing = missingAfter;
      }
      if (action instanceof ActivatorAction.Pause) {
        paused++;
      }
      steps.add(new Step(pod, pod.breaker(), action));
    }
    return new Plan(steps, held, nextDue);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
