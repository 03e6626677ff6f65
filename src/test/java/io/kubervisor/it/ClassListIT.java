package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.apply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.ActivatorSpec;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The classes a start of the operator jar loads on a real control plane, up to evaluations, an ejection, the
 * activator's return of the pod and its probes and metrics read, written to target/kubervisor.classlist. The image archives the committed
 * deploy/kubervisor.classlist at build time (deploy/cds-archive.sh), so this fails when that list misses more than a
 * few of them: a dependency or code change the archive no longer covers, and the start-up slows down unseen.
 */
@WithLocalCluster
class ClassListIT {

  static final Path COMMITTED = Path.of("deploy/kubervisor.classlist");
  static final Path WRITTEN = Path.of("target/kubervisor.classlist");
  /** The share of a start's classes the committed list may miss; runs differ by a few classes of timing. */
  private static final double MAY_MISS = 0.03;

  @Test
  void theCommittedClassListCoversAStart(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("classlist-lease") String leaseNamespace, @TestNamespace("classlist") String ns) throws Exception {
    Crds.install(plane.adminClient());
    Files.deleteIfExists(WRITTEN);
    try (PodMetricsServer metrics = new PodMetricsServer();
        LocalPrometheus prometheus = LocalPrometheus.launch()) {
      prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
      TestFleet fleet = RequestFleets.fleet(client, metrics, ns, 4);
      // Enough pods beside it for the first LIST to pass the API server's 128 KiB gzip threshold, as a real one does.
      TestFleet.create(client, ns, "bulk", 60);
      String bad = fleet.podNames().get(0);
      metrics.errorRatio(bad, 0.5);
      RequestFleets.awaitSeries(prometheus, ns);
      try (OperatorProcess operator = OperatorProcess.start(plane.kubeconfig(),
          Map.of("kubervisor.lease-namespace", leaseNamespace),
          List.of("-XX:DumpLoadedClassList=" + WRITTEN.toAbsolutePath()))) {
        BreakerConfig config = RequestFleets.discreteBreakerConfig(prometheus, ns, "web", "Enabled", 50);
        config.getSpec().defaultActivator.mode = ActivatorSpec.ActivatorMode.periodic;
        config.getSpec().defaultActivator.period = "2s";
        apply(client, config);
        await("the bad pod out").atMost(Duration.ofSeconds(60))
            .until(() -> fleet.podsWithTraffic(TrafficLabels.NO).size() == 1);
        metrics.errorRatio(bad, 0);
        await("the activator's return of it").atMost(Duration.ofSeconds(60))
            .until(() -> fleet.podsWithTraffic(TrafficLabels.NO).isEmpty());
        // What the kubelet's probes and Prometheus ask of it.
        for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
          assertThat(operator.get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(operator.terminate()).isIn(0, 143);
      }
    }

    Set<String> loaded = classes(WRITTEN);
    Set<String> committed = classes(COMMITTED);
    Set<String> missing = loaded.stream().filter(name -> !committed.contains(name)).collect(Collectors.toSet());
    assertThat(loaded).as("classes the start loaded").hasSizeGreaterThan(5_000);
    assertThat((double) missing.size() / loaded.size())
        .as("%s misses %d of the %d classes of this start, such as %s: copy %s over it", COMMITTED, missing.size(),
            loaded.size(), missing.stream().sorted().limit(5).toList(), WRITTEN)
        .isLessThanOrEqualTo(MAY_MISS);
  }

  /** The class names of a -XX:DumpLoadedClassList file, without its comments and lambda lines. */
  static Set<String> classes(Path classList) throws IOException {
    return Files.readAllLines(classList).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("@"))
        .map(line -> line.split(" ", 2)[0])
        .collect(Collectors.toSet());
  }
}
