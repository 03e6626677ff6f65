package io.kubervisor.engine;

import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.decision.BreakerRules;

/** What the decision core takes of a breaker's spec. */
final class Rules {

  private Rules() {}

  static BreakerRules of(BreakerConfig config, BreakerSpec breaker) {
    return new BreakerRules(breaker.name, breaker.minPodsAvailableCount, breaker.minPodsAvailableRatio,
        activator(config, breaker));
  }

  /** The breaker's own activator, else the BreakerConfig's default, else the defaults. */
  static ActivatorSpec activator(BreakerConfig config, BreakerSpec breaker) {
    if (breaker.activator != null) {
      return breaker.activator;
    }
    return config.getSpec().defaultActivator != null ? config.getSpec().defaultActivator : new ActivatorSpec();
  }
}
