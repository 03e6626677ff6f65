package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.deploy.GrafanaDashboardTest;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a platform team watches, on the operator jar as shipped: /metrics in Prometheus' text format, and the health
 * endpoints its probes call, against the real control plane and a real Prometheus.
 */
@WithLocalCluster
class ObservabilityIT {

  private static final Duration DECISION = Duration.ofSeconds(40);
  /** Short, so that a watch outage outlasts it within the test. */
  private static final String RESYNC_PERIOD = "3s";

  static PodMetricsServer metrics;
  static LocalPrometheus prometheus;
  static OperatorProcess operator;

  @BeforeAll
  static void start(LocalControlPlane plane, @TestNamespace("observe-lease") String leaseNamespace) throws Exception {
    Crds.install(plane.adminClient());
    metrics = new PodMetricsServer();
    prometheus = LocalPrometheus.launch();
    prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
    operator = OperatorProcess.start(plane.kubeconfig(), Map.of("kubervisor.lease-namespace", leaseNamespace,
        "kubervisor.resync-period", RESYNC_PERIOD));
    await("the operator leads").atMost(Duration.ofSeconds(90)).ignoreExceptions()
        .until(() -> scrape().value("kubervisor_leader", Map.of()).orElse(0.0) == 1.0);
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) {
      operator.terminate();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (metrics != null) {
      metrics.close();
    }
  }

  @Test
  void readyOnceTheCachesHaveSyncedAndAlive() throws Exception {
    await("ready").atMost(Duration.ofSeconds(30)).until(() -> get("/health/ready").statusCode() == 200);
    assertThat(get("/health/ready").body()).contains("UP");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsShowTheFleetTheDecisionsAndTheDetectors(KubernetesClient client, @TestNamespace("observe") String ns)
      throws Exception {
    TestFleet fleet = RequestFleets.fleet(client, metrics, ns, 4);
    String bad = fleet.podNames().get(0);
    metrics.errorRatio(bad, 0.5);
    RequestFleets.awaitSeries(prometheus, ns);
    BreakerConfig config = breakerConfig(ns, "web", """
        service: web
        breakers:
          - name: errors
            evaluationPeriod: 1s
            warmup: 0s
            minPodsAvailableRatio: 50
            discreteValueOutOfList:
              prometheusService: %s
              promQL: sum by (pod, code) (increase(http_requests_total{namespace="%s"}[5s]))
              key: code
              goodValues: ["200"]
              tolerancePercent: 10
              minActivity: 5
          - name: unreachable
            evaluationPeriod: 1s
            warmup: 0s
            continuousValueDeviation:
              prometheusService: http://127.0.0.1:1
              promQL: up
              maxDeviationPercent: 50
        defaultActivator:
          period: 5m
        """.formatted(prometheus.url(), ns));
    apply(client, config);
    await("the bad pod out").atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.NO).size() == 1);

    Map<String, String> web = Map.of("namespace", ns, "breakerconfig", "web");
    await("gauges, counters and timers").atMost(DECISION).untilAsserted(() -> {
      Scrape scrape = scrape();
      assertThat(scrape.value("kubervisor_managed_pods", web)).hasValue(4.0);
      assertThat(scrape.value("kubervisor_pods", with(web, "state", "in_traffic"))).hasValue(3.0);
      assertThat(scrape.value("kubervisor_pods", with(web, "state", "broken"))).hasValue(1.0);
      assertThat(scrape.value("kubervisor_pods", with(web, "state", "paused"))).hasValue(0.0);
      assertThat(scrape.value("kubervisor_decisions_total", with(web, "action", "break"))).hasValue(1.0);
      assertThat(scrape.value("kubervisor_detector_request_duration_seconds_count",
          with(with(web, "breaker", "errors"), "detector", "discreteValueOutOfList"))).hasValueSatisfying(
              count -> assertThat(count).isPositive());
      assertThat(scrape.matching("kubervisor_detector_request_duration_seconds_bucket", with(web, "breaker", "errors")))
          .as("histogram buckets").hasSizeGreaterThan(5);
      assertThat(scrape.value("kubervisor_detector_errors_total",
          with(with(web, "breaker", "unreachable"), "detector", "continuousValueDeviation")))
          .hasValueSatisfying(errors -> assertThat(errors).isPositive());
      assertThat(scrape.value("kubervisor_evaluation_duration_seconds_count", web))
          .hasValueSatisfying(count -> assertThat(count).isPositive());
      assertThat(scrape.has("jvm_memory_used_bytes")).as("JVM metrics").isTrue();
      assertThat(GrafanaDashboardTest.EXPORTED).as("every metric docs/metrics.md, the dashboard and the alerts use")
          .allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
    });

    client.resource(config).delete();
    await("a deleted BreakerConfig leaves no series").atMost(DECISION).untilAsserted(() ->
        assertThat(scrape().samples()).noneMatch(s -> s.name().startsWith("kubervisor_")
            && ns.equals(s.labels().get("namespace"))));
  }

  @Test
  void readinessFallsWhenAWatchHasBeenDeadLongerThanTheResyncPeriod(LocalControlPlane plane) throws Exception {
    await("ready").atMost(Duration.ofSeconds(30)).until(() -> get("/health/ready").statusCode() == 200);

    plane.withApiServerDown(() -> {
      await("not ready while the API server is gone").atMost(Duration.ofSeconds(30))
          .until(() -> get("/health/ready").statusCode() == 503);
      assertThat(call("/health/ready").body()).contains("longer than the resync period");
      assertThat(call("/health/live").statusCode()).as("alive: a restart would not help").isEqualTo(200);
    });

    await("ready again once the watches are back").atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> get("/health/ready").statusCode() == 200);
  }

  private static Map<String, String> with(Map<String, String> labels, String key, String value) {
    Map<String, String> more = new java.util.HashMap<>(labels);
    more.put(key, value);
    return more;
  }

  private static Scrape scrape() throws IOException, InterruptedException {
    return Scrape.of(operator.httpUrl() + "/metrics");
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return operator.get(path);
  }

  /** {@link #get} for lambdas that cannot throw checked exceptions. */
  private static HttpResponse<String> call(String path) {
    try {
      return get(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
