package io.kubervisor.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.testing.LocalPrometheus;
import java.time.Duration;

/**
 * Fleets whose pods serve {@code http_requests_total} by code through a {@link PodMetricsServer} that a real
 * Prometheus scrapes, and the discreteValueOutOfList BreakerConfig that judges them: a pod whose non-200 share exceeds
 * 10% leaves traffic.
 */
final class RequestFleets {

  private static final String ERRORS_BY_POD =
      "sum by (pod, code) (increase(http_requests_total{namespace=\"%s\"}[5s]))";

  private RequestFleets() {}

  /** A Deployment "web" of this many pods behind a Service, each serving its series. */
  static TestFleet fleet(KubernetesClient client, PodMetricsServer metrics, String ns, int replicas) {
    TestFleet fleet = TestFleet.create(client, ns, "web", replicas);
    fleet.podNames().forEach(pod -> metrics.addPod(ns, pod));
    return fleet;
  }

  /** Waits until Prometheus has scraped the namespace's series, so the first evaluation has data. */
  static void awaitSeries(LocalPrometheus prometheus, String ns) {
    prometheus.awaitSeries(ERRORS_BY_POD.formatted(ns), Duration.ofSeconds(60));
  }

  /** Breaker "errors", every second, no warmup, the floor at {@code ratio}% of the fleet. */
  static BreakerConfig discreteBreakerConfig(LocalPrometheus prometheus, String ns, String name, String mode,
      int ratio) {
    return Fixtures.breakerConfig(ns, name, """
        service: web
        mode: %s
        breakers:
          - name: errors
            evaluationPeriod: 1s
            warmup: 0s
            minPodsAvailableRatio: %d
            discreteValueOutOfList:
              prometheusService: %s
              promQL: %s
              key: code
              goodValues: ["200"]
              tolerancePercent: 10
              minActivity: 5
        defaultActivator:
          period: 5m
        """.formatted(mode, ratio, prometheus.url(), ERRORS_BY_POD.formatted(ns)));
  }
}
