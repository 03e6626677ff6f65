package io.kubervisor.bench.quality;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.it.Crds;
import io.kubervisor.it.OperatorProcess;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What kubervisor needs besides the pods, started once for every scenario it plays: the real control plane (kwok runs
 * the pods and the EndpointSlice controller publishes them), Debian's Prometheus, and the operator's jar supervising
 * every namespace. Each scenario gets a namespace of its own.
 */
final class KubervisorWorld implements AutoCloseable {

  private static final String LEASE_NAMESPACE = "quality";

  private final LocalControlPlane plane;
  private final LocalPrometheus prometheus;
  private final OperatorProcess operator;

  private KubervisorWorld(LocalControlPlane plane, LocalPrometheus prometheus, OperatorProcess operator) {
    this.plane = plane;
    this.prometheus = prometheus;
    this.operator = operator;
  }

  static KubervisorWorld start(Path jar) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; build it with: mvn -q package -DskipTests");
    }
    LocalControlPlane plane = LocalControlPlane.start();
    LocalPrometheus prometheus = null;
    try {
      Crds.install(plane.adminClient());
      String leaseNamespace = plane.createNamespace(LEASE_NAMESPACE);
      prometheus = LocalPrometheus.launch();
      OperatorProcess operator = OperatorProcess.start(jar, plane.kubeconfig(),
          Map.of("kubervisor.lease-namespace", leaseNamespace), List.of("-Xmx256m"), List.of(), Map.of());
      return new KubervisorWorld(plane, prometheus, operator);
    } catch (IOException | RuntimeException e) {
      if (prometheus != null) {
        prometheus.close();
      }
      plane.close();
      throw e;
    }
  }

  KubernetesClient client() {
    return plane.adminClient();
  }

  String createNamespace(String prefix) {
    return plane.createNamespace(prefix);
  }

  LocalPrometheus prometheus() {
    return prometheus;
  }

  /** Fails with the end of its log once the operator has exited: nothing after that would measure it. */
  void checkOperator() {
    if (!operator.isAlive()) {
      List<String> log = operator.log();
      throw new IllegalStateException("the operator exited; the end of its log:\n"
          + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
    }
  }

  List<String> operatorLog() {
    return operator.log();
  }

  void saveOperatorLog(Path file) throws IOException {
    Files.write(file, operator.log());
  }

  @Override
  public void close() throws InterruptedException {
    operator.close();
    prometheus.close();
    plane.close();
  }
}
