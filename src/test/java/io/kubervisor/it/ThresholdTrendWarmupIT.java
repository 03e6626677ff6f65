package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.annotations;
import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The threshold and trend detectors and the warmup grace, with real Prometheus fitting real series. */
@WithLocalCluster
class ThresholdTrendWarmupIT {

  private static final Duration SOON = Duration.ofSeconds(60);

  @RegisterExtension
  static final SupervisedWorld world = new SupervisedWorld("trend-lease");


  private static TestFleet fleet(KubernetesClient client, String ns, int replicas) {
    TestFleet fleet = RequestFleets.fleet(client, world.metrics, ns, replicas);
    world.prometheus.awaitSeries("pod_value{namespace=\"" + ns + "\"}", Duration.ofSeconds(60));
    return fleet;
  }

  @Test
  void thresholdEjectsAPodAboveTheBoundForNEvaluationsButNotASpike(KubernetesClient client,
      @TestNamespace("threshold") String ns) {
    TestFleet fleet = fleet(client, ns, 6);
    List<String> pods = fleet.podNames();
    apply(client, breakerConfig(ns, "queue", """
        service: web
        breakers:
          - name: queue-depth
            evaluationPeriod: 1s
            warmup: 0s
            threshold:
              prometheusService: %s
              promQL: max by (pod) (pod_value{namespace="%s"})
              above: 500
              forEvaluations: 5
        """.formatted(world.prometheus.url(), ns)));
    await("evaluating").atMost(SOON).until(() -> !Fixtures.status(client, ns, "queue").lastEvaluation.isEmpty());

    world.metrics.value(pods.get(0), seconds -> 600);
    world.metrics.value(pods.get(1), seconds -> seconds < 1.5 ? 600 : 100);

    await("the sustained one out").atMost(SOON).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
        is(List.of(pods.get(0))));
    assertThat(annotations(client, ns, pods.get(0)).get(TrafficLabels.REASON))
        .contains("above 500").contains("5 consecutive evaluations");
    assertThat(fleet.traffic(pods.get(1))).isEqualTo(TrafficLabels.YES);
  }

  @Test
  void aRelativeBreakerWaitsForItsStreakButAPodStillBadOnItsRetryGoesOutAtOnce(KubernetesClient client,
      @TestNamespace("streak") String ns) {
    TestFleet fleet = fleet(client, ns, 6);
    String bad = fleet.podNames().get(3);
    apply(client, breakerConfig(ns, "latency", """
        service: web
        breakers:
          - name: slow
            evaluationPeriod: 1s
            warmup: 0s
            continuousValueDeviation:
              prometheusService: %s
              promQL: max by (pod) (pod_value{namespace="%s"})
              maxDeviationPercent: 50
              forEvaluations: 4
        defaultActivator:
          mode: periodic
          period: 2s
        """.formatted(world.prometheus.url(), ns)));
    await("evaluating").atMost(SOON).until(() -> !Fixtures.status(client, ns, "latency").lastEvaluation.isEmpty());

    world.metrics.value(bad, seconds -> 600);

    await("out after its streak").atMost(SOON).until(() -> String.valueOf(annotations(client, ns, bad)
        .get(TrafficLabels.REASON)).contains("4 consecutive evaluations"));
    await("still bad on its retry: out again at its first anomalous evaluation").atMost(SOON)
        .until(() -> String.valueOf(annotations(client, ns, bad).get(TrafficLabels.REASON)).endsWith("on its retry"));
    assertThat(fleet.podsWithTraffic(TrafficLabels.NO)).containsExactly(bad);
  }

  @Test
  void trendEjectsARisingPodBeforeItCrossesTheBound(KubernetesClient client, @TestNamespace("leak") String ns) {
    TestFleet fleet = fleet(client, ns, 6);
    String leaking = fleet.podNames().get(2);
    world.metrics.value(leaking, seconds -> 100 + 10 * seconds);
    Instant rampStart = Instant.now();
    apply(client, breakerConfig(ns, "memory", """
        service: web
        breakers:
          - name: leak
            evaluationPeriod: 1s
            warmup: 0s
            trend:
              prometheusService: %s
              promQL: max by (pod) (pod_value{namespace="%s"})
              window: 20s
              bound: 1000
              horizon: 2m
        """.formatted(world.prometheus.url(), ns)));

    await("the leaking pod out").atMost(SOON).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
        is(List.of(leaking)));
    Instant brokenAt = Instant.parse(annotations(client, ns, leaking).get(TrafficLabels.BROKEN_AT));
    // At 10/s from 100, it reaches the bound of 1000 after 90 s: it left well before.
    assertThat(Duration.between(rampStart, brokenAt)).isLessThan(Duration.ofSeconds(90));
    assertThat(annotations(client, ns, leaking).get(TrafficLabels.REASON)).contains("above the bound 1000");
  }

  @Test
  void aFleetWideRampEjectsNobodyWhenFleetRelative(KubernetesClient client, @TestNamespace("ramp") String ns) {
    TestFleet fleet = fleet(client, ns, 6);
    fleet.podNames().forEach(pod -> world.metrics.value(pod, seconds -> 100 + 10 * seconds));
    apply(client, breakerConfig(ns, "traffic", """
        service: web
        breakers:
          - name: ramp
            evaluationPeriod: 1s
            warmup: 0s
            trend:
              prometheusService: %s
              promQL: max by (pod) (pod_value{namespace="%s"})
              window: 20s
              maxSlope: 2
              bound: 1000
              horizon: 2m
              fleetRelative: true
        """.formatted(world.prometheus.url(), ns)));

    await("judged").atMost(SOON).until(() -> Fixtures.status(client, ns, "traffic").lastEvaluation.stream()
        .anyMatch(e -> e.evaluated != null && e.evaluated == 6));
    await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15))
        .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 6);
  }

  @Test
  void aPodWarmingUpIsLeftAloneUntilItsWarmupEnds(KubernetesClient client, @TestNamespace("warmup") String ns) {
    TestFleet fleet = fleet(client, ns, 4);
    String cold = fleet.podNames().get(0);
    world.metrics.value(cold, seconds -> 900);
    apply(client, breakerConfig(ns, "jvm", """
        service: web
        breakers:
          - name: slow-start
            evaluationPeriod: 1s
            warmup: 25s
            threshold:
              prometheusService: %s
              promQL: max by (pod) (pod_value{namespace="%s"})
              above: 500
        """.formatted(world.prometheus.url(), ns)));

    await("ejected once warm").atMost(SOON).until(() -> fleet.traffic(cold), is(TrafficLabels.NO));
    Instant readySince = ServicePods.readySince(client.pods().inNamespace(ns).withName(cold).get());
    Instant brokenAt = Instant.parse(annotations(client, ns, cold).get(TrafficLabels.BROKEN_AT));
    assertThat(brokenAt).isAfterOrEqualTo(readySince.plusSeconds(25));
  }
}
