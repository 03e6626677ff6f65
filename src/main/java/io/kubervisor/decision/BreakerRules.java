package io.kubervisor.decision;

import io.kubervisor.analysis.Floor;
import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;

/**
 * What the decision core needs of a breaker: its floor and how its pods come back.
 *
 * @param activator its effective activator (its own, else the BreakerConfig's default, else the defaults)
 */
public record BreakerRules(String name, int minPodsAvailableCount, int minPodsAvailableRatio,
    ActivatorSpec activator) {

  /** A breaker's rules as its BreakerConfig sets them. */
  public static BreakerRules of(BreakerConfig config, BreakerSpec breaker) {
    return new BreakerRules(breaker.name, breaker.minPodsAvailableCount, breaker.minPodsAvailableRatio,
        activator(config, breaker));
  }

  /** The breaker's own activator, else the BreakerConfig's default, else the defaults. */
  public static ActivatorSpec activator(BreakerConfig config, BreakerSpec breaker) {
    if (breaker.activator != null) {
      return breaker.activator;
    }
    return config.getSpec().defaultActivator != null ? config.getSpec().defaultActivator : new ActivatorSpec();
  }

  /** How many pods must stay in traffic, of a fleet of this size. */
  public int floor(int fleet) {
    return Floor.floor(fleet, minPodsAvailableCount, minPodsAvailableRatio);
  }
}
