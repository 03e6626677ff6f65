package io.kubervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubervisor.it.Crds;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.AuditLog;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache's pod informer on a real API server: its first LIST comes in pages, its pods are read as WatchedPods
 * (spec and managed fields skipped) from the LIST and from watch events, and the WatchedPod it registers on its client
 * leaves that client's typed pod reads whole.
 */
@WithLocalCluster
class ClusterCacheIT {

  private static final String USER_AGENT = "kubervisor-cluster-cache-it";

  @Test
  void pagesTheFirstListAndFollowsWatchEventsWithWatchedPods(KubernetesClient testClient, LocalControlPlane plane,
      @TestNamespace("cache") String namespace) throws Exception {
    Crds.install(testClient);
    TestFleet.create(testClient, namespace, "web", 5);
    // A client of its own, as the operator's: the cache registers WatchedPod on its client's serialization.
    Config config = new ConfigBuilder(testClient.getConfiguration())
        .withUserAgent(USER_AGENT).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      ClusterCache cache = new ClusterCache(client, Scope.of(namespace), Duration.ofMinutes(1), 2);
      cache.start();
      try {
        assertThat(cache.selectedPods(cache.service(namespace, "web").orElseThrow()))
            .hasSize(5).allSatisfy(pod -> {
              assertThat(pod.ready()).isTrue();
              assertThat(pod.owner().kind()).isEqualTo("ReplicaSet");
            });
        long podLists = AuditLog.of(plane).entries().stream()
            .filter(entry -> "list".equals(entry.verb()) && "pods".equals(entry.resource())
                && namespace.equals(entry.namespace()) && USER_AGENT.equals(entry.userAgent()))
            .count();
        // Three pages at the first sync; a relist after a failed watch would add more, never fewer.
        assertThat(podLists).as("LISTs of 5 pods in pages of 2").isGreaterThanOrEqualTo(3);

        String name = testClient.pods().inNamespace(namespace).withLabel("app", "web").list().getItems().get(0)
            .getMetadata().getName();
        testClient.pods().inNamespace(namespace).withName(name)
            .edit(pod -> {
              pod.getMetadata().getLabels().put(TrafficLabels.TRAFFIC, TrafficLabels.NO);
              return pod;
            });
        await("the watch event of the relabelled pod in the cache").atMost(Duration.ofSeconds(30))
            .until(() -> cache.selectedPods(cache.service(namespace, "web").orElseThrow()).stream()
                .anyMatch(pod -> pod.name().equals(name)
                    && TrafficLabels.NO.equals(pod.labels().get(TrafficLabels.TRAFFIC))));

        Pod typed = client.pods().inNamespace(namespace).withName(name).get();
        assertThat(typed).isNotInstanceOf(WatchedPod.class);
        assertThat(typed.getSpec().getContainers()).hasSize(1);
        assertThat(client.pods().inNamespace(namespace).list().getItems())
            .allSatisfy(pod -> assertThat(pod.getSpec()).isNotNull());
      } finally {
        cache.stop();
      }
    }
  }
}
