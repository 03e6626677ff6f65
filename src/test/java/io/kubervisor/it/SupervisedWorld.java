package io.kubervisor.it;

import io.kubervisor.testing.KubernetesExtension;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the Prometheus-driven integration tests share, for one test class: the CRD installed, per-pod series served
 * and scraped by a real Prometheus, and the operator running in the test JVM with its Lease in a namespace of its own.
 * Register it with {@code @RegisterExtension static final SupervisedWorld world = new SupervisedWorld("prefix");}.
 */
final class SupervisedWorld implements BeforeAllCallback, AfterAllCallback {

  private final String leasePrefix;
  private String leaseNamespace;
  PodMetricsServer metrics;
  LocalPrometheus prometheus;
  OperatorUnderTest operator;

  /** @param leasePrefix the prefix of the namespace that holds the operator's leader-election Lease */
  SupervisedWorld(String leasePrefix) {
    this.leasePrefix = leasePrefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    LocalControlPlane plane = KubernetesExtension.plane(context);
    Crds.install(plane.adminClient());
    leaseNamespace = plane.createNamespace(leasePrefix);
    metrics = new PodMetricsServer();
    prometheus = LocalPrometheus.launch();
    prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
    operator = OperatorUnderTest.start(plane.kubeconfig(), leaseNamespace);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    // Whatever started is stopped, also after a failed start.
    if (operator != null) {
      operator.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (leaseNamespace != null) {
      KubernetesExtension.plane(context).adminClient().namespaces().withName(leaseNamespace).delete();
    }
  }
}
