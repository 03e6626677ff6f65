package io.kubervisor.testing;

import static io.kubervisor.testing.AdmissionWebhook.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The test webhook's denials reach a client with the codes it chose, for its namespace and requests only. */
@WithLocalCluster
class AdmissionWebhookIT {

    @Test
    void deniesThePickedRequestsWithThePickedCodesAndAllowsTheRest(LocalControlPlane plane, KubernetesClient admin,
            @TestNamespace("webhook") String ns, @TestNamespace("webhook-other") String otherNs) throws Exception {
        for (String pod : List.of("evicted", "patched", "bystander")) {
            createPod(admin, ns, pod);
        }
        createPod(admin, otherNs, "evicted");
        // Without retries, as the operator's write client: fabric8 retries a 5xx by default.
        Config config = new ConfigBuilder(Config.fromKubeconfig(Files.readString(plane.kubeconfig())))
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            try (AdmissionWebhook webhook = AdmissionWebhook.register(admin, "faults", ns,
                    List.of(rule("CREATE", "pods/eviction"), rule("UPDATE", "pods")), request -> {
                        boolean eviction = request.operation().equals("CREATE") && request.resource().equals("pods")
                                && request.subResource().equals("eviction")
                                && request.object().path("kind").asText().equals("Eviction");
                        boolean labelled = request.operation().equals("UPDATE") && request.subResource().isEmpty()
                                && request.object().path("metadata").path("labels").has("touched");
                        if (eviction && request.name().equals("evicted")) {
                            return Optional.of(500);
                        }
                        if (labelled && request.name().equals("patched")) {
                            return Optional.of(404);
                        }
                        return Optional.empty();
                    })) {
                assertThatThrownBy(() -> client.pods().inNamespace(ns).withName("evicted").evict())
                        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(500);
                            assertThat(e.getMessage()).contains("denied with HTTP 500 by the test's webhook");
                        });
                assertThatThrownBy(() -> touch(client, ns, "patched"))
                        .isInstanceOfSatisfying(KubernetesClientException.class,
                                e -> assertThat(e.getCode()).isEqualTo(404));

                touch(client, ns, "bystander");
                assertThat(client.pods().inNamespace(ns).withName("bystander").get().getMetadata().getLabels())
                        .containsKey("touched");
                assertThat(client.pods().inNamespace(otherNs).withName("evicted").evict()).isTrue();
                assertThat(client.pods().inNamespace(ns).withName("patched").get().getMetadata().getLabels())
                        .doesNotContainKey("touched");
                assertThat(client.pods().inNamespace(ns).withName("evicted").get()).isNotNull();
            }

            assertThat(client.pods().inNamespace(ns).withName("evicted").evict()).isTrue();
            touch(client, ns, "patched");
        }
    }

    private static void createPod(KubernetesClient client, String ns, String name) {
        client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("example.com/app:1").endContainer()
                .endSpec()
                .build()).create();
    }

    private static void touch(KubernetesClient client, String ns, String pod) {
        client.pods().inNamespace(ns).withName(pod)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
    }
}
