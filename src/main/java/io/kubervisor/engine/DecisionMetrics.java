package io.kubervisor.engine;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts kubervisor's decisions, each once it has succeeded (the original counted only failures):
 * {@code kubervisor_decisions_total{action, namespace, breakerconfig}} with action break, dry_run, restore, resume,
 * pause, kill or eviction_refused.
 */
public class DecisionMetrics {

  static final String DECISIONS = "kubervisor.decisions";

  private final MeterRegistry registry;

  DecisionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String action, String namespace, String breakerConfig) {
    registry.counter(DECISIONS, "action", action, "namespace", namespace, "breakerconfig", breakerConfig).increment();
  }
}
