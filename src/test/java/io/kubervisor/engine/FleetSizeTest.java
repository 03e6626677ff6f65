package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.CachedWorkload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fleet a floor is computed from: what the workloads ask for. */
class FleetSizeTest {

  static final Map<String, CachedWorkload> WORKLOADS = Map.of(
      "ReplicaSet/web-1", new CachedWorkload("ReplicaSet", "ns", "web-1", "1", 10, Map.of(),
          new CachedPod.Owner("Deployment", "web")),
      "ReplicaSet/web-2", new CachedWorkload("ReplicaSet", "ns", "web-2", "1", 3, Map.of(),
          new CachedPod.Owner("Deployment", "web")),
      "Deployment/web", new CachedWorkload("Deployment", "ns", "web", "1", 10, Map.of(), null),
      "StatefulSet/db", new CachedWorkload("StatefulSet", "ns", "db", "1", 3, Map.of(), null),
      "ReplicaSet/bare", new CachedWorkload("ReplicaSet", "ns", "bare", "1", 4, Map.of(), null));

  static CachedPod pod(String name, String ownerKind, String owner, boolean ready) {
    return new CachedPod("ns", name, "uid-" + name, "1", Map.of(), Map.of(),
        owner == null ? null : new CachedPod.Owner(ownerKind, owner), null, ready, null);
  }

  static int desired(List<CachedPod> pods) {
    return FleetSize.desired(pods, (kind, ns, name) -> Optional.ofNullable(WORKLOADS.get(kind + "/" + name)));
  }

  @Test
  void aDeploymentCountsItsReplicasOnceThroughAllItsReplicaSetsWhateverIsReady() {
    // A rollout: pods of two ReplicaSets, several not Ready, three killed and not yet replaced.
    assertThat(desired(List.of(pod("a", "ReplicaSet", "web-1", true), pod("b", "ReplicaSet", "web-1", false),
        pod("c", "ReplicaSet", "web-2", true)))).isEqualTo(10);
  }

  @Test
  void statefulSetsAndBareReplicaSetsCountTheirReplicas() {
    assertThat(desired(List.of(pod("db-0", "StatefulSet", "db", true), pod("x", "ReplicaSet", "bare", true))))
        .isEqualTo(7);
  }

  @Test
  void podsWithoutAKnownWorkloadCountThemselvesWhileReady() {
    assertThat(desired(List.of(pod("lone", null, null, true), pod("down", null, null, false),
        pod("job", "Job", "j", true), pod("unseen", "ReplicaSet", "not-in-cache", true)))).isEqualTo(3);
  }
}
