package io.kubervisor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.api.v1alpha1.Conditions.Reasons;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.faults.FaultyPrometheus.Fault;
import io.kubervisor.it.PodMetricsServer;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.LocalPrometheus;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prometheus down, slower than the operator's timeout, answering garbage (HTML, truncated JSON, status:error, NaN
 * values), then back. While it fails, nothing moves, a bad pod stays in and a pod out stays out, and DetectorsHealthy
 * says why; once it answers again, the breaker judges as before. The invariants hold throughout.
 */
@Tag("faults")
@WithLocalCluster
class PrometheusFaultsIT {

  private static final Duration PERIOD = Duration.ofSeconds(1);
  private static final Duration SOON = Duration.ofSeconds(30);

  @RegisterExtension
  static final OperatorWorld world = new OperatorWorld(Map.of("kubervisor.prometheus-timeout", "2s"));

  @Test
  void whileTheDetectorFailsNothingMovesAndOnceBackTheBreakerJudgesAgain(KubernetesClient client,
      @TestNamespace("prometheus-faults") String ns) throws Exception {
    try (PodMetricsServer metrics = new PodMetricsServer();
        LocalPrometheus prometheus = LocalPrometheus.launch();
        FaultyPrometheus front = new FaultyPrometheus(prometheus.url())) {
      prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
      TestFleet fleet = TestFleet.create(client, ns, "web", 6, TestFleet.BORN_IN_TRAFFIC);
      List<String> pods = fleet.podNames();
      pods.forEach(pod -> metrics.addPod(ns, pod));
      String firstBad = pods.get(0);
      String heldIn = pods.get(1);
      prometheus.awaitSeries("http_requests_total{namespace=\"" + ns + "\"}", SOON);
      // A long period: no pod comes back by itself during the faults.
      BreakerConfigs.apply(client, BreakerConfigs.errorRatio(ns, front.url(), PERIOD, "{mode: periodic, period: 5m}"));
      world.awaitLeading();
      BreakerConfigs.awaitRunning(client, ns, pods.size());

      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        metrics.errorRatio(firstBad, 0.5);
        await("the first bad pod out of traffic").atMost(SOON)
            .until(() -> fleet.podsWithTraffic(TrafficLabels.NO).equals(List.of(firstBad)));
        FaultCheck check = new FaultCheck(client, ns, fleet, invariants, firstBad, heldIn);

        prometheus.stop();
        // Only now: no evaluation may have seen it bad before the detector fails.
        metrics.errorRatio(heldIn, 0.5);
        check.nothingMovesWhile("Prometheus down", detectorError("failed:"));
        front.fault(Fault.SLOW);
        prometheus.start();
        check.nothingMovesWhile("Prometheus slower than the timeout", detectorError("no answer in time"));
        front.fault(Fault.HTML);
        check.nothingMovesWhile("an HTML answer", detectorError("not JSON"));
        front.fault(Fault.TRUNCATED_JSON);
        check.nothingMovesWhile("truncated JSON", detectorError("not JSON"));
        front.fault(Fault.STATUS_ERROR);
        check.nothingMovesWhile("status: error", detectorError(FaultyPrometheus.QUERY_ERROR));
        front.fault(Fault.NAN_VALUES);
        check.nothingMovesWhile("NaN values", condition -> "False".equals(condition.getStatus())
            && Reasons.NO_DATA.equals(condition.getReason()));

        front.fault(Fault.NONE);
        await("the pod held in during the faults, out once Prometheus answers").atMost(SOON)
            .until(() -> fleet.podsWithTraffic(TrafficLabels.NO).equals(List.of(firstBad, heldIn)));
        await("DetectorsHealthy again").atMost(SOON).until(() -> BreakerConfigs.condition(client, ns,
            Conditions.DETECTORS_HEALTHY).map(c -> "True".equals(c.getStatus())).orElse(false));

        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.awaitSettled();
        System.out.println("prometheus faults: " + invariants.totals().summary());
      }
    }
  }

  private static Predicate<Condition> detectorError(String saying) {
    return condition -> "False".equals(condition.getStatus()) && Reasons.DETECTOR_ERROR.equals(condition.getReason())
        && condition.getMessage().contains(saying);
  }

  /** Checks one fault: the detector asked at least twice while it lasts, the status saying why, and nothing moved. */
  private record FaultCheck(KubernetesClient client, String ns, TestFleet fleet, Invariants invariants,
      String firstBad, String heldIn) {

    void nothingMovesWhile(String fault, Predicate<Condition> shown) throws Exception {
      double before = detectorCalls();
      Condition seen = await(fault + ": two evaluations, and DetectorsHealthy saying so").atMost(SOON)
          .ignoreExceptions()
          .until(() -> detectorCalls() >= before + 2
              ? BreakerConfigs.condition(client, ns, Conditions.DETECTORS_HEALTHY).filter(shown).orElse(null)
              : null, condition -> condition != null);
      System.out.printf("prometheus faults: %s -> DetectorsHealthy=%s %s: %s%n", fault, seen.getStatus(),
          seen.getReason(), seen.getMessage());
      assertThat(fleet.traffic(heldIn)).as("the bad pod, kept in while the detector fails: " + fault)
          .isEqualTo(TrafficLabels.YES);
      assertThat(fleet.traffic(firstBad)).as("the pod out, kept out: " + fault).isEqualTo(TrafficLabels.NO);
      InvariantTotals totals = invariants.totals();
      assertThat(totals.ejections() + totals.restores()).as("traffic moves").isEqualTo(1);
      invariants.assertHeld();
    }

    /** Detector calls of this namespace's BreakerConfig so far, answered or failed. */
    private double detectorCalls() throws Exception {
      OperatorMetrics metrics = world.metrics();
      Map<String, String> labels = Map.of("namespace", ns);
      return metrics.sum("kubervisor_detector_errors_total", labels)
          + metrics.sum("kubervisor_detector_request_duration_seconds_count", labels);
    }
  }
}
