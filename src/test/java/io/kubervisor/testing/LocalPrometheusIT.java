package io.kubervisor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves that {@link LocalPrometheus} scrapes runtime-added targets and survives stop()/start(). */
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
}
