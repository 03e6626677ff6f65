package io.kubervisor.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real validating admission webhook for tests, served on loopback HTTPS and called by the API server for the requests
 * its rules match in one namespace. A test's function denies the requests it picks with the HTTP code it picks: the
 * API server answers the client with that code, which injects faults a real cluster gives only by bad luck (a 404 for a
 * pod deleted just before a write, a 500 on an eviction).
 *
 * <p>{@link #register} returns once the API server calls the webhook, {@link #close()} once it no longer does: each
 * polls with a dry-run create of a labelled ConfigMap, which only a second, always-allowing webhook of the same
 * configuration sees.
 */
public final class AdmissionWebhook implements AutoCloseable {

    /**
     * What the decision function sees of an AdmissionReview's request.
     *
     * @param operation CREATE, UPDATE, DELETE or CONNECT
     * @param resource the plural resource, e.g. {@code pods}
     * @param subResource e.g. {@code eviction}; empty for the resource itself
     * @param name the object's name; for a subresource, its parent's
     * @param object the object as it would be stored (an Eviction for {@code pods/eviction}); null for a DELETE
     */
    public record Request(String operation, String resource, String subResource, String name, JsonNode object) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_STORE_PASSWORD = "webhook";
    private static final String PROBE_LABEL = "kubervisor.io/admission-probe";
    private static final Duration IN_FORCE_TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient admin;
    private final String configurationName;
    private final String namespace;
    private final Function<Request, Optional<Integer>> deny;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "admission-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong probes = new AtomicLong();
    /** The decision function's first exception: the API server only sees a webhook that failed, close() says why. */
    private final AtomicReference<RuntimeException> decisionFailure = new AtomicReference<>();
    private HttpsServer server;

    private AdmissionWebhook(KubernetesClient admin, String configurationName, String namespace,
            Function<Request, Optional<Integer>> deny) {
        this.admin = admin;
        this.configurationName = configurationName;
        this.namespace = namespace;
        this.deny = deny;
    }

    /**
     * Serves the webhook, registers it, and returns once the API server calls it.
     *
     * @param admin a client allowed to write ValidatingWebhookConfigurations and ConfigMaps
     * @param name names the ValidatingWebhookConfiguration, with the namespace: {@code <namespace>-<name>}
     * @param namespace the only namespace whose requests reach the webhook
     * @param rules which operations on which resources it sees; see {@link #rule}
     * @param deny the HTTP code to deny a request with (400 or more), or empty to allow it
     */
    public static AdmissionWebhook register(KubernetesClient admin, String name, String namespace,
            List<RuleWithOperations> rules, Function<Request, Optional<Integer>> deny) throws IOException {
        AdmissionWebhook webhook = new AdmissionWebhook(admin, namespace + "-" + name, namespace, deny);
        try {
            byte[] caBundle = webhook.serve();
            webhook.configure(rules, caBundle);
            await("webhook " + webhook.configurationName + " in force").atMost(IN_FORCE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        webhook.probe();
                        return webhook.probes.get() > 0;
                    });
        } catch (IOException | RuntimeException | Error e) {
            try {
                webhook.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return webhook;
    }

    /** A rule for one operation on a core v1 resource or subresource, e.g. {@code rule("CREATE", "pods/eviction")}. */
    public static RuleWithOperations rule(String operation, String resource) {
        return new RuleWithOperationsBuilder().withOperations(operation).withApiGroups("").withApiVersions("v1")
                .withResources(resource).withScope("Namespaced").build();
    }

    /**
     * Deletes the configuration, waits until the API server no longer calls the webhook, and stops serving it.
     *
     * @throws IllegalStateException if the decision function threw: the API server failed those requests
     */
    @Override
    public void close() {
        try {
            admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(configurationName).delete();
            if (probes.get() > 0) {
                // The API server's copy of the configuration goes with a watch event, a moment after the delete.
                await("webhook " + configurationName + " out of force").atMost(IN_FORCE_TIMEOUT)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            long seen = probes.get();
                            probe();
                            return probes.get() == seen;
                        });
            }
        } finally {
            if (server != null) {
                server.stop(0);
            }
            handlers.shutdownNow();
        }
        if (decisionFailure.get() != null) {
            throw new IllegalStateException("the decision function of webhook " + configurationName + " failed",
                    decisionFailure.get());
        }
    }

    /** Starts the HTTPS server and returns the PEM of the CA its certificate comes from. */
    private byte[] serve() throws IOException {
        Path dir = Files.createTempDirectory("kubervisor-webhook-");
        byte[] caPem;
        SSLContext ssl;
        try {
            Pki.LoopbackServing serving = Pki.loopbackServing(dir, KEY_STORE_PASSWORD);
            caPem = Files.readAllBytes(serving.caCert());
            ssl = sslContext(serving.keyStore());
        } finally {
            // The key store is in memory now: nothing needs the files.
            deleteRecursively(dir);
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        // The API server may call it for several requests at once.
        server.setExecutor(handlers);
        server.createContext("/validate", exchange -> answer(exchange, this::decide));
        server.createContext("/probe", exchange -> answer(exchange, request -> {
            probes.incrementAndGet();
            return Optional.empty();
        }));
        server.start();
        return caPem;
    }

    private void configure(List<RuleWithOperations> rules, byte[] caBundle) {
        String base = "https://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> inNamespace = Map.of("kubernetes.io/metadata.name", namespace);
        // Webhook names must have three dot-separated segments at least.
        ValidatingWebhook decisions = webhook(configurationName + ".decisions.kubervisor.io", base + "/validate",
                caBundle, inNamespace, rules)
                .build();
        ValidatingWebhook probe = webhook(configurationName + ".probe.kubervisor.io", base + "/probe", caBundle,
                inNamespace, List.of(rule("CREATE", "configmaps")))
                .withNewObjectSelector().addToMatchLabels(PROBE_LABEL, configurationName).endObjectSelector()
                .build();
        admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(
                new ValidatingWebhookConfigurationBuilder()
                        .withNewMetadata().withName(configurationName).endMetadata()
                        .withWebhooks(decisions, probe)
                        .build())
                .create();
    }

    private static ValidatingWebhookBuilder webhook(String name, String url, byte[] caBundle,
            Map<String, String> namespaceLabels, List<RuleWithOperations> rules) {
        return new ValidatingWebhookBuilder()
                .withName(name)
                .withNewClientConfig().withUrl(url).withCaBundle(Base64.getEncoder().encodeToString(caBundle))
                .endClientConfig()
                .withNewNamespaceSelector().withMatchLabels(namespaceLabels).endNamespaceSelector()
                .withRules(rules)
                .withFailurePolicy("Fail")
                .withSideEffects("None")
                .withAdmissionReviewVersions("v1")
                .withTimeoutSeconds(5);
    }

    /** A dry-run create that only the probe webhook sees: nothing is stored. */
    private void probe() {
        admin.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("admission-probe").addToLabels(PROBE_LABEL, configurationName).endMetadata()
                .build())
                .dryRun()
                .create();
    }

    private Optional<Integer> decide(JsonNode request) {
        JsonNode object = request.path("object");
        try {
            return deny.apply(new Request(request.path("operation").asText(),
                    request.path("resource").path("resource").asText(), request.path("subResource").asText(),
                    request.path("name").asText(), object.isMissingNode() || object.isNull() ? null : object));
        } catch (RuntimeException e) {
            decisionFailure.compareAndSet(null, e);
            throw e;
        }
    }

    /** Reads an AdmissionReview and answers it with the decision; the message is the same for every denial. */
    private void answer(HttpExchange exchange, Function<JsonNode, Optional<Integer>> decision) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            JsonNode request = JSON.readTree(body).path("request");
            Optional<Integer> denial = decision.apply(request);
            ObjectNode review = JSON.createObjectNode()
                    .put("apiVersion", "admission.k8s.io/v1")
                    .put("kind", "AdmissionReview");
            ObjectNode response = review.putObject("response")
                    .put("uid", request.path("uid").asText())
                    .put("allowed", denial.isEmpty());
            denial.ifPresent(code -> response.putObject("status")
                    .put("code", code)
                    .put("message", "denied with HTTP " + code + " by the test's webhook " + configurationName));
            byte[] bytes = JSON.writeValueAsBytes(review);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static SSLContext sslContext(Path keyStoreFile) throws IOException {
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, KEY_STORE_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, KEY_STORE_PASSWORD.toCharArray());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys.getKeyManagers(), null, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the webhook's key store " + keyStoreFile, e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
