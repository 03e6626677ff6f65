package io.kubervisor.faults;

import static io.kubervisor.testing.AdmissionWebhook.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.it.FakeDetector;
import io.kubervisor.it.OperatorProcess;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.AdmissionWebhook;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TcpProxy;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator gone: SIGKILLed between two ejections of one pass, cut off from the API server while alive, and
 * stopped while the supervised Deployment rolls out. A killed or cut-off operator leaves nothing its successor cannot
 * pick up; with no operator at all, the Service serves as if kubervisor had never been there, since its pods are born
 * in traffic. The invariants hold throughout.
 */
@Tag("faults")
@WithLocalCluster
class OperatorFaultsIT {

  private static final Duration PERIOD = Duration.ofSeconds(1);
  private static final Duration SOON = Duration.ofSeconds(60);

  @RegisterExtension
  static final OperatorWorld world = new OperatorWorld(Map.of());

  @Test
  void anOperatorKilledBetweenTwoEjectionsLeavesNothingItsReplacementCannotPickUp(KubernetesClient client,
      @TestNamespace("killed-mid-pass") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 10, TestFleet.BORN_IN_TRAFFIC);
    List<String> bad = fleet.podNames().subList(0, 3);
    try (FakeDetector detector = new FakeDetector()) {
      BreakerConfigs.apply(client, BreakerConfigs.external(ns, detector.url(), PERIOD,
          "{mode: periodic, period: 4s}"));
      world.ensureLeading();
      BreakerConfigs.awaitRunning(client, ns, 10);
      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        String first;
        try (Invariants.Window noOperator = invariants.outage(Outage.OPERATOR)) {
          EjectionCut cut = new EjectionCut();
          try (AdmissionWebhook webhook = AdmissionWebhook.register(client, "ejection-cut", ns,
              List.of(rule("UPDATE", "pods")), cut)) {
            detector.anomalous(bad.toArray(String[]::new));
            await("a pass held at its second ejection").atMost(SOON).until(cut::holding);
            world.kill();
            cut.release();
            first = cut.firstEjected();
          }
          assertThat(fleet.podsWithTraffic(TrafficLabels.NO)).as("out of traffic when the operator died")
              .containsExactly(first);
          world.start();
          world.awaitLeading();
        }

        List<String> rest = bad.stream().filter(pod -> !pod.equals(first)).toList();
        await("the replacement ejects the rest of the pass").atMost(SOON)
            .until(() -> fleet.podsWithTraffic(TrafficLabels.NO).containsAll(rest));
        await("the first pod's record goes on: broken a second time").atMost(SOON)
            .until(() -> "2".equals(annotation(client, ns, first, TrafficLabels.RETRIES)));

        detector.anomalous();
        await("every pod back in traffic").atMost(SOON)
            .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 10);
        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.awaitSettled();
        System.out.println("operator killed mid-pass: " + invariants.totals().summary());
      }
    }
  }

  /**
   * The test that fails on the engine before pods were born in traffic: then, a new pod waited for the operator to
   * label it, and a rollout with no operator emptied the Service.
   */
  @Test
  void aRolloutWithNoOperatorKeepsTheServiceServingAndEveryNewPodInItsEndpoints(KubernetesClient client,
      @TestNamespace("no-operator-rollout") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 10, TestFleet.BORN_IN_TRAFFIC);
    List<String> before = fleet.podNames();
    try (FakeDetector detector = new FakeDetector()) {
      BreakerConfigs.apply(client, BreakerConfigs.external(ns, detector.url(), PERIOD,
          "{mode: periodic, period: 4s}"));
      world.ensureLeading();
      BreakerConfigs.awaitRunning(client, ns, 10);
      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        try (Invariants.Window noOperator = invariants.outage(Outage.OPERATOR)) {
          world.stop();
          Deployments.restart(client, ns, "web");
          Deployments.awaitRolledOut(client, ns, "web", SOON);
          List<String> after = fleet.podNames();
          assertThat(Collections.disjoint(before, after)).as("every pod replaced").isTrue();
          assertThat(invariants.totals().fewestReadyEndpoints()).as("the fewest ready endpoints during the rollout")
              .isGreaterThanOrEqualTo(1);
          invariants.assertHeld();
          await("every new pod a ready endpoint").atMost(Limits.of(PERIOD).grace())
              .until(() -> fleet.readyEndpoints().equals(after));

          world.start();
          world.awaitLeading();
        }
        await("the operator back, finding every pod born in traffic").atMost(SOON)
            .until(() -> BreakerConfigs.condition(client, ns, Conditions.TEMPLATES_LABELLED)
                .map(c -> "True".equals(c.getStatus())).orElse(false)
                && Integer.valueOf(10).equals(BreakerConfigs.get(client, ns).getStatus().inTraffic));
        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.awaitSettled();
        System.out.println("rollout with no operator: " + invariants.totals().summary());
      }
    }
  }

  /**
   * Two replicas, the leader reaching the API server through a proxy that the test cuts while the leader keeps
   * running. Its pods' schedules stall for at most a Lease, then the other replica takes them over; once healed, the
   * old leader stays a follower. PartitionIT proves that the cut-off leader writes nothing; this proves that no pod
   * is stranded and the floor holds throughout.
   */
  @Test
  void aLeaderCutOffFromTheApiServerWhileAliveLeavesNoPodStranded(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("leader-cut-off") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 10, TestFleet.BORN_IN_TRAFFIC);
    List<String> bad = fleet.podNames().subList(0, 4);
    URI apiServer = URI.create(plane.apiServerUrl());
    Map<String, String> lease = Map.of("kubervisor.lease-namespace", world.leaseNamespace());
    world.stop();
    try (FakeDetector detector = new FakeDetector();
        TcpProxy proxy = TcpProxy.start(apiServer.getHost(), apiServer.getPort());
        OperatorProcess cutOff = OperatorProcess.start(plane.kubeconfigFor("replica-a", proxy.url()), lease)) {
      await("the replica behind the proxy leads").atMost(SOON).ignoreExceptions()
          .until(() -> OperatorMetrics.of(cutOff).leads());
      try (OperatorProcess successor = OperatorProcess.start(plane.kubeconfigFor("replica-b",
          plane.apiServerUrl()), lease)) {
        BreakerConfigs.apply(client, BreakerConfigs.external(ns, detector.url(), PERIOD,
            "{mode: periodic, period: 2s}"));
        BreakerConfigs.awaitRunning(client, ns, 10);
        try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
            Limits.of(PERIOD))) {
          // Out, back after 2 s, out again: schedules in progress at any moment of the cut.
          detector.anomalous(bad.toArray(String[]::new));
          await("pods cycling out and in").atMost(SOON).until(() -> invariants.totals().restores() >= bad.size());
          await("the other replica ready to take over").atMost(SOON).ignoreExceptions()
              .until(() -> successor.get("/health/ready").statusCode() == 200);

          try (Invariants.Window noLeader = invariants.outage(Outage.OPERATOR)) {
            proxy.cut();
            await("the other replica leads").atMost(SOON).ignoreExceptions()
                .until(() -> OperatorMetrics.of(successor).leads());
          }
          long restoresAtTakeover = invariants.totals().restores();
          await("the schedules going on under the new leader").atMost(SOON)
              .until(() -> invariants.totals().restores() >= restoresAtTakeover + bad.size());

          proxy.heal();
          await("the old leader, reconnected, stays alive and a follower").during(Duration.ofSeconds(5))
              .atMost(Duration.ofSeconds(20)).ignoreExceptions()
              .until(() -> cutOff.isAlive() && !OperatorMetrics.of(cutOff).leads());

          detector.anomalous();
          await("every pod back in traffic").atMost(SOON)
              .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 10);
          BreakerConfigs.deleteAndAwaitGone(client, ns);
          invariants.awaitSettled();
          System.out.println("leader cut off: " + invariants.totals().summary());
        }
      }
    }
  }

  private static String annotation(KubernetesClient client, String ns, String pod, String key) {
    return TrafficLabels.annotation(client.pods().inNamespace(ns).withName(pod).get(), key);
  }
}
