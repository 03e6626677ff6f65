package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's runnable jar authenticated as the chart's ServiceAccount, with the chart's RBAC: enough to supervise,
 * a missing permission said plainly, and a namespace-scoped install confined to its namespace.
 */
@WithLocalCluster
class ChartRbacIT {

  private static final Duration DECISION = Duration.ofSeconds(60);
  /** How the API server words the 403 of a pod patch. */
  private static final String PATCH_PODS_FORBIDDEN = "cannot patch resource \"pods\"";

  static PodMetricsServer metrics;
  static LocalPrometheus prometheus;

  @BeforeAll
  static void start(LocalControlPlane plane) throws Exception {
    Crds.install(plane.adminClient());
    metrics = new PodMetricsServer();
    prometheus = LocalPrometheus.launch();
    prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  @Test
  void theClusterScopedRbacIsEnoughToTakeTheBadPodOut(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("rbac-release") String release, @TestNamespace("rbac-app") String app) throws Exception {
    List<HasMetadata> identity = installIdentity(client, release, "cluster");
    try (OperatorProcess operator = startAs(plane, release)) {
      TestFleet fleet = RequestFleets.fleet(client, metrics, app, 4);
      String bad = fleet.podNames().get(0);
      metrics.errorRatio(bad, 0.3);
      RequestFleets.awaitSeries(prometheus, app);

      Fixtures.apply(client, discreteBreakerConfig(app));

      await("the bad pod out of traffic").atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
          is(List.of(bad)));
      await("Ready").atMost(DECISION).until(() -> readyReason(client, app), is(Conditions.Reasons.RUNNING));
      await("the OutOfTraffic event, which follows the label patch").atMost(DECISION).untilAsserted(() ->
          assertThat(Fixtures.events(client, app, bad)).anySatisfy(e -> assertThat(e.getReason())
              .isEqualTo("OutOfTraffic")));
      deleteAndAwaitGone(client, app);
      assertThat(operator.log()).noneMatch(line -> line.toLowerCase().contains("forbidden"));
      // PodKiller's calls: eviction is granted, a plain DELETE only with rbac.allowPodDelete.
      try (KubernetesClient asOperator = ChartInstall.client(
          ChartInstall.serviceAccountKubeconfig(plane, release, serviceAccount(release)))) {
        assertForbidden(() -> asOperator.pods().inNamespace(app).withName(bad).delete());
        assertThat(asOperator.pods().inNamespace(app).withName(bad).evict()).isTrue();
      }
    } finally {
      ChartInstall.deleteClusterScoped(client, identity);
    }
  }

  @Test
  void withoutPatchOnPodsTheStatusAndTheLogSayForbidden(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("rbac-release") String release, @TestNamespace("rbac-app") String app) throws Exception {
    List<HasMetadata> identity = ChartInstall.ofKinds(ChartInstall.render(client, release, Map.of("scope", "cluster")),
        ChartInstall.IDENTITY_KINDS);
    PolicyRule pods = ChartInstall.find(identity, ClusterRole.class).getRules().stream()
        .filter(rule -> rule.getResources().equals(List.of("pods"))).findFirst().orElseThrow();
    pods.setVerbs(pods.getVerbs().stream().filter(verb -> !"patch".equals(verb)).toList());
    ChartInstall.apply(client, identity);
    try (OperatorProcess operator = startAs(plane, release)) {
      RequestFleets.fleet(client, metrics, app, 2);

      Fixtures.apply(client, discreteBreakerConfig(app));

      await("Ready=False, Forbidden").atMost(DECISION)
          .until(() -> readyReason(client, app), is(Conditions.Reasons.FORBIDDEN));
      assertThat(Fixtures.condition(Fixtures.get(client, app, "web-errors"), Conditions.READY).orElseThrow()
          .getMessage()).contains(PATCH_PODS_FORBIDDEN);
      await("the log says so").atMost(Duration.ofSeconds(10)).until(() -> operator.logged(PATCH_PODS_FORBIDDEN));
      deleteAndAwaitGone(client, app);
    } finally {
      ChartInstall.deleteClusterScoped(client, identity);
    }
  }

