package io.kubervisor.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** Failures a real cluster gives rarely, or only when broken, on a mock API server. */
@EnableKubernetesMockClient
class ClusterTest {

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void withoutTheCrdEveryBreakerConfigCommandSaysHowToInstallIt() {
    Cluster cluster = new Cluster(client, "shop");

    assertThatThrownBy(() -> cluster.breakerConfigs(false)).isInstanceOf(CliException.class)
        .hasMessageStartingWith("the BreakerConfig CRD is not installed in the cluster at http")
        .hasMessageEndingWith("; install it: kubectl apply -f deploy/crd/");
    assertThatThrownBy(() -> cluster.breakerConfig("web"))
        .hasMessageStartingWith("the BreakerConfig CRD is not installed");
  }

  @Test
  void aRefusalNamesTheActionAndThePermissionToAskFor() {
    server.expect().get().withPath("/api/v1/namespaces/shop/services/web").andReturn(403, new StatusBuilder()
        .withCode(403).withMessage("services \"web\" is forbidden: User \"dev\" cannot get resource \"services\"")
        .build()).once();
    Cluster cluster = new Cluster(client, "shop");

    assertThatThrownBy(() -> cluster.service("web")).isInstanceOf(CliException.class)
        .hasMessage("not allowed to read Service web in namespace shop: services \"web\" is forbidden: User \"dev\""
            + " cannot get resource \"services\"; ask a cluster admin for that RBAC permission");
  }
}
