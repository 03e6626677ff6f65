package io.kubervisor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that {@link LocalPrometheus} scrapes runtime-added targets, survives stop()/start(), and can demand basic auth
 * over TLS.
 */
class LocalPrometheusIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AtomicReference<String> gauge = new AtomicReference<>("42");
    private HttpServer exporter;
    private String target;
    private LocalPrometheus prometheus;

    @BeforeEach
    void startExporterAndPrometheus() throws IOException {
        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = """
                    # HELP kubervisor_test_gauge A gauge for the Prometheus harness test.
                    # TYPE kubervisor_test_gauge gauge
                    kubervisor_test_gauge{pod="pod-a"} %s
                    """.formatted(gauge.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        exporter.start();
        target = "127.0.0.1:" + exporter.getAddress().getPort();
        prometheus = LocalPrometheus.launch();
    }

    @AfterEach
    void stopAll() {
        if (prometheus != null) {
            prometheus.close();
        }
        exporter.stop(0);
    }

    @Test
    void scrapesAnAddedTargetUntilItIsRemoved() throws IOException {
        prometheus.addTarget(target, Map.of("namespace", "ns-a"));

        List<LocalPrometheus.Sample> samples =
                prometheus.awaitSeries("kubervisor_test_gauge{pod=\"pod-a\"}", TIMEOUT);

        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.value()).isEqualTo(42.0);
            assertThat(sample.labels())
                    .containsEntry("pod", "pod-a")
                    .containsEntry("namespace", "ns-a")
                    .containsEntry("instance", target)
                    .containsEntry("job", "kubervisor-test");
        });
        assertThat(prometheus.query("up{instance=\"" + target + "\"}")).singleElement()
                .extracting(LocalPrometheus.Sample::value).isEqualTo(1.0);

        prometheus.removeTarget(target);
        // A dropped target's series get a staleness marker, so the instant query turns empty.
        await().atMost(TIMEOUT).until(() -> prometheus.query("kubervisor_test_gauge").isEmpty());
    }

    @Test
    void stopThenStartServesQueriesAgainOnTheSameUrl() throws IOException {
        prometheus.addTarget(target, Map.of());
        prometheus.awaitSeries("kubervisor_test_gauge == 42", TIMEOUT);
        String url = prometheus.url();

        prometheus.stop();
        assertThatThrownBy(() -> prometheus.query("up")).isInstanceOf(IOException.class);

        gauge.set("7");
        prometheus.start();

        assertThat(prometheus.url()).isEqualTo(url);
        assertThat(prometheus.awaitSeries("kubervisor_test_gauge == 7", TIMEOUT)).singleElement()
                .extracting(LocalPrometheus.Sample::value).isEqualTo(7.0);
    }

    @Test
    void securedItServesItsOwnQueriesOverTlsAndRefusesAnonymousOnes() throws Exception {
        try (LocalPrometheus secured = LocalPrometheus.launch(new LocalPrometheus.Security("tester", "s3cret", true))) {
            secured.addTarget(target, Map.of());
            assertThat(secured.url()).startsWith("https://127.0.0.1:");
            assertThat(secured.awaitSeries("kubervisor_test_gauge == 42", TIMEOUT)).hasSize(1);

            // The right CA but no credentials: 401. The JVM's default trust store: the handshake fails.
            HttpClient trustingItsCa = HttpClient.newBuilder().sslContext(trusting(secured.caCertificatePem())).build();
            HttpRequest anonymous = HttpRequest.newBuilder(URI.create(secured.url() + "/api/v1/query?query=up")).build();
            assertThat(trustingItsCa.send(anonymous, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(401);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(anonymous, HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static SSLContext trusting(String caPem) throws Exception {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
