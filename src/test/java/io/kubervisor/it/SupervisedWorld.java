package io.kubervisor.it;

import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import java.util.Map;

/**
 * What the Prometheus-driven integration tests share: the CRD installed, per-pod series served and scraped by a real
 * Prometheus, and the operator running.
 */
final class SupervisedWorld implements AutoCloseable {

  final PodMetricsServer metrics;
  final LocalPrometheus prometheus;
  final OperatorUnderTest operator;

  private SupervisedWorld(PodMetricsServer metrics, LocalPrometheus prometheus, OperatorUnderTest operator) {
    this.metrics = metrics;
    this.prometheus = prometheus;
    this.operator = operator;
  }

  static SupervisedWorld start(LocalControlPlane plane, String leaseNamespace) throws Exception {
    Crds.install(plane.adminClient());
    PodMetricsServer metrics = new PodMetricsServer();
    LocalPrometheus prometheus = LocalPrometheus.launch();
    prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
    return new SupervisedWorld(metrics, prometheus, OperatorUnderTest.start(plane.kubeconfig(), leaseNamespace));
  }

  @Override
  public void close() throws Exception {
    operator.close();
    prometheus.close();
    metrics.close();
  }
}
