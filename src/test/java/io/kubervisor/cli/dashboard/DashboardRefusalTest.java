package io.kubervisor.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubervisor.cli.CliException;
import org.junit.jupiter.api.Test;

/** A dashboard whose watch is refused does not start: the command stops with the API server's words. */
@EnableKubernetesMockClient
class DashboardRefusalTest {

  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void aRefusedWatchStopsItWithTheApiServersWords() {
    server.expect().get().withPath("/apis/kubervisor.io/v1alpha1/namespaces/shop/breakerconfigs?resourceVersion=0")
        .andReturn(403, new StatusBuilder().withCode(403).withMessage("breakerconfigs.kubervisor.io is forbidden:"
            + " User \"dev\" cannot list resource \"breakerconfigs\"").build()).always();

    assertThatThrownBy(() -> Dashboard.start(client, new Scope("shop"), 0)).isInstanceOf(CliException.class)
        .hasMessage("not allowed to watch BreakerConfigs in namespace shop: breakerconfigs.kubervisor.io is"
            + " forbidden: User \"dev\" cannot list resource \"breakerconfigs\"; ask a cluster admin for that RBAC"
            + " permission");
  }
}
