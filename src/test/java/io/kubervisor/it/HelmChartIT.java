package io.kubervisor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubervisor.testing.Helm;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart on a real API server: both scopes render and apply with strict validation, the operator's pod passes
 * the restricted Pod Security Standard, and deploy/manifests/ are what the chart renders today.
 */
@WithLocalCluster
class HelmChartIT {

  /** Every optional template on, so the API server validates all of them. */
  private static final Map<String, String> ALL_TEMPLATES = Map.of(
      "dashboard.enabled", "true",
      "rbac.allowPodDelete", "true",
      "extraRoutes.scorer\\.camel\\.yaml", "- route:\n    id: detector-scorer");

  @ParameterizedTest
  @ValueSource(strings = {"cluster", "namespace"})
  void checkedInManifestsAreWhatTheChartRenders(String scope) throws IOException {
    Path checkedIn = Path.of("deploy/manifests/kubervisor-" + scope + ".yaml");
    assertThat(Files.readString(checkedIn))
        .as(checkedIn + " is stale: run " + Helm.RENDER_MANIFESTS)
        .isEqualTo(Helm.renderManifests(scope));
  }

  @Test
  void clusterScopeAppliesStrictlyAndItsPodsPassRestrictedPodSecurity(KubernetesClient client,
      @TestNamespace("helm-cluster") String ns) throws IOException {
    List<HasMetadata> objects = ChartInstall.render(client, ns, withScope("cluster"));
    try {
      installUnderRestrictedPodSecurity(client, ns, objects);

      assertThat(kinds(objects)).contains("ClusterRole", "ClusterRoleBinding").containsOnlyOnce("Role", "RoleBinding");
      assertThat(env(objects)).extracting(EnvVar::getName).doesNotContain("KUBERVISOR_NAMESPACE");
    } finally {
      ChartInstall.deleteClusterScoped(client, objects);
    }
  }

  @Test
  void namespaceScopeAppliesStrictlyAndGrantsNothingClusterWide(KubernetesClient client,
      @TestNamespace("helm-ns") String ns) throws IOException {
    List<HasMetadata> objects = ChartInstall.render(client, ns, withScope("namespace"));

    installUnderRestrictedPodSecurity(client, ns, objects);

    assertThat(kinds(objects)).doesNotContain("ClusterRole", "ClusterRoleBinding");
    assertThat(objects).filteredOn(o -> o instanceof Role).extracting(o -> o.getMetadata().getNamespace())
        .containsOnly(ns);
    assertThat(env(objects)).contains(new EnvVar("KUBERVISOR_NAMESPACE", ns, null));
  }

  @Test
  void applyRefusesAnUnknownField(KubernetesClient client, @TestNamespace("helm-strict") String ns) {
    Service typo = new ServiceBuilder().withNewMetadata().withName("typo").withNamespace(ns).endMetadata()
        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build();
    typo.getSpec().setAdditionalProperty("selectr", Map.of("app", "web"));

    // What makes the two tests above meaningful: a misspelt field in the chart would fail, not vanish.
    assertThatThrownBy(() -> ChartInstall.apply(client, List.of(typo)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(".spec.selectr: field not declared in schema");
  }

  /**
   * Applies everything with the namespace enforcing the restricted Pod Security Standard, then waits for the
   * Deployment's pods: the API server refuses to create a pod that breaks the standard.
   */
  private static void installUnderRestrictedPodSecurity(KubernetesClient client, String ns,
      List<HasMetadata> objects) {
    client.namespaces().withName(ns).edit(n -> {
      n.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
      return n;
    });
    ChartInstall.apply(client, objects);
    Deployment deployment = ChartInstall.find(objects, Deployment.class);
    await("the operator's 2 pods admitted").atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace(ns)
        .withLabels(deployment.getSpec().getSelector().getMatchLabels()).list().getItems().size() == 2);
  }

  private static Map<String, String> withScope(String scope) {
    Map<String, String> values = new HashMap<>(ALL_TEMPLATES);
    values.put("scope", scope);
    return values;
  }

  private static List<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(HasMetadata::getKind).toList();
  }

  private static List<EnvVar> env(List<HasMetadata> objects) {
    return ChartInstall.find(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnv();
  }
}
