package io.kubervisor.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * kubervisor's meters of passes and decisions (docs/metrics.md), recorded where they happen rather than by route
 * steps, so the route stays one route for every BreakerConfig.
 */
public class PassMetrics {

  private final MeterRegistry registry;

  PassMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A decision that succeeded: break, dry_run, restore, resume, pause, kill or eviction_refused. */
  void count(String action, String namespace, String breakerConfig) {
    registry.counter(Metrics.DECISIONS, "action", action, Metrics.NAMESPACE_TAG, namespace, Metrics.BREAKER_CONFIG_TAG,
        breakerConfig).increment();
  }

  /** A detector call: its duration when it answered, an error when it failed. */
  void detectorCall(String namespace, String breakerConfig, String breaker, String detector, long nanos,
      boolean failed) {
    String[] tags = {Metrics.NAMESPACE_TAG, namespace, Metrics.BREAKER_CONFIG_TAG, breakerConfig, "breaker", breaker,
        "detector", detector};
    if (failed) {
      registry.counter(Metrics.DETECTOR_ERRORS, tags).increment();
    } else {
      Timer.builder(Metrics.DETECTOR_REQUEST_DURATION).tags(tags).register(registry).record(nanos,
          TimeUnit.NANOSECONDS);
    }
  }

  /** A pass that evaluated at least one breaker, from the cache read to the status write. */
  void evaluation(String namespace, String breakerConfig, long nanos) {
    Timer.builder(Metrics.EVALUATION_DURATION).tags(Metrics.NAMESPACE_TAG, namespace, Metrics.BREAKER_CONFIG_TAG,
        breakerConfig).register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }
}
