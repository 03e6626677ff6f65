package io.kubervisor.backtest.prometheus;

import static io.kubervisor.backtest.Fleets.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.backtest.BacktestException;
import io.kubervisor.backtest.Fleets;
import io.kubervisor.backtest.History;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each breaker's Prometheus is reached, against a mock API server and a fake Prometheus. */
@EnableKubernetesMockClient
class PrometheusReachTest {

  static KubernetesMockServer server;
  static KubernetesClient client;

  static final String QUERY = "max by (pod) (request_latency_seconds)";
  static final String RANGE = "/api/v1/query_range?query=max+by+%28pod%29+%28request_latency_seconds%29"
      + "&start=1796119200&end=1796119210&step=10";
  static final String MATRIX = """
      {"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"pod":"web-1"},"values":[[1796119200,"0.1"],[1796119210,"0.2"]]}]}}""";

  private final List<String> warnings = new ArrayList<>();

  static BreakerConfig config(String url, String credentials) {
    return Fleets.webInShop("""
            - name: latency
              threshold:
                prometheusService: %s
                promQL: %s
                above: 0.3
        %s""".formatted(url, QUERY, credentials.indent(8)));
  }

  static final String BEARER = """
      authorization:
        credentials: {name: prometheus-token, key: token}""";

  History history(String override, BreakerConfig config) {
    return new PrometheusReach(override, () -> client, warnings::add).historyOf(config);
  }

  @Test
  void aSvcUrlGoesThroughTheApiServersServiceProxyWhichCredentialsCannotPass() {
    server.expect().get().withPath("/api/v1/namespaces/monitoring/services/prometheus:9090/proxy" + RANGE)
        .andReturn(200, MATRIX).once();
    PrometheusReach reach = new PrometheusReach(null, () -> client, warnings::add);

    History history = reach.historyOf(config("http://prometheus.monitoring.svc:9090", BEARER));

    assertThat(history.range(QUERY, T, T.plusSeconds(10), Duration.ofSeconds(10)).get(T.plusSeconds(10)))
        .extracting(sample -> sample.value()).containsExactly(0.2);
    assertThat(reach.reached()).containsExactly("breaker latency of shop/web: Prometheus at"
        + " http://prometheus.monitoring.svc:9090 through the API server's service proxy");
    assertThat(warnings).containsExactly("breaker latency of shop/web: its credentials cannot pass the API server's"
        + " service proxy, which keeps the Authorization header for itself, so Prometheus is asked without them; if"
        + " it needs them, reach it directly: kubectl port-forward -n monitoring svc/prometheus 9090, then"
        + " --prometheus http://localhost:9090");
  }

  @Test
  void theApiServersRefusalToProxySaysWhatToDo() {
    server.expect().get().withPath("/api/v1/namespaces/monitoring/services/prometheus:9090/proxy" + RANGE)
        .andReturn(503, new StatusBuilder().withCode(503)
            .withMessage("no endpoints available for service \"prometheus\"").build()).once();

    // As the plugin's client: a 503 is answered at once, never retried.
    try (KubernetesClient once = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withRequestRetryBackoffLimit(0).build()).build()) {
      History history = new PrometheusReach(null, () -> once, warnings::add)
          .historyOf(config("http://prometheus.monitoring.svc:9090", ""));

      assertThatThrownBy(() -> history.range(QUERY, T, T.plusSeconds(10), Duration.ofSeconds(10)))
          .isInstanceOf(BacktestException.class).hasMessage("the API server cannot reach service"
              + " monitoring/prometheus:9090: no endpoints available for service \"prometheus\"; check that"
              + " Prometheus runs behind it, or pass --prometheus URL");
    }
  }

  @Test
  void nameDotNamespaceIsAServiceOnlyWhenTheClusterHasIt() {
    server.expect().get().withPath("/api/v1/namespaces/monitoring/services/prometheus")
        .andReturn(200, new ServiceBuilder().withNewMetadata().withName("prometheus").endMetadata().build()).once();
    PrometheusReach reach = new PrometheusReach(null, () -> client, warnings::add);

    reach.historyOf(config("http://prometheus.monitoring:9090", ""));
    reach.historyOf(config("http://grafana.monitoring:9090", ""));

    assertThat(reach.reached()).containsExactly(
        "breaker latency of shop/web: Prometheus at http://prometheus.monitoring:9090 through the API server's"
            + " service proxy",
        "breaker latency of shop/web: Prometheus at http://grafana.monitoring:9090");
  }

  @Test
  void directlyTheBreakersCredentialsAreSentWhenYourKubeconfigCanReadThem() throws Exception {
    server.expect().get().withPath("/api/v1/namespaces/shop/secrets/prometheus-token").andReturn(200,
        new SecretBuilder().withNewMetadata().withName("prometheus-token").endMetadata().withData(Map.of("token",
            Base64.getEncoder().encodeToString("s3cret\n".getBytes(StandardCharsets.UTF_8)))).build()).once();
    try (FakePrometheus prometheus = new FakePrometheus(Fleets.history(List.of("web-1"),
        (pod, t) -> Fleets.Behaviour.HEALTHY))) {
      History history = history(prometheus.url(), config("http://prometheus.monitoring.svc:9090", BEARER));

      assertThat(history.range(QUERY, T, T.plusSeconds(10), Duration.ofSeconds(10))).hasSize(2);
      assertThat(prometheus.authorizations()).containsExactly("Bearer s3cret");
      assertThat(warnings).isEmpty();
    }
  }

  @Test
  void credentialsYourKubeconfigCannotReadAreSaidAndPrometheusIsAskedWithoutThem() throws Exception {
    server.expect().get().withPath("/api/v1/namespaces/shop/secrets/prometheus-token").andReturn(403,
        new StatusBuilder().withCode(403).withMessage("secrets \"prometheus-token\" is forbidden").build()).once();
    try (FakePrometheus prometheus = new FakePrometheus(Fleets.history(List.of("web-1"),
        (pod, t) -> Fleets.Behaviour.HEALTHY))) {
      History history = history(prometheus.url(), config("http://prometheus.monitoring.svc:9090", BEARER));

      history.range(QUERY, T, T.plusSeconds(10), Duration.ofSeconds(10));

      assertThat(prometheus.authorizations()).containsExactly("none");
      assertThat(warnings).containsExactly("breaker latency of shop/web: cannot use its credentials and CA bundle, so"
          + " Prometheus is asked without them: authorization: key 'token' of Secret shop/prometheus-token: cannot be"
          + " read (HTTP 403); your kubeconfig's user needs RBAC get on it");
    }
  }
}
