package io.kubervisor.backtest;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerSpec;
import io.kubervisor.api.v1alpha1.Durations;
import io.kubervisor.decision.BreakerRules;

/**
 * What a replay needs of a BreakerConfig that the API server's schema would have checked, or that only the operator
 * checks (durations): a file may hold anything.
 */
public final class SpecCheck {

  private SpecCheck() {}

  /** @throws BacktestException saying what is wrong, and where */
  public static void check(BreakerConfig config, String source) {
    if (config.getSpec() == null || config.getSpec().breakers == null || config.getSpec().breakers.isEmpty()) {
      throw new BacktestException(source + " has no spec.breakers: nothing to replay");
    }
    for (BreakerSpec breaker : config.getSpec().breakers) {
      if (breaker.name == null) {
        throw new BacktestException(source + ": a breaker has no name");
      }
      try {
        Durations.parse(breaker.evaluationPeriod);
        Durations.parse(breaker.warmup);
        if (breaker.trend != null) {
          Durations.parse(breaker.trend.window);
          if (breaker.trend.horizon != null) {
            Durations.parse(breaker.trend.horizon);
          }
        }
        BreakerRules.activator(config, breaker).validate();
      } catch (IllegalArgumentException e) {
        throw new BacktestException(source + ", breaker " + breaker.name + ": " + e.getMessage(), e);
      }
    }
  }
}
