package io.kubervisor.bench;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.bench.FleetLayout.ServiceRef;
import java.time.Duration;

/**
 * The BreakerConfig of each Service: one discreteValueOutOfList breaker every {@link #PERIOD} over the Service's
 * request codes, everything else at its default. {@link #anomalous} is its rule, to tell when a fault becomes visible.
 */
final class BenchBreakerConfig {

  static final Duration PERIOD = Duration.ofSeconds(10);
  static final int TOLERANCE_PERCENT = 10;
  static final int MIN_ACTIVITY = 5;
  /** The codes of one pod over the last period; {@code %s} is the series selector. */
  static final String CODES_BY_POD = "sum by (namespace, pod, code) (increase(http_requests_total{%s}[10s]))";

  private BenchBreakerConfig() {}

  static BreakerConfig of(ServiceRef service, String prometheusUrl) {
    String promQl = CODES_BY_POD.formatted("namespace=\"" + service.namespace() + "\",app=\"" + service.name() + "\"");
    return Serialization.unmarshal("""
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata:
          name: %s
          namespace: %s
        spec:
          service: %s
          breakers:
            - name: errors
              evaluationPeriod: %ds
              discreteValueOutOfList:
                prometheusService: %s
                promQL: '%s'
                key: code
                goodValues: ["200"]
                tolerancePercent: %d
                minActivity: %d
        """.formatted(service.name(), service.namespace(), service.name(), PERIOD.toSeconds(), prometheusUrl, promQl,
        TOLERANCE_PERCENT, MIN_ACTIVITY), BreakerConfig.class);
  }

  /** The breaker's judgement of one pod's counts: strictly more bad than the tolerance, with enough activity. */
  static boolean anomalous(double good, double bad) {
    double total = good + bad;
    return total >= MIN_ACTIVITY && bad * 100 > TOLERANCE_PERCENT * total;
  }
}
