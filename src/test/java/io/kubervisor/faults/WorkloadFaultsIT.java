package io.kubervisor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfigStatus;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.it.FakeDetector;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervised Deployment changing under the operator: rolled out while a pod is out of traffic, and scaled down
 * through pods that are out of traffic. Nothing of the pods that went is left in the status, and the floor follows the
 * new fleet. The invariants hold throughout.
 */
@Tag("faults")
@WithLocalCluster
class WorkloadFaultsIT {

  private static final Duration PERIOD = Duration.ofSeconds(1);
  private static final Duration SOON = Duration.ofSeconds(60);
  /** Long: no pod comes back by itself while the Deployment changes. */
  private static final String ACTIVATOR = "{mode: periodic, period: 5m}";

  @RegisterExtension
  static final OperatorWorld world = new OperatorWorld(Map.of());

  @Test
  void aRolloutWhileAPodIsOutOfTrafficReplacesItAndEveryNewPodServes(KubernetesClient client,
      @TestNamespace("rollout-one-out") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 10, TestFleet.BORN_IN_TRAFFIC);
    String out = fleet.podNames().get(0);
    try (FakeDetector detector = new FakeDetector()) {
      BreakerConfigs.apply(client, BreakerConfigs.external(ns, detector.url(), PERIOD, ACTIVATOR));
      world.ensureLeading();
      BreakerConfigs.awaitRunning(client, ns, 10);
      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        detector.anomalous(out);
        await("a pod out of traffic").atMost(SOON).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
            List.of(out)::equals);

        Deployments.restart(client, ns, "web");
        Deployments.awaitRolledOut(client, ns, "web", SOON);

        assertThat(fleet.podNames()).doesNotContain(out);
        await("every new pod in traffic, and nothing of the old one in the status").atMost(SOON).until(() -> {
          BreakerConfigStatus status = BreakerConfigs.get(client, ns).getStatus();
          return fleet.podsWithTraffic(TrafficLabels.YES).size() == 10 && status.pods.isEmpty()
              && Integer.valueOf(10).equals(status.inTraffic);
        });
        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.awaitSettled();
        System.out.println("rollout with a pod out: " + invariants.totals().summary());
      }
    }
  }

  @Test
  void aScaleDownThroughThePodsOutOfTrafficLeavesTheRestServingAboveTheNewFloor(KubernetesClient client,
      @TestNamespace("scale-down-outs") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 10, TestFleet.BORN_IN_TRAFFIC);
    List<String> out = fleet.podNames().subList(0, 3);
    try (FakeDetector detector = new FakeDetector()) {
      BreakerConfigs.apply(client, BreakerConfigs.external(ns, detector.url(), PERIOD, ACTIVATOR));
      world.ensureLeading();
      BreakerConfigs.awaitRunning(client, ns, 10);
      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        detector.anomalous(out.toArray(String[]::new));
        await("three pods out of traffic").atMost(SOON).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
            out::equals);
        // The ReplicaSet removes the pods that cost least first: these, as an SRE would mark them.
        out.forEach(pod -> client.pods().inNamespace(ns).withName(pod).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"controller.kubernetes.io/pod-deletion-cost\":\"-1000\"}}}"));

        Deployments.scale(client, ns, "web", 7);
        Deployments.awaitRolledOut(client, ns, "web", SOON);

        assertThat(fleet.podNames()).doesNotContainAnyElementsOf(out);
        await("the status of the fleet of 7, with nothing of the pods that went").atMost(SOON).until(() -> {
          BreakerConfigStatus status = BreakerConfigs.get(client, ns).getStatus();
          return Integer.valueOf(7).equals(status.desired) && Integer.valueOf(4).equals(status.floor)
              && Integer.valueOf(7).equals(status.inTraffic) && status.pods.isEmpty();
        });
        assertThat(invariants.totals().fewestReadyEndpoints()).as("the fewest ready endpoints: the scale-down took"
            + " only pods already out of traffic").isEqualTo(7);
        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.awaitSettled();
        System.out.println("scale-down through pods out: " + invariants.totals().summary());
      }
    }
  }
}
