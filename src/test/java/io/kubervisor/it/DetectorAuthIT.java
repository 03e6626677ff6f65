package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detector calls with credentials and TLS, against a real Prometheus that demands basic auth over TLS with a CA of
 * its own, and an external detector that demands a bearer token: the right Secret works; a wrong or missing one, or
 * an untrusted CA, is a detector error that ejects nobody and shows no secret.
 */
@WithLocalCluster
class DetectorAuthIT {

  private static final Duration SOON = Duration.ofSeconds(60);
  private static final String PASSWORD = "correct-horse-battery";
  private static final String WRONG_PASSWORD = "wrong-horse-battery";
  private static final String TOKEN = "detector-t0ken-42";

  static PodMetricsServer metrics;
  static LocalPrometheus prometheus;
  static OperatorUnderTest operator;
  static HttpServer externalDetector;
  static volatile String anomalousPod = "";

  @BeforeAll
  static void start(LocalControlPlane plane, @TestNamespace("auth-lease") String leaseNamespace) throws Exception {
    Crds.install(plane.adminClient());
    metrics = new PodMetricsServer();
    prometheus = LocalPrometheus.launch(new LocalPrometheus.Security("kubervisor", PASSWORD, true));
    prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
    externalDetector = startExternalDetector();
    operator = OperatorUnderTest.start(plane.kubeconfig(), leaseNamespace);
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (externalDetector != null) {
      externalDetector.stop(0);
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  @Test
  void withTheRightSecretAndCaTheBadPodIsEjected(KubernetesClient client, @TestNamespace("auth-ok") String ns)
      throws IOException {
    TestFleet fleet = fleetWithOneBadPod(client, ns);
    secret(client, ns, "prometheus-auth", Map.of("username", "kubervisor", "password", PASSWORD + "\n"));
    caConfigMap(client, ns, prometheus.caCertificatePem());
    apply(client, prometheusBreaker(ns));

    await("the bad pod out").atMost(SOON).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
        is(List.of(fleet.podNames().get(0))));
    await("DetectorsHealthy").atMost(SOON).ignoreExceptions()
        .until(() -> condition(client, ns).getReason(), is(Conditions.Reasons.DETECTOR_OK));
  }

  @Test
  void aWrongPasswordIsADetectorErrorThatEjectsNobodyAndShowsNoSecret(KubernetesClient client,
      @TestNamespace("auth-wrong") String ns) throws IOException {
    TestFleet fleet = fleetWithOneBadPod(client, ns);
    secret(client, ns, "prometheus-auth", Map.of("username", "kubervisor", "password", WRONG_PASSWORD));
    caConfigMap(client, ns, prometheus.caCertificatePem());
    apply(client, prometheusBreaker(ns));

    Condition failed = awaitDetectorsUnhealthy(client, ns, Conditions.Reasons.DETECTOR_ERROR);
    assertThat(failed.getMessage()).contains("answered HTTP 401").contains("check the credentials");
    assertNobodyEjected(fleet);
    assertNoSecretShown(client, ns, WRONG_PASSWORD);
  }

  @Test
  void aMissingSecretIsCredentialsUnavailableAndEjectsNobody(KubernetesClient client,
      @TestNamespace("auth-missing") String ns) throws IOException {
    TestFleet fleet = fleetWithOneBadPod(client, ns);
    caConfigMap(client, ns, prometheus.caCertificatePem());
    apply(client, prometheusBreaker(ns));

    Condition failed = awaitDetectorsUnhealthy(client, ns, Conditions.Reasons.CREDENTIALS_UNAVAILABLE);
    assertThat(failed.getMessage())
        .contains("basicAuth: key 'username' of Secret " + ns + "/prometheus-auth: not found");
    assertNobodyEjected(fleet);
  }

  @Test
  void anUntrustedCaIsADetectorErrorThatEjectsNobody(KubernetesClient client, LocalControlPlane plane,
      @TestNamespace("auth-ca") String ns) throws IOException {
    TestFleet fleet = fleetWithOneBadPod(client, ns);
    secret(client, ns, "prometheus-auth", Map.of("username", "kubervisor", "password", PASSWORD));
    // A real CA, but not the one that signed Prometheus' certificate.
    String controlPlaneCa = Config.fromKubeconfig(Files.readString(plane.kubeconfig())).getCaCertData();
    caConfigMap(client, ns, new String(Base64.getDecoder().decode(controlPlaneCa), StandardCharsets.US_ASCII));
    apply(client, prometheusBreaker(ns));

    Condition failed = awaitDetectorsUnhealthy(client, ns, Conditions.Reasons.DETECTOR_ERROR);
    assertThat(failed.getMessage()).contains("TLS failed");
    assertNobodyEjected(fleet);
    assertNoSecretShown(client, ns, PASSWORD);
  }

  @Test
  void theExternalDetectorSendsTheBearerTokenOfItsSecret(KubernetesClient client,
      @TestNamespace("auth-bearer") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    anomalousPod = fleet.podNames().get(1);
    secret(client, ns, "detector-token", Map.of("token", TOKEN));
    apply(client, externalBreaker(ns, "/anomalous"));

    await("the named pod out").atMost(SOON).until(() -> fleet.podsWithTraffic(TrafficLabels.NO),
        is(List.of(anomalousPod)));
    assertNoSecretShown(client, ns, TOKEN);
  }

  @Test
  void anOversizedExternalAnswerIsADetectorErrorThatEjectsNobody(KubernetesClient client,
      @TestNamespace("auth-huge") String ns) {
    TestFleet fleet = TestFleet.create(client, ns, "web", 4);
    secret(client, ns, "detector-token", Map.of("token", TOKEN));
    apply(client, externalBreaker(ns, "/huge?pod=" + fleet.podNames().get(1)));

    Condition failed = awaitDetectorsUnhealthy(client, ns, Conditions.Reasons.DETECTOR_ERROR);
    assertThat(failed.getMessage()).contains("larger than the 4194304-byte limit");
    assertNobodyEjected(fleet);
  }

  private static TestFleet fleetWithOneBadPod(KubernetesClient client, String ns) {
    TestFleet fleet = RequestFleets.fleet(client, metrics, ns, 4);
    metrics.value(fleet.podNames().get(0), seconds -> 900);
    prometheus.awaitSeries("pod_value{namespace=\"" + ns + "\"} > 500", SOON);
    return fleet;
  }

  private static BreakerConfig prometheusBreaker(String ns) {
    return breakerConfig(ns, "queue", """
        service: web
        breakers:
          - name: queue-depth
            evaluationPeriod: 1s
            warmup: 0s
            threshold:
              prometheusService: %s
              promQL: max by (pod) (pod_value{namespace="%s"})
              above: 500
              basicAuth:
                username: {name: prometheus-auth, key: username}
                password: {name: prometheus-auth, key: password}
              tls:
                ca:
                  configMap: {name: prometheus-ca, key: ca.crt}
        """.formatted(prometheus.url(), ns));
  }

  private static BreakerConfig externalBreaker(String ns, String path) {
    return breakerConfig(ns, "scored", """
        service: web
        breakers:
          - name: scorer
            evaluationPeriod: 1s
            warmup: 0s
            external:
              url: http://127.0.0.1:%d%s
              timeout: 5s
              authorization:
                credentials: {name: detector-token, key: token}
        """.formatted(externalDetector.getAddress().getPort(), path));
  }

  /** Answers the anomalous pod to a request with the bearer token (401 otherwise); /huge answers 5 MiB of it. */
  private static HttpServer startExternalDetector() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
      String entry = "\"" + query.replace("pod=", "") + "\",";
      String body = exchange.getRequestURI().getPath().equals("/huge")
          ? "[" + entry.repeat(5 * 1024 * 1024 / entry.length()) + "\"x\"]"
          : "[\"" + anomalousPod + "\"]";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      try {
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
      } catch (IOException clientGaveUp) {
        // the operator stops reading past its limit
      }
      exchange.close();
    });
    server.start();
    return server;
  }

  private static void secret(KubernetesClient client, String ns, String name, Map<String, String> data) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
        .withStringData(data).build()).create();
  }

  private static void caConfigMap(KubernetesClient client, String ns, String pem) {
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("prometheus-ca")
        .endMetadata().addToData("ca.crt", pem).build()).create();
  }

  private static Condition condition(KubernetesClient client, String ns) {
    BreakerConfig config = client.resources(BreakerConfig.class).inNamespace(ns).list().getItems().get(0);
    return Fixtures.condition(config, Conditions.DETECTORS_HEALTHY).orElseThrow();
  }

  private static Condition awaitDetectorsUnhealthy(KubernetesClient client, String ns, String reason) {
    return await("DetectorsHealthy False, " + reason).atMost(SOON).ignoreExceptions()
        .until(() -> condition(client, ns), c -> "False".equals(c.getStatus()) && reason.equals(c.getReason()));
  }

  /** Over several evaluations (one a second), the bad pod stays in traffic. */
  private static void assertNobodyEjected(TestFleet fleet) {
    await("nobody ejected").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
        .until(() -> fleet.podsWithTraffic(TrafficLabels.NO).isEmpty());
  }

  private static void assertNoSecretShown(KubernetesClient client, String ns, String secret) {
    String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    String status = Serialization.asJson(client.resources(BreakerConfig.class).inNamespace(ns).list());
    String events = Serialization.asJson(client.v1().events().inNamespace(ns).list())
        + Serialization.asJson(client.events().v1().events().inNamespace(ns).list());
    assertThat(status + events).doesNotContain(secret).doesNotContain(encoded);
  }
}
