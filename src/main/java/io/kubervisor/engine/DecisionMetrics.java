package io.kubervisor.engine;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts kubervisor's decisions, each once it has succeeded (the original counted only failures):
 * {@code kubervisor_decisions_total{action, namespace, breakerconfig}} with action break, dry_run, restore, resume,
 * pause, kill or eviction_refused.
 */
public class DecisionMetrics {

  private final MeterRegistry registry;

  DecisionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String action, String namespace, String breakerConfig) {
    registry.counter(Metrics.DECISIONS, "action", action, Metrics.NAMESPACE_TAG, namespace, Metrics.BREAKER_CONFIG_TAG,
        breakerConfig).increment();
  }
}
