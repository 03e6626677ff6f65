package io.kubervisor.backtest;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * The stretch of history a backtest replays, and how often it looks at it.
 *
 * @param step the time between instants; null for each BreakerConfig's shortest evaluationPeriod
 */
public record Window(Instant from, Instant to, Duration step) {

  public Window {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("the window must end after it starts: " + from + " to " + to);
    }
  }

  /** The step a BreakerConfig is replayed at; null when none of its breakers can be replayed. */
  public Duration stepFor(BreakerConfig config) {
    return step != null ? step : Replay.defaultStep(config).orElse(null);
  }

  /** How many instants a BreakerConfig's replay looks at. */
  public long instants(BreakerConfig config) {
    Duration every = stepFor(config);
    return every == null ? 0 : Duration.between(from, to).toMillis() / every.toMillis() + 1;
  }
}
