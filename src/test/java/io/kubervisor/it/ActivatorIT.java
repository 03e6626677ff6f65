package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.annotations;
import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.events;
import static io.kubervisor.it.Fixtures.get;
import static io.kubervisor.it.Fixtures.hasKubervisorAnnotations;
import static io.kubervisor.it.Fixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Conditions;
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

/** The activator and the BreakerConfig lifecycle on the real control plane, driven by an external detector. */
@WithLocalCluster
class ActivatorIT {

  private static final Duration SOON = Duration.ofSeconds(40);

  static FakeDetector detector;
  static OperatorUnderTest operator;

  @BeforeAll
  static void start(LocalControlPlane plane, @TestNamespace("activator-lease") String leaseNamespace)
      throws Exception {
    Crds.install(plane.adminClient());
    detector = new FakeDetector();
    operator = OperatorUnderTest.start(plane.kubeconfig(), leaseNamespace);
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (detector != null) {
      detector.close();
    }
  }

  private static BreakerConfig config(String ns, String activator) {
    return breakerConfig(ns, "web", """
        service: web
        breakers:
          - name: external
            evaluationPeriod: 1s
            warmup: 0s
            minPodsAvailableRatio: 50
            external:
              url: %s
        defaultActivator:
        %s""".formatted(detector.url(), activator.indent(2)));
  }

