package io.kubervisor.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Kubernetes control plane on loopback, for integration tests: etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler built from the upstream release (see {@code src/test/tools}), plus
 * kwok, which plays the kubelet for a few fake Nodes so that scheduled Pods become Running and Ready with pod IPs.
 * Everything lives in one temp dir (certificates, data, one log file per process) that {@link #close()} deletes.
 */
public final class LocalControlPlane implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalControlPlane.class.getName());

    private static final String SERVICE_CIDR = "10.96.0.0/16";
    /** The first address of {@link #SERVICE_CIDR}: the ClusterIP of the {@code kubernetes} Service. */
    private static final String KUBERNETES_SERVICE_IP = "10.96.0.1";
    /** Pod IPs that kwok hands out; must not overlap {@link #SERVICE_CIDR}. */
    private static final String POD_CIDR = "10.244.0.1/16";
    private static final String KWOK_NODE_LABEL = "type";
    private static final String KWOK_NODE_LABEL_VALUE = "kwok";

    /**
     * Who reads pods, and how: lets a test count one client's LIST calls (by its user agent), which the API
     * server's metrics cannot tell apart from the controllers' own. And every write the operator can make, by
     * whom and when, so a test can tell which replica acted. A subresource must be named: "pods" alone does not
     * match "pods/eviction" or "pods/status".
     */
    private static final String AUDIT_POLICY = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: ["RequestReceived"]
            rules:
              - level: Metadata
                resources: [{group: "", resources: ["pods"]}]
                verbs: ["list", "watch"]
              - level: Metadata
                resources:
                  - {group: "", resources: ["pods", "pods/eviction", "pods/status", "events"]}
                  - {group: "events.k8s.io", resources: ["events"]}
                  - {group: "coordination.k8s.io", resources: ["leases"]}
                  - {group: "kubervisor.io", resources: ["breakerconfigs", "breakerconfigs/status"]}
                verbs: ["create", "update", "patch", "delete"]
              - level: None
            """;

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The size of the cluster, how fast its controllers may call the API server, and what the API server audits.
     * {@link #DEFAULT} is the tests': three nodes of 110 pods, the components' own request rates, the policy above.
     *
     * @param nodes kwok nodes
     * @param podsPerNode the pod capacity of each node
     * @param controllerQps requests per second kube-controller-manager and kube-scheduler may send, with bursts of
     *     twice as many; 0 keeps their defaults (20 and 50), at which creating thousands of pods takes minutes
     * @param auditPolicy the API server's audit policy (YAML)
     */
    public record Options(int nodes, int podsPerNode, int controllerQps, String auditPolicy) {
        public static final Options DEFAULT = new Options(3, 110, 0, AUDIT_POLICY);
    }

    private final Path dir;
    private final Path bin;
    private final Options options;
    private final List<ManagedProcess> started = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "local-control-plane-shutdown");
    private Pki pki;
    private HttpClient probeClient;
    private String etcdUrl;
    private int apiServerPort;
    private ManagedProcess apiServer;
    /** kube-controller-manager, kube-scheduler and kwok: what acts on the cluster's objects, each with its health. */
    private final List<Controller> controllers = new ArrayList<>();
    private Path kubeconfig;
    private KubernetesClient client;
    private boolean closed;

    private LocalControlPlane(Path dir, Path bin, Options options) {
        this.dir = dir;
        this.bin = bin;
        this.options = options;
    }

    /** Starts a control plane of {@link Options#DEFAULT} and waits until it schedules and runs Pods. */
    public static LocalControlPlane start() throws IOException {
        return start(Options.DEFAULT);
    }

    /** Starts a control plane of this size and waits until it schedules and runs Pods. */
    public static LocalControlPlane start(Options options) throws IOException {
        Path bin = ToolBinaries.binDir();
        LocalControlPlane plane = new LocalControlPlane(Files.createTempDirectory("kubervisor-cp-"), bin, options);
        Runtime.getRuntime().addShutdownHook(plane.shutdownHook);
        try {
            plane.boot();
        } catch (RuntimeException | IOException | Error e) {
            plane.close();
            throw e;
        }
        return plane;
    }

    /** The admin client (system:masters). Owned by the plane: do not close it. */
    public KubernetesClient adminClient() {
        return client;
    }

    /** A kubeconfig file with the admin credentials embedded, for tools and for an operator process. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * The API server's audit log (JSON lines): list and watch requests on pods, with their user agents, and writes
     * to pods, evictions, events, leases and BreakerConfigs; {@link AuditLog} reads it.
     */
    public Path auditLog() {
        return dir.resolve("audit.log");
    }

    public String apiServerUrl() {
        return "https://127.0.0.1:" + apiServerPort;
    }

    /**
     * A kubeconfig for {@code user}, a client certificate with CN={@code user} in group system:masters (so RBAC
     * allows everything while the audit log tells clients apart), that talks to {@code serverUrl}: e.g. a
     * {@link TcpProxy#url()} in front of the API server.
     */
    public Path kubeconfigFor(String user, String serverUrl) throws IOException {
        Pki.ClientCert cert = pki.clientCert(user);
        return writeKubeconfig(serverUrl, user, cert.cert(), cert.key(),
                Files.createTempFile(dir, "kubeconfig-" + user + "-", ""));
    }

    /** Creates a namespace named {@code prefix-<random>} and waits for its default ServiceAccount. */
    public String createNamespace(String prefix) {
        String name = prefix + "-" + randomSuffix();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        // Pods are refused until kube-controller-manager has created the namespace's default ServiceAccount.
        await("default ServiceAccount in " + name)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .dontCatchUncaughtExceptions()
                .until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
        return name;
    }

    /** Stops kube-apiserver and starts it again on the same port, with the same etcd (its state survives). */
    public void restartApiServer() {
        withApiServerDown(() -> { });
    }

    /**
     * Stops kube-apiserver, runs the action while it is down, then starts it again as {@link #restartApiServer()}.
     * Once it is back, the cluster's own controllers are restarted too: client-go's reflectors back off up to 30 s
     * (with jitter, about a minute) after failed reconnects, so kube-controller-manager would otherwise publish
     * EndpointSlices and create pods up to a minute late, and a test would judge the operator by its platform's lag.
     */
    public void withApiServerDown(Runnable whileDown) {
        long begin = System.nanoTime();
        apiServer.stop(STOP_GRACE);
        try {
            whileDown.run();
        } finally {
            apiServer.start();
        }
        awaitApiServerReady();
        controllers.forEach(controller -> controller.process().stop(STOP_GRACE));
        controllers.forEach(controller -> controller.process().start());
        awaitControllersReady();
        LOG.log(System.Logger.Level.INFO, "kube-apiserver and the controllers restarted in {0} ms",
                (System.nanoTime() - begin) / 1_000_000);
    }

    /**
     * Compacts etcd's whole history, then restarts kube-apiserver: every client's watch then resumes from a
     * resourceVersion that no longer exists and gets 410 Gone, as after a long disconnection from a busy cluster.
     * (Without the restart, the API server's watch cache would keep serving the watches already open.)
     */
    public void compactEtcd() {
        long revision = etcdCall("/v3/kv/range", "{\"key\":\"" + Base64.getEncoder().encodeToString(
                "/".getBytes(StandardCharsets.UTF_8)) + "\"}").path("header").path("revision").asLong();
        etcdCall("/v3/kv/compaction", "{\"revision\":\"" + revision + "\",\"physical\":true}");
        LOG.log(System.Logger.Level.INFO, "etcd compacted up to revision {0}", revision);
        restartApiServer();
    }

    /** Stops every process (SIGTERM, SIGKILL after a grace period) and deletes the temp dir. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        if (client != null) {
            client.close();
        }
        // Reverse start order: clients of the apiserver first, etcd last.
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop(STOP_GRACE);
        }
        deleteRecursively(dir);
        LOG.log(System.Logger.Level.INFO, "local control plane stopped in {0} ms", (System.nanoTime() - begin) / 1_000_000);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // close() is running from the hook itself.
        }
    }

    private void boot() throws IOException {
        long begin = System.nanoTime();
        pki = Pki.generate(dir.resolve("pki"), List.of("IP:127.0.0.1", "DNS:localhost", "IP:" + KUBERNETES_SERVICE_IP,
                "DNS:kubernetes", "DNS:kubernetes.default", "DNS:kubernetes.default.svc"));
        probeClient = probeClient();

        int etcdPort = freePort();
        int etcdPeerPort = freePort();
        etcdUrl = "http://127.0.0.1:" + etcdPort;
        String etcdPeerUrl = "http://127.0.0.1:" + etcdPeerPort;
        ManagedProcess etcd = launch("etcd", List.of(
                "--name=kubervisor",
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=" + etcdUrl,
                "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + etcdPeerUrl,
                "--initial-advertise-peer-urls=" + etcdPeerUrl,
                "--initial-cluster=kubervisor=" + etcdPeerUrl,
                // Test data is disposable: skipping fsync saves seconds on every write-heavy step.
                "--unsafe-no-fsync",
                "--log-level=warn"));
        etcd.awaitReady("/health", STARTUP_TIMEOUT, () -> probe(etcdUrl + "/health", "\"health\":\"true\""));

        apiServerPort = freePort();
        Path auditPolicy = dir.resolve("audit-policy.yaml");
        Files.writeString(auditPolicy, options.auditPolicy());
        apiServer = launch("kube-apiserver", List.of(
                "--etcd-servers=" + etcdUrl,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + apiServerPort,
                // Else it writes self-signed certificates to /var/run/kubernetes.
                "--cert-dir=" + dir.resolve("apiserver-certs"),
                "--tls-cert-file=" + pki.servingCert,
                "--tls-private-key-file=" + pki.servingKey,
                "--client-ca-file=" + pki.caCert,
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + pki.serviceAccountPublicKey,
                "--service-account-signing-key-file=" + pki.serviceAccountKey,
                "--service-cluster-ip-range=" + SERVICE_CIDR,
                // The default reconciler would publish 127.0.0.1 as the kubernetes Service's endpoint, which
                // validation rejects (loopback) every 10 s; nothing here runs inside the cluster to need it.
                "--endpoint-reconciler-type=none",
                "--authorization-mode=Node,RBAC",
                "--allow-privileged=true",
                // On SIGTERM, drain and then give open watches 2 s, not --request-timeout (60 s), to go away.
                "--shutdown-send-retry-after=true",
                "--audit-policy-file=" + auditPolicy,
                "--audit-log-path=" + auditLog(),
                "--profiling=false"));
        awaitApiServerReady();
        kubeconfig = writeKubeconfig(apiServerUrl(), "kubervisor-admin", pki.adminCert, pki.adminKey,
                dir.resolve("kubeconfig"));
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build();

        // These three only need the apiserver: start them together, then wait for each.
        int controllerManagerPort = freePort();
        ManagedProcess controllerManager = launch("kube-controller-manager", withRequestRate(List.of(
                "--kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1",
                "--secure-port=" + controllerManagerPort,
                "--tls-cert-file=" + pki.servingCert,
                "--tls-private-key-file=" + pki.servingKey,
                "--leader-elect=false",
                "--controllers=*",
                "--service-account-private-key-file=" + pki.serviceAccountKey,
                "--root-ca-file=" + pki.caCert,
                "--cluster-signing-cert-file=" + pki.caCert,
                "--cluster-signing-key-file=" + pki.caKey,
                "--profiling=false")));
        int schedulerPort = freePort();
        ManagedProcess scheduler = launch("kube-scheduler", withRequestRate(List.of(
                "--kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1",
                "--secure-port=" + schedulerPort,
                "--tls-cert-file=" + pki.servingCert,
                "--tls-private-key-file=" + pki.servingKey,
                "--leader-elect=false",
                "--profiling=false")));
        Path kwokConfig = dir.resolve("kwok.yaml");
        Files.writeString(kwokConfig, KwokStages.YAML);
        int kwokPort = freePort();
        ManagedProcess kwok = launch("kwok", List.of(
                "--config=" + kwokConfig,
                "--kubeconfig=" + kubeconfig,
                "--manage-all-nodes=false",
                "--manage-nodes-with-label-selector=" + KWOK_NODE_LABEL + "=" + KWOK_NODE_LABEL_VALUE,
                "--cidr=" + POD_CIDR,
                // kwok keeps each node's Lease fresh, so the node lifecycle controller never marks them NotReady.
                "--node-lease-duration-seconds=40",
                "--server-address=127.0.0.1:" + kwokPort));

        controllers.add(new Controller(controllerManager,
                () -> probe("https://127.0.0.1:" + controllerManagerPort + "/healthz", "ok")));
        controllers.add(new Controller(scheduler, () -> probe("https://127.0.0.1:" + schedulerPort + "/healthz", "ok")));
        controllers.add(new Controller(kwok, () -> probe("http://127.0.0.1:" + kwokPort + "/healthz", "ok")));
        awaitControllersReady();
        controllerManager.awaitReady("default ServiceAccount", STARTUP_TIMEOUT,
                () -> client.serviceAccounts().inNamespace("default").withName("default").get() != null);

        String version = client.getKubernetesVersion().getGitVersion();
        for (int i = 0; i < options.nodes(); i++) {
            client.nodes().resource(kwokNode(i, version, options.podsPerNode())).create();
        }
        kwok.awaitReady(options.nodes() + " schedulable Ready nodes", STARTUP_TIMEOUT, this::nodesReady);

        LOG.log(System.Logger.Level.INFO, "local control plane at {0} ready in {1} ms (dir {2})", apiServerUrl(),
                (System.nanoTime() - begin) / 1_000_000, dir);
    }

    private void awaitControllersReady() {
        controllers.forEach(controller -> controller.process().awaitReady("/healthz", STARTUP_TIMEOUT,
                controller.healthy()));
    }

    private record Controller(ManagedProcess process, Callable<Boolean> healthy) {}

    private void awaitApiServerReady() {
        apiServer.awaitReady("/readyz", STARTUP_TIMEOUT, () -> probe(apiServerUrl() + "/readyz", "ok"));
    }

    /** A controller's arguments, with the request rate of {@link Options#controllerQps()} when one is set. */
    private List<String> withRequestRate(List<String> args) {
        if (options.controllerQps() == 0) {
            return args;
        }
        List<String> withRate = new ArrayList<>(args);
        withRate.add("--kube-api-qps=" + options.controllerQps());
        withRate.add("--kube-api-burst=" + 2 * options.controllerQps());
        return withRate;
    }

    private synchronized ManagedProcess launch(String name, List<String> args) {
        if (closed) {
            throw new IllegalStateException("local control plane closed while starting " + name);
        }
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(name).toString());
        command.addAll(args);
        ManagedProcess process = new ManagedProcess(name, command, dir.resolve(name + ".log"));
        started.add(process);
        process.start();
        return process;
    }

    /**
     * A fake Node for kwok. Status set at creation (capacity, addresses, versions) is kept; kwok's stages only
     * add the conditions. No kwok taint: every node here is fake, so there are no real workloads to keep off them.
     */
    private static Node kwokNode(int index, String kubeletVersion, int pods) {
        String name = "kwok-node-" + index;
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"),
                "pods", new Quantity(String.valueOf(pods)));
        return new NodeBuilder()
                .withNewMetadata()
                    .withName(name)
                    .addToLabels(KWOK_NODE_LABEL, KWOK_NODE_LABEL_VALUE)
                    .addToLabels("kubernetes.io/hostname", name)
                    .addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("kubernetes.io/arch", "amd64")
                .endMetadata()
                .withNewStatus()
                    .withCapacity(capacity)
                    .withAllocatable(capacity)
                    // Outside the service and pod ranges; kwok reports it as the pods' hostIP.
                    .addNewAddress().withType("InternalIP").withAddress("10.250.0." + (index + 1)).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                    .withNewNodeInfo()
                        .withArchitecture("amd64")
                        .withOperatingSystem("linux")
                        .withKubeletVersion(kubeletVersion)
                        .withContainerRuntimeVersion("kwok")
                    .endNodeInfo()
                .endStatus()
                .build();
    }

    private boolean nodesReady() {
        List<Node> nodes = client.nodes().withLabel(KWOK_NODE_LABEL, KWOK_NODE_LABEL_VALUE).list().getItems();
        return nodes.size() == options.nodes() && nodes.stream().allMatch(node -> {
            boolean ready = node.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            // The node lifecycle controller lifts the not-ready taint some time after Ready turns True.
            boolean untainted = node.getSpec().getTaints() == null || node.getSpec().getTaints().isEmpty();
            return ready && untainted;
        });
    }

    private Path writeKubeconfig(String serverUrl, String user, Path cert, Path key, Path file)
            throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kubervisor-test
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: kubervisor-test
                  context:
                    cluster: kubervisor-test
                    user: %s
                    namespace: default
                current-context: kubervisor-test
                """.formatted(serverUrl,
                b64.encodeToString(Files.readAllBytes(pki.caCert)),
                user,
                b64.encodeToString(Files.readAllBytes(cert)),
                b64.encodeToString(Files.readAllBytes(key)),
                user);
        Files.writeString(file, yaml);
        return file;
    }

    /** An HTTP client for health probes that trusts the test CA (health endpoints allow anonymous access). */
    private HttpClient probeClient() throws IOException {
        try (InputStream in = Files.newInputStream(pki.caCert)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder()
                    // The JDK client's HTTP/2 gets GOAWAY from the Go servers here; plain HTTP/1.1 is fine.
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(ssl)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + pki.caCert, e);
        }
    }

    /** A POST to etcd's v3 JSON gateway; any answer but 200 fails. */
    private JsonNode etcdCall(String path, String body) {
        try {
            HttpResponse<String> response = probeClient.send(HttpRequest.newBuilder(URI.create(etcdUrl + path))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("etcd " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("etcd " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: etcd " + path, e);
        }
    }

    /** True once {@code url} answers 200 with a body containing {@code expected}; false while it is not up. */
    private boolean probe(String url, String expected) throws InterruptedException {
        try {
            HttpResponse<String> response = probeClient.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 && response.body().contains(expected);
        } catch (IOException notUpYet) {
            // Refused, timed out, or reset while the server is still starting.
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + root, e);
        }
    }
}
