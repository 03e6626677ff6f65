package io.kubervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedPodTest {

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata().withNamespace("shop").withName(name).withUid("uid-" + name).withResourceVersion("7")
        .withLabels(Map.of("app", "web", "pod-template-hash", "7dd8dd56bd", TrafficLabels.TRAFFIC, TrafficLabels.YES))
        .withAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "now", TrafficLabels.RETRIES, "1"))
        .addNewOwnerReference().withKind("ReplicaSet").withName("web-7dd8dd56bd").withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-12-02T07:00:00Z")
        .endCondition()
        .endStatus()
        .build();
  }

  @Test
  void keepsWhatADecisionReadsAndOnlyKubervisorsAnnotations() {
    CachedPod pod = CachedPod.of(pod("web-1"));

    assertThat(pod.managed()).isTrue();
    assertThat(pod.owner()).isEqualTo(new CachedPod.Owner("ReplicaSet", "web-7dd8dd56bd"));
    assertThat(pod.annotations()).containsOnlyKeys(TrafficLabels.RETRIES);
    assertThat(pod.readySince()).hasToString("2026-12-02T07:00:00Z");
  }

  @Test
  void thePodsOfOneReplicaSetShareTheirLabelsOwnerAndReadyTime() {
    CachedPod one = CachedPod.of(pod("web-1"));
    CachedPod other = CachedPod.of(pod("web-2"));

    assertThat(other.labels()).isSameAs(one.labels());
    assertThat(other.owner()).isSameAs(one.owner());
    assertThat(other.readySince()).isSameAs(one.readySince());
    assertThat(other.with("8", TrafficLabels.NO, Map.of()).labels())
        .as("taken out of traffic: the labels of the ReplicaSet's other pods out of traffic")
        .isSameAs(one.with("9", TrafficLabels.NO, Map.of()).labels())
        .containsEntry(TrafficLabels.TRAFFIC, TrafficLabels.NO);
  }
}