  @Test
  void theNamespaceScopedInstallNeitherSeesNorTouchesAnotherNamespace(LocalControlPlane plane,
      KubernetesClient client, @TestNamespace("rbac-own") String ns, @TestNamespace("rbac-other") String other)
      throws Exception {
    installIdentity(client, ns, "namespace");
    Path kubeconfig = ChartInstall.serviceAccountKubeconfig(plane, ns, serviceAccount(ns));
    TestFleet otherFleet = TestFleet.create(client, other, "web", 2);
    String otherPod = otherFleet.podNames().get(0);
    try (KubernetesClient asOperator = ChartInstall.client(kubeconfig)) {
      assertThat(asOperator.pods().inNamespace(ns).list().getItems()).isEmpty();
      // Secrets and ConfigMaps by name only; Services only through the informer.
      assertThat(asOperator.secrets().inNamespace(ns).withName("detector-auth").get()).isNull();
      assertThat(asOperator.configMaps().inNamespace(ns).withName("detector-ca").get()).isNull();
      assertForbidden(() -> asOperator.secrets().inNamespace(ns).list());
      assertForbidden(() -> asOperator.services().inNamespace(ns).withName("web").get());
      assertForbidden(() -> asOperator.pods().inNamespace(other).list());
      assertForbidden(() -> asOperator.pods().inNamespace(other).withName(otherPod).get());
      assertForbidden(() -> asOperator.pods().inNamespace(other).withName(otherPod).patch(
          PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"kubervisor/traffic\":\"no\"}}}"));
      assertForbidden(() -> asOperator.pods().inAnyNamespace().list());
    }
    // There before the operator starts: a watch of every namespace would see it at once.
    Fixtures.apply(client, discreteBreakerConfig(other));

    try (OperatorProcess operator = OperatorProcess.start(kubeconfig,
        Map.of("kubervisor.lease-namespace", ns, "kubervisor.namespace", ns))) {
      TestFleet fleet = RequestFleets.fleet(client, metrics, ns, 4);
      String bad = fleet.podNames().get(0);
      metrics.errorRatio(bad, 0.3);
      RequestFleets.awaitSeries(prometheus, ns);
      Fixtures.apply(client, discreteBreakerConfig(ns));

      await("the bad pod out of traffic").atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
          is(List.of(bad)));
      assertThat(operator.logged("supervising namespace " + ns)).isTrue();
      BreakerConfig ignored = Fixtures.get(client, other, "web-errors");
      assertThat(ignored.getMetadata().getFinalizers()).isEmpty();
      assertThat(ignored.getStatus()).isNull();
      assertThat(otherFleet.pods()).allSatisfy(pod -> assertThat(pod.getMetadata().getLabels())
          .doesNotContainKey(TrafficLabels.TRAFFIC));
      deleteAndAwaitGone(client, ns);
    }
  }

  /** The chart's ServiceAccount and RBAC for a release named after its namespace, applied as helm would. */
  private static List<HasMetadata> installIdentity(KubernetesClient client, String release, String scope)
      throws Exception {
    List<HasMetadata> identity = ChartInstall.ofKinds(ChartInstall.render(client, release, Map.of("scope", scope)),
        ChartInstall.IDENTITY_KINDS);
    ChartInstall.apply(client, identity);
    return identity;
  }

  /** The jar with the ServiceAccount's token, its Lease in the release namespace, as the chart's Deployment has it. */
  private static OperatorProcess startAs(LocalControlPlane plane, String release) throws Exception {
    Path kubeconfig = ChartInstall.serviceAccountKubeconfig(plane, release, serviceAccount(release));
    return OperatorProcess.start(kubeconfig, Map.of("kubervisor.lease-namespace", release));
  }

  /** The chart's name for a release named after its namespace. */
  private static String serviceAccount(String release) {
    return release + "-kubervisor";
  }

  private static void assertForbidden(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).isEqualTo(403));
  }

  private static String readyReason(KubernetesClient client, String ns) {
    return Fixtures.condition(Fixtures.get(client, ns, "web-errors"), Conditions.READY)
        .map(c -> c.getReason()).orElse(null);
  }

  /** Deleting runs the finalizer: the operator returns its pods and lets the BreakerConfig go. */
  private static void deleteAndAwaitGone(KubernetesClient client, String ns) {
    client.resources(BreakerConfig.class).inNamespace(ns).withName("web-errors").delete();
    await("the finalizer done").atMost(DECISION).until(() -> Fixtures.get(client, ns, "web-errors") == null);
  }

  private static BreakerConfig discreteBreakerConfig(String ns) {
    return RequestFleets.discreteBreakerConfig(prometheus, ns, "web-errors", "Enabled", 50);
  }
}
