package io.kubervisor.decision;

import io.kubervisor.analysis.Floor;
import io.kubervisor.api.v1alpha1.ActivatorSpec;

/**
 * What the decision core needs of a breaker: its floor and how its pods come back.
 *
 * @param activator its effective activator (its own, else the BreakerConfig's default, else the defaults)
 */
public record BreakerRules(String name, int minPodsAvailableCount, int minPodsAvailableRatio,
    ActivatorSpec activator) {

  /** How many pods must stay in traffic, of a fleet of this size. */
  public int floor(int fleet) {
    return Floor.floor(fleet, minPodsAvailableCount, minPodsAvailableRatio);
  }
}
