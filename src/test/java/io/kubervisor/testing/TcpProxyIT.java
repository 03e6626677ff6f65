package io.kubervisor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that {@link TcpProxy} partitions one client from the real API server and back, and that
 * {@link LocalControlPlane#kubeconfigFor} gives that client its own name in the {@link AuditLog}. Leases, not
 * ConfigMaps: the audit policy records only the kinds of writes the operator makes.
 */
@WithLocalCluster
class TcpProxyIT {

    private static final String USER = "proxied-user";
    private static final Duration AUDITED = Duration.ofSeconds(10);
    /** A refused or reset connection fails in milliseconds; a hanging one would take fabric8's 10 s request timeout. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(3);

    private TcpProxy proxy;
    private KubernetesClient proxied;

    @BeforeEach
    void startProxyAndItsClient(LocalControlPlane plane) throws IOException {
        URI apiServer = URI.create(plane.apiServerUrl());
        proxy = TcpProxy.start(apiServer.getHost(), apiServer.getPort());
        Config config = Config.fromKubeconfig(Files.readString(plane.kubeconfigFor(USER, proxy.url())));
        // fabric8 retries a failed connection with exponential backoff, which would hide how fast it fails.
        config.setRequestRetryBackoffLimit(0);
        proxied = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void closeClientAndProxy() {
        proxied.close();
        proxy.close();
    }

    @Test
    void writesThroughTheProxyAreAuditedAsTheProxiedUser(LocalControlPlane plane, @TestNamespace String ns) {
        proxied.leases().inNamespace(ns).resource(lease("through-proxy")).create();
        proxied.leases().inNamespace(ns).withName("through-proxy").patch(PatchContext.of(PatchType.JSON_MERGE), """
                {"spec": {"holderIdentity": "proxied-user"}}""");

        assertThat(plane.adminClient().leases().inNamespace(ns).withName("through-proxy").get().getSpec()
                .getHolderIdentity()).isEqualTo(USER);
        assertThat(proxy.bytesFromClient()).isPositive();
        AuditLog audit = AuditLog.of(plane);
        await("the proxied writes in the audit log").atMost(AUDITED).untilAsserted(() -> assertThat(audit.writesBy(USER))
                .filteredOn(entry -> ns.equals(entry.namespace()))
                .extracting(AuditLog.Entry::verb, AuditLog.Entry::apiGroup, AuditLog.Entry::resource,
                        AuditLog.Entry::name, AuditLog.Entry::code)
                .containsExactly(
                        tuple("create", "coordination.k8s.io", "leases", "through-proxy", 201),
                        tuple("patch", "coordination.k8s.io", "leases", "through-proxy", 200)));
    }

    @Test
    void aCutFailsRequestsFastAndDeliversNothingUntilHealed(KubernetesClient admin, @TestNamespace String ns) {
        // Leaves an open keep-alive connection for the cut to reset.
        proxied.leases().inNamespace(ns).resource(lease("before-cut")).create();

        proxy.cut();
        long forwardedAtCut = proxy.bytesFromClient();
        assertTimeoutPreemptively(FAIL_FAST, () -> assertThatThrownBy(
                () -> proxied.leases().inNamespace(ns).resource(lease("during-cut")).create())
                .isInstanceOf(KubernetesClientException.class));
        assertThat(proxy.bytesFromClient()).isEqualTo(forwardedAtCut);

        proxy.heal();
        proxied.leases().inNamespace(ns).resource(lease("after-heal")).create();

        assertThat(admin.leases().inNamespace(ns).list().getItems())
                .extracting(lease -> lease.getMetadata().getName())
                .containsExactlyInAnyOrder("before-cut", "after-heal");
    }

    private static Lease lease(String name) {
        return new LeaseBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec().build();
    }
}
