package io.kubervisor.bench.quality;

/**
 * One pod's leak-like gauge, {@value #METRIC}: steady at its baseline, or rising from it at a rate since a moment, up
 * to 1 (full). Thread-safe.
 */
final class LeakGauge {

  static final String METRIC = "heap_used_ratio";

  /** 1/φ, as the sandbox spreads healthy latencies: baselines spread evenly, no pod an outlier of its own. */
  private static final double GOLDEN = 0.6180339887498949;

  private final double baseline;
  private double perSecond;
  private long since;

  /** Baselines between 0.45 and 0.55 by the pod's index. */
  LeakGauge(int index) {
    this.baseline = 0.45 + 0.1 * ((index + 1) * GOLDEN % 1);
  }

  /** Rises at this rate from now on; 0 brings it back to its baseline (the pod restarted). */
  synchronized void leak(double perSecond, long nowNanos) {
    this.perSecond = perSecond;
    this.since = nowNanos;
  }

  synchronized double value(long nowNanos) {
    return Math.min(1, baseline + perSecond * (nowNanos - since) / 1e9);
  }
}
