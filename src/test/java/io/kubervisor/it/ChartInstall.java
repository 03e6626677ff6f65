package io.kubervisor.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.testing.Helm;
import io.kubervisor.testing.LocalControlPlane;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Helm chart as a user installs it on the test control plane: rendered by helm, applied with server-side apply and
 * strict field validation (an unknown or duplicate field fails instead of being dropped), and credentials of its
 * ServiceAccount from the TokenRequest API.
 */
public final class ChartInstall {

  /** What the operator needs to run as the chart's ServiceAccount, without its Deployment. */
  public static final Set<String> IDENTITY_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  private static final PatchContext STRICT_APPLY = new PatchContext.Builder()
      .withPatchType(PatchType.SERVER_SIDE_APPLY)
      .withFieldManager("kubervisor-chart-test")
      .withForce(true)
      .withFieldValidation("Strict")
      .build();

  private ChartInstall() {}

  /** The chart rendered for a release named after its namespace, so cluster-scoped names never collide. */
  public static List<HasMetadata> render(KubernetesClient client, String namespace, Map<String, String> values)
      throws IOException {
    String yaml = Helm.template(namespace, namespace, values);
    return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
  }

  public static List<HasMetadata> ofKinds(List<HasMetadata> objects, Set<String> kinds) {
    return objects.stream().filter(o -> kinds.contains(o.getKind())).toList();
  }

  public static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " rendered"));
  }

  public static void apply(KubernetesClient client, List<HasMetadata> objects) {
    objects.forEach(object -> client.resource(object).patch(STRICT_APPLY));
  }

  /** Deletes what a namespace's deletion leaves behind: the cluster-scoped objects. */
  static void deleteClusterScoped(KubernetesClient client, List<HasMetadata> objects) {
    objects.stream().filter(o -> o.getMetadata().getNamespace() == null)
        .filter(o -> !"CustomResourceDefinition".equals(o.getKind()))
        .forEach(o -> client.resource(o).delete());
  }

  /** A kubeconfig that authenticates as the ServiceAccount, with a bound token from the TokenRequest API. */
  public static Path serviceAccountKubeconfig(LocalControlPlane plane, String namespace, String serviceAccount)
      throws IOException {
    String token = plane.adminClient().serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: test
          context:
            cluster: test
            user: %s
            namespace: %s
        current-context: test
        """.formatted(plane.apiServerUrl(), plane.adminClient().getConfiguration().getCaCertData(), serviceAccount,
        token, serviceAccount, namespace);
    Path file = Files.createTempFile("kubeconfig-" + serviceAccount, ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, yaml);
    return file;
  }

  static KubernetesClient client(Path kubeconfig) throws IOException {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }
}
