package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.annotations;
import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.events;
import static io.kubervisor.it.Fixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Operators as processes: killed, restarted, and two replicas with leader election. */
@WithLocalCluster
class HighAvailabilityIT {

  static FakeDetector detector;

  @BeforeAll
  static void start(LocalControlPlane plane) throws Exception {
    Crds.install(plane.adminClient());
    detector = new FakeDetector();
  }

  @AfterAll
  static void stop() {
    if (detector != null) {
      detector.close();
    }
  }

  private static void supervise(KubernetesClient client, String ns, String period) {
    apply(client, breakerConfig(ns, "web", """
        service: web
        breakers:
          - name: external
            evaluationPeriod: 1s
            warmup: 0s
            external:
              url: %s
        defaultActivator:
          mode: periodic
          period: %s
        """.formatted(detector.url(), period)));
  }

  @Test
  void aRestartedOperatorRestoresPodsOnSchedule(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("restart") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    String pod = fleet.podNames().get(0);
    detector.anomalous(pod);
    Map<String, String> lease = Map.of("kubervisor.lease-namespace", ns);
    try (OperatorProcess first = OperatorProcess.start(plane.kubeconfig(), lease)) {
      supervise(client, ns, "20s");
      await("broken").atMost(Duration.ofSeconds(60)).until(() -> fleet.traffic(pod), is(TrafficLabels.NO));
      detector.anomalous();
      first.kill();
    }
    Instant brokenAt = Instant.parse(annotations(client, ns, pod).get(TrafficLabels.BROKEN_AT));

    try (OperatorProcess second = OperatorProcess.start(plane.kubeconfig(), lease)) {
      await("restored by the new operator").atMost(Duration.ofSeconds(90))
          .until(() -> fleet.traffic(pod), is(TrafficLabels.YES));
      Instant restoredAt = Instant.parse(annotations(client, ns, pod).get(TrafficLabels.RESTORED_AT));
      // On schedule: not before the period, and late only by the new operator's start and the old one's lease.
      assertThat(restoredAt).isAfterOrEqualTo(brokenAt.plusSeconds(20));
    }
  }

  @Test
  void twoReplicasActOnceAndTheFollowerTakesOver(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("replicas") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 6);
    List<String> pods = fleet.podNames();
    Map<String, String> lease = Map.of("kubervisor.lease-namespace", ns);
    try (OperatorProcess a = OperatorProcess.start(plane.kubeconfig(), lease);
        OperatorProcess b = OperatorProcess.start(plane.kubeconfig(), lease)) {
      await("one leader").atMost(Duration.ofSeconds(60)).until(() -> a.logged("Leading") || b.logged("Leading"));
      OperatorProcess leader = a.logged("Leading") ? a : b;
      OperatorProcess follower = leader == a ? b : a;
      detector.anomalous(pods.get(0));
      supervise(client, ns, "10m");

      await("broken once").atMost(Duration.ofSeconds(60)).until(() -> fleet.traffic(pods.get(0)), is(TrafficLabels.NO));
      assertThat(annotations(client, ns, pods.get(0))).containsEntry(TrafficLabels.RETRIES, "1");
      // The Event follows the label patch; it is recorded once, by the leader.
      await("one OutOfTraffic event").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
          events(client, ns, pods.get(0))).filteredOn(e -> "OutOfTraffic".equals(e.getReason())).hasSize(1));
      assertThat(follower.logged("action=break")).isFalse();
      await("both replicas ready: readiness is the view of the cluster, not leading").atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> follower.get("/health/ready").statusCode() == 200
              && leader.get("/health/ready").statusCode() == 200);
      Scrape followerMetrics = Scrape.of(follower.httpUrl() + "/metrics");
      assertThat(followerMetrics.value("kubervisor_leader", Map.of())).hasValue(0.0);
      assertThat(followerMetrics.has("kubervisor_managed_pods")).as("only the leader reports fleets").isFalse();
      assertThat(Scrape.of(leader.httpUrl() + "/metrics").value("kubervisor_leader", Map.of())).hasValue(1.0);

      long killed = System.nanoTime();
      leader.kill();
      detector.anomalous(pods.get(0), pods.get(1));
      await("the follower leads and breaks").atMost(Duration.ofSeconds(60))
          .until(() -> fleet.traffic(pods.get(1)), is(TrafficLabels.NO));
      Duration failover = Duration.ofNanos(System.nanoTime() - killed);
      System.out.printf("failover: leader killed -> next breaker decision applied in %d ms%n", failover.toMillis());
      // The dead leader's Lease expires after 15 s; then one retry period (2 s) and one evaluation period (1 s).
      assertThat(failover).isLessThan(Duration.ofSeconds(15 + 2 + 1 + 3));
      assertThat(follower.logged("Leading")).isTrue();
      await("the new leader reports the fleet").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        Scrape metrics = Scrape.of(follower.httpUrl() + "/metrics");
        assertThat(metrics.value("kubervisor_leader", Map.of())).hasValue(1.0);
        assertThat(metrics.has("kubervisor_managed_pods")).isTrue();
      });
    }
  }
}
