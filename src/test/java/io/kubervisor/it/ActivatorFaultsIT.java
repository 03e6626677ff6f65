package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.annotations;
import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.is;
import static io.kubervisor.testing.AdmissionWebhook.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.AdmissionWebhook;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The activator when a write fails for one pod: the other pods' restores stay on time. A webhook makes the faults a
 * real cluster gives only by bad luck: a 404 for a pod deleted between the cache read and the write, and a 500 for an
 * eviction.
 */
@WithLocalCluster
class ActivatorFaultsIT {

  private static final Duration PERIOD = Duration.ofSeconds(3);
  /** How late a restore may come: a pass is due at the period, and runs within a dispatch tick or two of it. */
  private static final Duration LATENESS = Duration.ofSeconds(3);
  private static final Duration SOON = Duration.ofSeconds(30);
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(.*\\)$");

  private static BreakerConfig config(String ns, FakeDetector restoring, FakeDetector killing) {
    return breakerConfig(ns, "web", """
        service: web
        breakers:
          - name: restored
            evaluationPeriod: 1s
            warmup: 0s
            minPodsAvailableRatio: 20
            external:
              url: %s
            activator:
              mode: periodic
              period: %ds
          - name: killed
            evaluationPeriod: 1s
            warmup: 0s
            minPodsAvailableRatio: 20
            external:
              url: %s
            activator:
              mode: retryAndKill
              maxRetryCount: 0
              period: 1s
        """.formatted(restoring.url(), PERIOD.toSeconds(), killing.url()));
  }

  @Test
  void aVanishedPodAndAFailedEvictionLeaveTheOtherRestoresOnTime(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("activator-faults") String ns) throws Exception {
    Crds.install(client);
    TestFleet fleet = TestFleet.create(client, ns, "web", 5);
    // In the order the activator acts on them, by name: the failing writes come before C's restore.
    List<String> pods = fleet.podNames();
    String a = pods.get(0);
    String b = pods.get(1);
    String c = pods.get(2);
    // When the webhook refused each write: the operator's clock and ours are the machine's.
    List<Instant> refusedRestores = new CopyOnWriteArrayList<>();
    List<Instant> refusedEvictions = new CopyOnWriteArrayList<>();
    Map<String, String> lease = Map.of("kubervisor.lease-namespace", ns);
    try (FakeDetector restoring = new FakeDetector(); FakeDetector killing = new FakeDetector();
        OperatorProcess operator = OperatorProcess.start(plane.kubeconfig(), lease)) {
      apply(client, config(ns, restoring, killing));
      // Before the webhook: labelling A on sight is the same write as restoring it.
      await("every pod labelled on sight").atMost(Duration.ofSeconds(60))
          .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 5);

      try (AdmissionWebhook webhook = AdmissionWebhook.register(client, "activator-faults", ns,
          List.of(rule("UPDATE", "pods"), rule("CREATE", "pods/eviction")), request -> {
            boolean restoringA = request.name().equals(a) && request.subResource().isEmpty()
                && TrafficLabels.YES.equals(request.object().path("metadata").path("labels")
                    .path(TrafficLabels.TRAFFIC).asText(null));
            if (restoringA) {
              refusedRestores.add(Instant.now());
              return Optional.of(404);
            }
            if (request.name().equals(b) && request.subResource().equals("eviction")) {
              refusedEvictions.add(Instant.now());
              return Optional.of(500);
            }
            return Optional.empty();
          })) {
        // B first: at its first break it is due for eviction, whatever its detector says next.
        killing.anomalous(b);
        await("B out of traffic").atMost(SOON).until(() -> fleet.traffic(b), is(TrafficLabels.NO));
        restoring.anomalous(a, c);
        await("A and C out of traffic").atMost(SOON)
            .until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(List.of(a, b, c)));
        restoring.anomalous();
        killing.anomalous();

        Instant due = Instant.parse(annotations(client, ns, c).get(TrafficLabels.BROKEN_AT)).plus(PERIOD);
        await("C back in traffic on time").atMost(Duration.between(Instant.now(), due.plus(LATENESS)))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> fleet.traffic(c), is(TrafficLabels.YES));
        Instant restoredAt = Instant.parse(annotations(client, ns, c).get(TrafficLabels.RESTORED_AT));
        assertThat(restoredAt).isBetween(due, due.plus(LATENESS));
        // The pass that restored C had tried A and B first (they come first by name, and are due), and went on.
        assertThat(refusedRestores).anySatisfy(at -> assertThat(at).isBetween(due, restoredAt));
        assertThat(refusedEvictions).anySatisfy(at -> assertThat(at).isBetween(due, restoredAt));
        await("A's restore and B's eviction tried again by the next passes").atMost(SOON)
            .until(() -> countAfter(refusedRestores, restoredAt) >= 2 && countAfter(refusedEvictions, restoredAt) >= 2);
        assertThat(fleet.traffic(a)).isEqualTo(TrafficLabels.NO);
        assertThat(fleet.podNames()).contains(b);
        assertThat(fleet.traffic(b)).isEqualTo(TrafficLabels.NO);
        await("the failed eviction in the status").atMost(SOON).untilAsserted(() ->
            assertThat(Fixtures.status(client, ns, "web").pods).anySatisfy(pod -> {
              assertThat(pod.name).isEqualTo(b);
              assertThat(pod.activator).contains("HTTP 500");
            }));
        assertThat(operator.log()).filteredOn(line -> line.contains("pod " + b + ": ") && line.contains("HTTP 500"))
            .as("the failed eviction logged once, not at every pass").hasSize(1);
        assertThat(operator.log()).as("the vanished pod skipped quietly")
            .noneMatch(line -> line.contains(a) && (line.contains(" WARN ") || line.contains(" ERROR ")));
        assertThat(operator.log()).as("no stack trace").noneMatch(line -> STACK_FRAME.matcher(line).matches());
      }

      await("A back in traffic").atMost(SOON).until(() -> fleet.traffic(a), is(TrafficLabels.YES));
      await("B evicted and replaced").atMost(SOON).untilAsserted(() ->
          assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).hasSize(5).doesNotContain(b));
    }
  }

  private static long countAfter(List<Instant> times, Instant start) {
    return times.stream().filter(start::isBefore).count();
  }
}
