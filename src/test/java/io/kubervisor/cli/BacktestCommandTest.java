package io.kubervisor.cli;

import static io.kubervisor.backtest.Fleets.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubervisor.backtest.Fleets;
import io.kubervisor.backtest.prometheus.FakePrometheus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest command end to end without a cluster: BreakerConfigs from files, a fake Prometheus. */
class BacktestCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FakePrometheus prometheus;
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws IOException {
    prometheus = new FakePrometheus(Fleets.history(List.of("web-1", "web-2", "web-3", "web-4"),
        Fleets.failing("web-2", 60, 120)));
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  /** A BreakerConfig file like the one the unit tests replay, with an external breaker beside. */
  private String file(String name, int tolerancePercent) throws IOException {
    return Files.writeString(dir.resolve(name), """
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata: {name: web}
        spec:
          service: web
          breakers:
            - name: errors
              evaluationPeriod: 10s
              warmup: 0s
              discreteValueOutOfList:
                prometheusService: http://prometheus.monitoring.svc:9090
                promQL: sum by (pod, code) (increase(http_requests_total[1m]))
                key: code
                goodValues: ["200"]
                tolerancePercent: %d
            - name: remote
              external:
                url: http://detector:8080/anomalous
          defaultActivator: {mode: periodic, period: 30s}
        """.formatted(tolerancePercent)).toString();
  }

  @Test
  void aFileIsReplayedOnThePrometheusGivenAndEveryDecisionPrintedAsJson() throws Exception {
    int exit = run("backtest", "-f", file("web.yaml", 10), "--prometheus", prometheus.url(), "--from",
        "2026-12-01T10:00:00Z", "--to", "2026-12-01T10:04:00Z", "-o", "json");

    assertThat(exit).as(err()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(report.path("breakerConfig").asText()).as("the namespace of the kubeconfig").isEqualTo("shop/web");
    assertThat(report.path("decisions").findValuesAsText("action")).containsExactly("break", "restore", "break",
        "restore");
    assertThat(report.path("prometheus").get(0).asText()).isEqualTo("breaker errors of shop/web: Prometheus at "
        + prometheus.url() + " (--prometheus)");
    assertThat(prometheus.queries()).containsOnly("sum by (pod, code) (increase(http_requests_total[1m]))");
    assertThat(err()).matches("(?s)Replayed 25 instants in \\d+\\.\\ds with 1 range query to Prometheus\n"
        + "note: shop/web: not replayable: remote: an external detector cannot be asked about the past; not"
        + " replayed\n");
  }

  @Test
  void compareReplaysTwoFilesOnTheSameHistoryAndPrintsTheDifferences() throws Exception {
    int exit = run("backtest", "-f", file("strict.yaml", 10), "--compare", file("tolerant.yaml", 60),
        "--prometheus", prometheus.url(), "--since", "4m", "-o", "text");

    assertThat(exit).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Differences: 4 decisions only in A, 0 only in B",
        "Not replayable: remote: an external detector cannot be asked about the past");
    assertThat(prometheus.queries()).hasSize(2);
  }

  @Test
  void wrongCommandLinesAreOneLineAndExitCodeTwo() throws Exception {
    String file = file("web.yaml", 10);

    assertThat(run("backtest")).isEqualTo(2);
    assertThat(run("backtest", "web", "-f", file)).isEqualTo(2);
    assertThat(run("backtest", "-f", file, "--since", "1h", "--from", "2026-12-01T10:00:00Z")).isEqualTo(2);
    assertThat(run("backtest", "-f", file, "--to", "2026-12-01T10:00:00Z")).isEqualTo(2);
    assertThat(run("backtest", "-f", file, "--from", "yesterday")).isEqualTo(2);
    assertThat(run("backtest", "-f", file, "--step", "5")).isEqualTo(2);
    assertThat(run("backtest", "-f", file, "-o", "yaml")).isEqualTo(2);
    assertThat(run("backtest", "-f", file, "--prometheus", "prometheus:9090")).isEqualTo(2);
    String usage = "; usage: kubectl kubervisor backtest (NAME | -f FILE) [--since 6h | --from T1 --to T2] [--step"
        + " DURATION] [--compare FILE2] [-o text|json|html] [--prometheus URL]";
    assertThat(err().lines()).containsExactly(
        "error: backtest needs the BreakerConfig to replay: NAME, or -f FILE" + usage,
        "error: backtest takes NAME or -f FILE, not both" + usage,
        "error: backtest takes --since or --from and --to, not both" + usage,
        "error: backtest --to needs --from" + usage,
        "error: backtest --from yesterday is not an RFC 3339 time such as 2026-12-01T10:00:00Z" + usage,
        "error: backtest --step: '5' is not a duration; use forms like 500ms, 10s, 1m30s or 2h" + usage,
        "error: backtest cannot write -o yaml; the formats are text, json and html" + usage,
        "error: backtest --prometheus prometheus:9090 is not an http:// or https:// URL with a host" + usage);
  }

  @Test
  void aFileThatIsNoBreakerConfigAndAPrometheusThatIsDownAreFailuresThatSayWhatToDo() throws Exception {
    String deployment = Files.writeString(dir.resolve("deploy.yaml"), "apiVersion: apps/v1\nkind: Deployment\n")
        .toString();

    assertThat(run("backtest", "-f", deployment)).isEqualTo(1);
    assertThat(run("backtest", "-f", file("web.yaml", 10), "--prometheus", "http://127.0.0.1:1")).isEqualTo(1);
    assertThat(err().lines()).first().asString().startsWith("error: " + deployment + " is not a BreakerConfig");
    assertThat(err()).contains("error: cannot reach Prometheus at http://127.0.0.1:1: java.net.ConnectException");
  }

  private int run(String... args) {
    return KubectlKubervisor.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        line -> new Cluster(new KubernetesClientBuilder().withConfig(new ConfigBuilder()
            .withMasterUrl("https://127.0.0.1:1").build()).build(), "shop"),
        Clock.fixed(T.plusSeconds(240), ZoneOffset.UTC));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
