package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.breakerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's threads with 1, 50 and 200 BreakerConfigs: a bounded pool of workers and detector calls runs every
 * pass, so they do not grow with the number of BreakerConfigs (the first engine ran two timer threads per breaker).
 */
@WithLocalCluster
class ThreadCountIT {

  private static final List<Integer> SIZES = List.of(1, 50, 200);

  @Test
  void threadsDoNotGrowWithTheNumberOfBreakerConfigs(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("threads") String ns, @TestNamespace("threads-lease") String lease) throws Exception {
    Crds.install(client);
    try (FakeDetector detector = new FakeDetector();
        OperatorProcess operator = OperatorProcess.start(plane.kubeconfig(), Map.of("kubervisor.lease-namespace",
            lease))) {
      Map<Integer, Integer> threads = new LinkedHashMap<>();
      int created = 0;
      for (int size : SIZES) {
        for (; created < size; created++) {
          supervise(client, ns, "svc-" + created, detector.url());
        }
        await("every BreakerConfig evaluated").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .until(() -> evaluated(client, ns) == size);
        // As Prometheus and the kubelet's probes do, many times over: each request runs on a worker thread.
        for (int request = 0; request < 25; request++) {
          assertThat(operator.get("/metrics").statusCode()).isEqualTo(200);
          operator.get("/health/ready");
        }
        threads.put(size, threads(operator.pid()));
        assertThat(threadsNamed(operator.pid(), "vert.x-worker")).as("workers of the /metrics and /health server")
            .isLessThanOrEqualTo(2);
      }

      System.out.println("operator threads by BreakerConfigs: " + threads);
      // The bounded pools may fill as the load grows (the HTTP client's event loops up to twice the cores), then no
      // thread more comes with more BreakerConfigs.
      assertThat(threads.get(200)).as("threads at 200 BreakerConfigs, against %s", threads)
          .isLessThanOrEqualTo(threads.get(50) + 2).isLessThanOrEqualTo(threads.get(1) + 8).isLessThanOrEqualTo(80);
    }
  }

  /** A bare pod, a Service selecting it, and a BreakerConfig whose detector names nobody. */
  private static void supervise(KubernetesClient client, String ns, String name, String detector) {
    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("app", name)).endMetadata().withNewSpec().addNewContainer().withName("app")
        .withImage("example.com/web:1").endContainer().endSpec().build()).create();
    client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withSelector(Map.of("app", name)).addNewPort().withPort(80).endPort().endSpec().build())
        .create();
    Fixtures.apply(client, breakerConfig(ns, name, """
        service: %s
        breakers:
          - name: external
            evaluationPeriod: 5s
            warmup: 0s
            external:
              url: %s
        """.formatted(name, detector)));
  }

  private static long evaluated(KubernetesClient client, String ns) {
    return client.resources(BreakerConfig.class).inNamespace(ns).list().getItems().stream()
        .filter(c -> c.getStatus() != null && c.getStatus().lastEvaluation.size() == 1).count();
  }

  /** Threads whose name starts with {@code prefix} (Linux keeps the first 15 characters of a thread's name). */
  private static long threadsNamed(long pid, String prefix) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      return tasks.filter(task -> {
        try {
          return Files.readString(task.resolve("comm")).startsWith(prefix);
        } catch (IOException ended) {
          return false;
        }
      }).count();
    }
  }

  private static int threads(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("Threads:"))
        .map(l -> Integer.parseInt(l.substring("Threads:".length()).trim())).findFirst().orElseThrow();
  }
}
