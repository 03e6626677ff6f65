package io.kubervisor.engine;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The names of kubervisor's own meters, in Micrometer's dotted form; the Prometheus registry exports them with
 * underscores, base units and {@code _total} on counters. docs/metrics.md documents each one, and the routes use the
 * timer and error names in their {@code micrometer:} endpoints.
 */
public final class Metrics {

  /** Counter {@code kubervisor_decisions_total{namespace,breakerconfig,action}}, counted once an action succeeded. */
  public static final String DECISIONS = "kubervisor.decisions";
  /** Gauge {@code kubervisor_managed_pods{namespace,breakerconfig}}: the fleet the floor is computed from. */
  public static final String MANAGED_PODS = "kubervisor.managed.pods";
  /** Gauge {@code kubervisor_pods{namespace,breakerconfig,state}}: the managed pods by traffic state. */
  public static final String PODS = "kubervisor.pods";
  /** Timer {@code kubervisor_detector_request_duration_seconds{namespace,breakerconfig,breaker,detector}}. */
  public static final String DETECTOR_REQUEST_DURATION = "kubervisor.detector.request.duration";
  /** Counter {@code kubervisor_detector_errors_total{namespace,breakerconfig,breaker,detector}}. */
  public static final String DETECTOR_ERRORS = "kubervisor.detector.errors";
  /** Timer {@code kubervisor_evaluation_duration_seconds{namespace,breakerconfig}}: a whole pass that evaluated. */
  public static final String EVALUATION_DURATION = "kubervisor.evaluation.duration";
  /** Gauge {@code kubervisor_leader}: 1 on the replica that holds the Lease, else 0. */
  public static final String LEADER = "kubervisor.leader";

  /** The tags that name a BreakerConfig on every per-BreakerConfig meter. */
  public static final String NAMESPACE_TAG = "namespace";
  public static final String BREAKER_CONFIG_TAG = "breakerconfig";

  /** Histogram buckets of the timers: detector calls take milliseconds to the HTTP timeout (10 s by default). */
  private static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
      30000).map(Duration::ofMillis).toArray(Duration[]::new);

  private Metrics() {}

  /** Gives kubervisor's timers Prometheus histogram buckets, so dashboards can compute quantiles across replicas. */
  public static MeterFilter latencyHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("kubervisor.")) {
          return config;
        }
        double[] nanos = Stream.of(LATENCY_BUCKETS).mapToDouble(Duration::toNanos).toArray();
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
      }
    };
  }
}