  @Test
  void periodicBringsABrokenPodBackAfterItsPeriod(KubernetesClient client, @TestNamespace("periodic") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    String pod = fleet.podNames().get(0);
    detector.anomalous(pod);
    apply(client, config(ns, "mode: periodic\nperiod: 3s"));
    await("broken").atMost(SOON).until(() -> fleet.traffic(pod), is(TrafficLabels.NO));
    detector.healthy(pod);

    await("back in traffic").atMost(SOON).until(() -> fleet.traffic(pod), is(TrafficLabels.YES));

    Map<String, String> annotations = annotations(client, ns, pod);
    Instant brokenAt = Instant.parse(annotations.get(TrafficLabels.BROKEN_AT));
    Instant restoredAt = Instant.parse(annotations.get(TrafficLabels.RESTORED_AT));
    assertThat(Duration.between(brokenAt, restoredAt)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6));
    await().atMost(SOON).until(fleet::readyEndpoints, org.hamcrest.Matchers.hasItem(pod));
  }

  @Test
  void retryAndKillEvictsAPodThatKeepsFailingAndItsDeploymentReplacesIt(KubernetesClient client,
      @TestNamespace("kill") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    String pod = fleet.podNames().get(1);
    detector.anomalous(pod);

    apply(client, config(ns, "mode: retryAndKill\nperiod: 1s\nmaxRetryCount: 2"));

    await("evicted").atMost(Duration.ofSeconds(60)).until(() -> !fleet.podNames().contains(pod));
    await("replaced and labelled on sight").atMost(SOON).untilAsserted(() ->
        assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).hasSize(4).doesNotContain(pod));
    assertThat(events(client, ns, "web")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Evicted"));
  }

  @Test
  void aPodDisruptionBudgetStopsTheKillAndTheStatusSaysSo(KubernetesClient client,
      @TestNamespace("pdb") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    client.policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withMinAvailable(new IntOrString(4)).withNewSelector().addToMatchLabels("app", "web")
        .endSelector().endSpec().build()).create();
    String pod = fleet.podNames().get(2);
    detector.anomalous(pod);

    apply(client, config(ns, "mode: retryAndKill\nperiod: 1s\nmaxRetryCount: 1"));

    await("the refusal in the status").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(Fixtures.status(client, ns, "web").pods).anySatisfy(p -> {
          assertThat(p.name).isEqualTo(pod);
          assertThat(p.activator).contains("EvictionRefused");
        }));
    assertThat(fleet.podNames()).contains(pod);
    assertThat(fleet.traffic(pod)).isEqualTo(TrafficLabels.NO);
    assertThat(events(client, ns, pod)).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("EvictionRefused"));
  }

  @Test
  void retryAndPausePausesThenKillsPastMaxPauseCountAndResumeBringsBack(KubernetesClient client,
      @TestNamespace("pause") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 6);
    String first = fleet.podNames().get(0);
    detector.anomalous(first);
    apply(client, config(ns, "mode: retryAndPause\nperiod: 1s\nmaxRetryCount: 1\nmaxPauseCount: 1"));
    await("paused").atMost(SOON).until(() -> fleet.traffic(first), is(TrafficLabels.PAUSE));

    String second = fleet.podNames().get(1);
    detector.anomalous(first, second);
    await("the second one killed: one pod may be paused").atMost(Duration.ofSeconds(60))
        .until(() -> !fleet.podNames().contains(second));
    assertThat(fleet.traffic(first)).isEqualTo(TrafficLabels.PAUSE);

    detector.anomalous();
    client.pods().inNamespace(ns).withName(first).edit(p -> {
      p.getMetadata().getAnnotations().put(TrafficLabels.RESUME, "true");
      return p;
    });
    await("resumed with a clean record").atMost(SOON).until(() -> fleet.traffic(first), is(TrafficLabels.YES));
    assertThat(hasKubervisorAnnotations(client, ns, first)).isFalse();
  }

  @Test
  void retryCountResetsAfterResetAfterInTraffic(KubernetesClient client, @TestNamespace("reset") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    String pod = fleet.podNames().get(3);
    detector.anomalous(pod);
    apply(client, config(ns, "mode: retryAndKill\nperiod: 1s\nmaxRetryCount: 3\nresetAfter: 3s"));
    await("broken").atMost(SOON).until(() -> fleet.traffic(pod), is(TrafficLabels.NO));
    detector.healthy(pod);
    await("restored").atMost(SOON).until(() -> fleet.traffic(pod), is(TrafficLabels.YES));
    assertThat(annotations(client, ns, pod)).containsEntry(TrafficLabels.RETRIES, "1");

    await("retries forgotten").atMost(SOON).until(() -> hasKubervisorAnnotations(client, ns, pod), is(false));
  }

  @Test
  void podsLeavingTheSelectorAreReleasedAndAMissingServiceStopsTheEvaluations(KubernetesClient client,
      @TestNamespace("selector") String ns) throws Exception {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    List<String> pods = fleet.podNames();
    detector.anomalous(pods.get(0));
    apply(client, config(ns, "mode: periodic\nperiod: 10m"));
    await("broken").atMost(SOON).until(() -> fleet.traffic(pods.get(0)), is(TrafficLabels.NO));
    detector.anomalous();

    pods.subList(1, 4).forEach(pod -> client.pods().inNamespace(ns).withName(pod).edit(p -> {
      p.getMetadata().getLabels().put("tier", "front");
      return p;
    }));
    client.services().inNamespace(ns).withName("web").edit(s -> {
      s.getSpec().getSelector().put("tier", "front");
      return s;
    });
    await("released with a clean record").atMost(SOON).until(() -> fleet.traffic(pods.get(0)), is(TrafficLabels.YES));
    assertThat(hasKubervisorAnnotations(client, ns, pods.get(0))).isFalse();

    var service = client.services().inNamespace(ns).withName("web").get();
    client.services().inNamespace(ns).withName("web").delete();
    await("ServiceFound=False").atMost(SOON).untilAsserted(() ->
      assertThat(Fixtures.condition(get(client, ns, "web"), Conditions.SERVICE_FOUND))
          .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False")));
    long evaluations = Fixtures.evaluations(ns, "web");
    await().during(Duration.ofSeconds(3)).atMost(SOON).until(() -> Fixtures.evaluations(ns, "web") == evaluations);

    service.getMetadata().setResourceVersion(null);
    service.getSpec().setClusterIP(null);
    service.getSpec().setClusterIPs(null);
    client.resource(service).create();
    await("evaluations back with the Service").atMost(SOON)
        .until(() -> Fixtures.evaluations(ns, "web") > evaluations);
  }

  @Test
  void deletingTheBreakerConfigReturnsEveryPodToTraffic(KubernetesClient client,
      @TestNamespace("delete") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 6);
    List<String> pods = fleet.podNames();
    detector.anomalous(pods.get(0), pods.get(1));
    apply(client, config(ns, "mode: retryAndPause\nperiod: 1s\nmaxRetryCount: 0\nmaxPauseCount: 1\n"
        + "killMethod: Evict"));
    await("one paused, one broken or gone").atMost(SOON)
        .until(() -> fleet.podsWithTraffic(TrafficLabels.PAUSE).size() == 1);
    detector.anomalous();
    // A pod the Deployment adds after the deletion is no longer kubervisor's: let the replacement arrive first.
    await("the killed pod replaced and labelled").atMost(SOON).until(() -> fleet.pods().size() == 6
        && fleet.pods().stream().allMatch(p -> p.getMetadata().getLabels().containsKey(TrafficLabels.TRAFFIC)));

    client.resources(BreakerConfig.class).inNamespace(ns).withName("web").delete();

    await("the BreakerConfig gone once its pods are back").atMost(SOON).until(() -> get(client, ns, "web") == null);
    assertThat(fleet.pods()).allSatisfy(p -> {
      assertThat(p.getMetadata().getLabels()).containsEntry(TrafficLabels.TRAFFIC, TrafficLabels.YES);
      assertThat(hasKubervisorAnnotations(client, ns, p.getMetadata().getName())).isFalse();
    });
    await("every pod in the EndpointSlice").atMost(SOON).until(fleet::readyEndpoints, is(fleet.podNames()));
  }
}
