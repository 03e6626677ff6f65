package io.kubervisor.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on loopback for integration tests: scrapes every
 * second, with targets taken from a {@code file_sd_configs} file that tests change at runtime. Prometheus picks
 * up a changed target list on its discovery loop (about 5 s), so wait for data ({@link #awaitSeries}).
 * {@link #stop()} and {@link #start()} restart it on the same port with the same TSDB.
 *
 * <p>{@link #launch(Security)} starts it behind its {@code --web.config.file}: basic auth, and/or TLS with a
 * certificate from a CA of its own ({@link #caCertificatePem()}). Its own queries then authenticate and trust that CA.
 */
public final class LocalPrometheus implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final String INSTALL_COMMAND = "apt-get install -y --no-install-recommends prometheus";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the HTTP API demands. {@code username}/{@code password} null: no basic auth; {@code tls} false: plain HTTP.
     */
    public record Security(String username, String password, boolean tls) {
    }

    private final Path dir;
    private final Path targetsFile;
    private final int port;
    private final ManagedProcess process;
    private final Security security;
    private final Pki pki;
    private final HttpClient http;
    private final Map<String, Map<String, String>> targets = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "local-prometheus-shutdown");
    private boolean closed;

    private LocalPrometheus(Path dir, Security security) throws IOException {
        this.dir = dir;
        this.security = security;
        // A directory of its own: Prometheus watches the whole directory of a file_sd file.
        this.targetsFile = Files.createDirectory(dir.resolve("sd")).resolve("targets.json");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = socket.getLocalPort();
        }
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                - job_name: kubervisor-test
                  file_sd_configs:
                  - files: ['%s']
                    refresh_interval: 1s
                """.formatted(targetsFile));
        writeTargets();
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2));
        if (security.tls()) {
            pki = Pki.generate(dir.resolve("pki"), List.of("IP:127.0.0.1", "DNS:localhost"));
            client.sslContext(trusting(pki.caCert));
        } else {
            pki = null;
        }
        if (security.tls() || security.username() != null) {
            command.add("--web.config.file=" + writeWebConfig());
        }
        http = client.build();
        process = new ManagedProcess("prometheus", command, dir.resolve("prometheus.log"));
    }

    /** Creates a Prometheus in a fresh temp dir and starts it. */
    public static LocalPrometheus launch() throws IOException {
        return launch(new Security(null, null, false));
    }

    /** Creates a Prometheus whose HTTP API demands {@code security}, in a fresh temp dir, and starts it. */
    public static LocalPrometheus launch(Security security) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("Prometheus is not installed at " + BINARY + "; install it with: "
                    + INSTALL_COMMAND);
        }
        LocalPrometheus prometheus = new LocalPrometheus(Files.createTempDirectory("kubervisor-prometheus-"), security);
        // The safety net for a test that never closes it: no Prometheus outlives the test JVM.
        Runtime.getRuntime().addShutdownHook(prometheus.shutdownHook);
        try {
            prometheus.start();
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
        return prometheus;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}, or {@code https://…} with TLS. */
    public String url() {
        return (security.tls() ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** The PEM certificate of the CA that signed the serving certificate (TLS only). */
    public String caCertificatePem() throws IOException {
        if (pki == null) {
            throw new IllegalStateException("this Prometheus serves plain HTTP");
        }
        return Files.readString(pki.caCert);
    }

    /** Starts (again, after {@link #stop()}) on the same port and waits until Prometheus is ready. */
    public void start() {
        process.start();
        process.awaitReady("/-/ready", STARTUP_TIMEOUT, () -> {
            try {
                return get("/-/ready").statusCode() == 200;
            } catch (IOException notUpYet) {
                return false;
            }
        });
    }

    /** Stops Prometheus (SIGTERM, SIGKILL after a grace period); its TSDB and targets stay for {@link #start()}. */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** Adds or replaces a scrape target, e.g. {@code 127.0.0.1:8080}, whose series get {@code labels}. */
    public synchronized void addTarget(String hostPort, Map<String, String> labels) {
        targets.put(hostPort, Map.copyOf(labels));
        writeTargets();
    }

    public synchronized void removeTarget(String hostPort) {
        targets.remove(hostPort);
        writeTargets();
    }

    /** One sample of an instant query result: the series' labels and its value. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** Runs an instant query; a scalar result is one sample without labels. */
    public List<Sample> query(String promql) throws IOException {
        HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("query " + promql + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode data = body.path("data");
        List<Sample> samples = new ArrayList<>();
        switch (data.path("resultType").asText()) {
            case "vector" -> data.path("result").forEach(series -> {
                Map<String, String> labels = new TreeMap<>();
                series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                samples.add(new Sample(labels, series.path("value").get(1).asDouble()));
            });
            case "scalar" -> samples.add(new Sample(Map.of(), data.path("result").get(1).asDouble()));
            default -> throw new IOException("query " + promql + " is not an instant vector or scalar: " + data);
        }
        return samples;
    }

    /** Polls {@link #query} until it returns at least one sample, and returns them. */
    public List<Sample> awaitSeries(String promql, Duration timeout) {
        AtomicReference<List<Sample>> result = new AtomicReference<>(List.of());
        await("series for " + promql)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .dontCatchUncaughtExceptions()
                .until(() -> {
                    result.set(query(promql));
                    return !result.get().isEmpty();
                });
        return result.get();
    }

    /** Stops Prometheus and deletes its temp dir. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // close() is running from the hook itself.
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5));
        if (security.username() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (security.username() + ":" + security.password()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: GET " + path);
        }
    }

    /** Prometheus' web configuration: bcrypt hashes of the users, and the serving certificate. */
    private Path writeWebConfig() throws IOException {
        StringBuilder web = new StringBuilder();
        if (security.username() != null) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            // Cost 4, the least bcrypt allows: Prometheus checks the hash on every request.
            String hash = OpenBSDBCrypt.generate("2b", security.password().toCharArray(), salt, 4);
            web.append("basic_auth_users:\n  ").append(security.username()).append(": '").append(hash).append("'\n");
        }
        if (pki != null) {
            web.append("tls_server_config:\n  cert_file: ").append(pki.servingCert)
                    .append("\n  key_file: ").append(pki.servingKey).append('\n');
        }
        return Files.writeString(dir.resolve("web.yml"), web.toString());
    }

    private static SSLContext trusting(Path caCert) throws IOException {
        try (InputStream in = Files.newInputStream(caCert)) {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + caCert, e);
        }
    }

    /** One target group per target; written to a temp file and renamed, so Prometheus never reads half a file. */
    private void writeTargets() {
        ArrayNode groups = JSON.createArrayNode();
        targets.forEach((hostPort, labels) -> {
            ObjectNode group = groups.addObject();
            group.putArray("targets").add(hostPort);
            ObjectNode labelNode = group.putObject("labels");
            labels.forEach(labelNode::put);
        });
        try {
            Path tmp = targetsFile.resolveSibling("targets.json.tmp");
            JSON.writeValue(tmp.toFile(), groups);
            Files.move(tmp, targetsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + targetsFile, e);
        }
    }
}
