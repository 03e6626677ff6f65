package io.kubervisor.faults;

import static org.awaitility.Awaitility.await;

import io.kubervisor.engine.Leadership;
import io.kubervisor.it.Crds;
import io.kubervisor.it.OperatorProcess;
import io.kubervisor.testing.KubernetesExtension;
import io.kubervisor.testing.LocalControlPlane;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The operator's jar as a process against the run's control plane, for one test class, so that a test can kill it,
 * stop it and start it again: the CRD installed, the Lease in a namespace of its own, every namespace supervised.
 * Register it with {@code @RegisterExtension static final OperatorWorld world = new OperatorWorld(Map.of());}.
 */
final class OperatorWorld implements BeforeAllCallback, AfterAllCallback {

  private static final Duration LEADING_TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, String> properties;
  private LocalControlPlane plane;
  private String leaseNamespace;
  private OperatorProcess operator;

  /** @param properties the operator's system properties besides its Lease's namespace */
  OperatorWorld(Map<String, String> properties) {
    this.properties = properties;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    plane = KubernetesExtension.plane(context);
    Crds.install(plane.adminClient());
    leaseNamespace = plane.createNamespace("faults-lease");
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (leaseNamespace != null) {
      plane.adminClient().namespaces().withName(leaseNamespace).delete();
    }
  }

  /** A new operator process; the previous one must be gone. */
  void start() throws IOException {
    Map<String, String> all = new HashMap<>(properties);
    all.put("kubervisor.lease-namespace", leaseNamespace);
    operator = OperatorProcess.start(plane.kubeconfig(), all);
  }

  /** Starts it again unless it runs, and waits until it leads. */
  void ensureLeading() throws IOException {
    if (!operator.isAlive()) {
      start();
    }
    awaitLeading();
  }

  void awaitLeading() {
    await("the operator leads").atMost(LEADING_TIMEOUT).ignoreExceptions().until(() -> metrics().leads());
  }

  /**
   * SIGKILL, as when its node dies. Its Lease is deleted too, so that the next process leads at once rather than after
   * the lease duration (15 s, which HighAvailabilityIT measures): the faults here are about what the killed operator
   * left behind, not about how long a takeover takes.
   */
  void kill() throws InterruptedException {
    operator.kill();
    plane.adminClient().leases().inNamespace(leaseNamespace).withName(Leadership.LEASE_NAME).delete();
  }

  /** SIGTERM: it stops writing and releases its Lease. */
  void stop() throws InterruptedException {
    operator.terminate();
  }

  /** The namespace of the operators' Lease: replicas a test starts itself share it with this one. */
  String leaseNamespace() {
    return leaseNamespace;
  }

  OperatorProcess operator() {
    return operator;
  }

  OperatorMetrics metrics() throws IOException, InterruptedException {
    return OperatorMetrics.of(operator);
  }
}
