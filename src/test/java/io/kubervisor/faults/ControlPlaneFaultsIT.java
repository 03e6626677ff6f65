package io.kubervisor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.it.FakeDetector;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API server away: stopped long enough for the leader to lose its Lease, then started again; and etcd compacted
 * under a restarted API server, so that every watch resuming from its old resourceVersion gets 410 Gone. The operator
 * rides both out, its pods' schedules go on, and it sees what changed since. The invariants hold throughout.
 */
@Tag("faults")
@WithLocalCluster
class ControlPlaneFaultsIT {

  private static final Duration PERIOD = Duration.ofSeconds(1);
  private static final Duration SOON = Duration.ofSeconds(60);

  @RegisterExtension
  static final OperatorWorld world = new OperatorWorld(Map.of());

  @Test
  void theLeaderGivesUpItsLeaseWhileTheApiServerIsDownAndResumesEveryScheduleOnceBack(LocalControlPlane plane,
      KubernetesClient client, @TestNamespace("apiserver-down") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 10, TestFleet.BORN_IN_TRAFFIC);
    List<String> pods = fleet.podNames();
    String cycling = pods.get(0);
    String badMeanwhile = pods.get(1);
    try (FakeDetector detector = new FakeDetector()) {
      BreakerConfigs.apply(client, BreakerConfigs.external(ns, detector.url(), PERIOD,
          "{mode: periodic, period: 3s}"));
      world.ensureLeading();
      BreakerConfigs.awaitRunning(client, ns, pods.size());
      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        // Out, back after its period, out again at the next evaluation: a schedule in progress at any moment.
        detector.anomalous(cycling);
        await("a pod cycling out and in").atMost(SOON).until(() -> invariants.totals().restores() >= 1);

        try (Invariants.Window noLeader = invariants.outage(Outage.OPERATOR)) {
          try (Invariants.Window noApiServer = invariants.outage(Outage.CONTROL_PLANE)) {
            plane.withApiServerDown(() -> {
              detector.anomalous(cycling, badMeanwhile);
              await("the leader gives up: it could not renew its Lease within the renew deadline").atMost(SOON)
                  .until(() -> world.operator().logged("Not leading any more"));
            });
          }
          world.awaitLeading();
        }
        long restoresBack = invariants.totals().restores();

        await("the pod that went bad meanwhile, out").atMost(SOON)
            .until(() -> fleet.traffic(badMeanwhile).equals(TrafficLabels.NO));
        await("the cycling pod's schedule going on").atMost(SOON)
            .until(() -> invariants.totals().restores() > restoresBack);
        assertThat(world.operator().isAlive()).isTrue();

        detector.anomalous();
        await("every pod back in traffic").atMost(SOON)
            .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == pods.size());
        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.awaitSettled();
        System.out.println("API server down: " + invariants.totals().summary());
      }
    }
  }

  @Test
  void afterAnEtcdCompactionEveryWatchGets410GoneAndTheOperatorSeesWhatChangedSince(LocalControlPlane plane,
      KubernetesClient client, @TestNamespace("compaction") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4, TestFleet.BORN_IN_TRAFFIC);
    try (FakeDetector detector = new FakeDetector()) {
      BreakerConfigs.apply(client, BreakerConfigs.external(ns, detector.url(), PERIOD,
          "{mode: periodic, period: 3s}"));
      world.ensureLeading();
      BreakerConfigs.awaitRunning(client, ns, 4);
      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        String before = client.pods().inNamespace(ns).list().getMetadata().getResourceVersion();

        try (Invariants.Window noLeader = invariants.outage(Outage.OPERATOR);
            Invariants.Window noApiServer = invariants.outage(Outage.CONTROL_PLANE)) {
          plane.compactEtcd();
        }
        assertThat(watchFrom(client, ns, before)).as("a watch from before the compaction")
            .isEqualTo(HttpURLConnection.HTTP_GONE);

        List<String> original = fleet.podNames();
        Deployments.scale(client, ns, "web", 5);
        String newcomer = await("a pod born after the compaction").atMost(SOON)
            .until(() -> bornSince(fleet, original), pod -> pod != null);
        detector.anomalous(newcomer);
        await("the operator's pod watch back: the newcomer out of traffic").atMost(SOON)
            .until(() -> TrafficLabels.NO.equals(fleet.traffic(newcomer)));
        assertThat(world.operator().get("/health/ready").statusCode()).as("readiness after a re-list")
            .isEqualTo(200);
        long generation = client.resources(BreakerConfig.class).inNamespace(ns).withName(BreakerConfigs.NAME)
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"defaultActivator\":{\"period\":\"2s\"}}}")
            .getMetadata().getGeneration();
        await("the operator's BreakerConfig watch back: the edit observed").atMost(SOON)
            .until(() -> Long.valueOf(generation)
                .equals(BreakerConfigs.get(client, ns).getStatus().observedGeneration));

        detector.anomalous();
        await("every pod back in traffic").atMost(SOON)
            .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 5);
        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.awaitSettled();
        System.out.println("etcd compaction: " + invariants.totals().summary());
      }
    }
  }

  /** The HTTP code that ends a watch of the namespace's pods from {@code resourceVersion}. */
  private static int watchFrom(KubernetesClient client, String ns, String resourceVersion) {
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    try (Watch watch = client.pods().inNamespace(ns).watch(resourceVersion, new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
      }

      @Override
      public void onClose(WatcherException cause) {
        closed.complete(cause.asClientException().getCode());
      }
    })) {
      return await("the watch ended").atMost(SOON).until(() -> closed.getNow(null), code -> code != null);
    } catch (KubernetesClientException refusedAtOnce) {
      return refusedAtOnce.getCode();
    }
  }

  private static String bornSince(TestFleet fleet, List<String> original) {
    List<String> now = new ArrayList<>(fleet.podNames());
    now.removeAll(original);
    return now.isEmpty() ? null : now.get(0);
  }
}
