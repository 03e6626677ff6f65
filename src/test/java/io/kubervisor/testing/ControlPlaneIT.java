package io.kubervisor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Proves that {@link LocalControlPlane} is a real cluster: controllers, scheduler, kwok pods, endpoint slices. */
@WithLocalCluster
class ControlPlaneIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APP = "x";
    private static final String TRAFFIC = "kubervisor/traffic";

    @Test
    void deploymentBehindServiceBecomesThreeReadyEndpoints(KubernetesClient client, @TestNamespace String ns) {
        deployBehindService(client, ns);

        Set<String> podIps = awaitRunningPodIps(client, ns, 3);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(endpointIps(client, ns, true))
                .containsExactlyInAnyOrderElementsOf(podIps));
        assertThat(endpointIps(client, ns, false)).hasSize(3);
        assertThat(podIps).allSatisfy(ip -> assertThat(ip).startsWith("10.244."));
    }

    @Test
    void podRelabelledTrafficNoLeavesTheEndpointSlice(KubernetesClient client, @TestNamespace String ns) {
        deployBehindService(client, ns);
        Set<String> podIps = awaitRunningPodIps(client, ns, 3);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(endpointIps(client, ns, true))
                .containsExactlyInAnyOrderElementsOf(podIps));

        Pod victim = client.pods().inNamespace(ns).withLabel("app", APP).list().getItems().get(0);
        client.pods().inNamespace(ns).withName(victim.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), """
                        {"metadata": {"labels": {"kubervisor/traffic": "no"}}}""");

        String victimIp = victim.getStatus().getPodIP();
        Set<String> others = podIps.stream().filter(ip -> !ip.equals(victimIp)).collect(Collectors.toSet());
        // Gone from the slice, not merely marked not ready: all endpoints, ready or not, are the other two.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(endpointIps(client, ns, false))
                .containsExactlyInAnyOrderElementsOf(others));
        assertThat(endpointIps(client, ns, true)).containsExactlyInAnyOrderElementsOf(others);
        // The Deployment selects on app only, so the relabelled pod is still its own and is not replaced.
        assertThat(client.pods().inNamespace(ns).withLabel("app", APP).list().getItems()).hasSize(3);
    }

    @Test
    void versionIsTheUpstreamRelease(KubernetesClient client) {
        VersionInfo version = client.getKubernetesVersion();

        assertThat(version.getGitVersion()).isEqualTo("v1.35.4");
        assertThat(version.getMajor()).isEqualTo("1");
        assertThat(version.getMinor()).isEqualTo("35");
        assertThat(version.getGitTreeState()).isEqualTo("clean");
    }

    @Test
    void clientAndInformerSurviveApiServerRestart(LocalControlPlane plane, @TestNamespace String ns) {
        KubernetesClient client = plane.adminClient();
        String url = plane.apiServerUrl();
        try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform()) {
            await().atMost(TIMEOUT).until(informer::hasSynced);

            plane.restartApiServer();

            assertThat(plane.apiServerUrl()).isEqualTo(url);
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("after-restart").endMetadata()
                    .withData(Map.of("k", "v"))
                    .build()).create();
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(informer.getStore().listKeys())
                    .contains(ns + "/after-restart"));
        }
    }

    /** 3 replicas selected by app=x; the Service also requires kubervisor/traffic=yes. */
    private static void deployBehindService(KubernetesClient client, String ns) {
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName(APP).endMetadata()
                .withNewSpec()
                    .withReplicas(3)
                    .withNewSelector().addToMatchLabels("app", APP).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().addToLabels("app", APP).addToLabels(TRAFFIC, "yes").endMetadata()
                        .withNewSpec()
                            .addNewContainer()
                                .withName("app")
                                .withImage("registry.invalid/kubervisor/x:1")
                                .addNewPort().withContainerPort(8080).endPort()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build()).create();
        client.services().inNamespace(ns).resource(new ServiceBuilder()
                .withNewMetadata().withName(APP).endMetadata()
                .withNewSpec()
                    .addToSelector("app", APP)
                    .addToSelector(TRAFFIC, "yes")
                    .addNewPort().withPort(80).withNewTargetPort(8080).endPort()
                .endSpec()
                .build()).create();
    }

    private static Set<String> awaitRunningPodIps(KubernetesClient client, String ns, int count) {
        return await().atMost(TIMEOUT).until(() -> {
            List<Pod> pods = client.pods().inNamespace(ns).withLabel("app", APP).list().getItems();
            boolean allReady = pods.stream().allMatch(pod -> "Running".equals(pod.getStatus().getPhase())
                    && pod.getStatus().getPodIP() != null
                    && pod.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
            return pods.size() == count && allReady
                    ? pods.stream().map(pod -> pod.getStatus().getPodIP()).collect(Collectors.toSet())
                    : null;
        }, ips -> ips != null);
    }

    /** Endpoint addresses in the Service's EndpointSlices; a list, so a duplicate would show. */
    private static List<String> endpointIps(KubernetesClient client, String ns, boolean readyOnly) {
        List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace(ns)
                .withLabel("kubernetes.io/service-name", APP).list().getItems();
        return slices.stream()
                .flatMap(slice -> slice.getEndpoints() == null ? Stream.<Endpoint>empty() : slice.getEndpoints().stream())
                .filter(endpoint -> !readyOnly || Boolean.TRUE.equals(endpoint.getConditions().getReady()))
                .flatMap(endpoint -> endpoint.getAddresses().stream())
                .toList();
    }
}
