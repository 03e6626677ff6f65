package io.kubervisor.it;

import static io.kubervisor.it.Fixtures.apply;
import static io.kubervisor.it.Fixtures.breakerConfig;
import static io.kubervisor.it.Fixtures.condition;
import static io.kubervisor.it.Fixtures.events;
import static io.kubervisor.it.Fixtures.get;
import static io.kubervisor.it.Fixtures.is;
import static io.kubervisor.it.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.Conditions;
import io.kubervisor.api.v1alpha1.DryRunDecision;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The supervision engine end to end: the operator, a real API server with kwok pods and EndpointSlices, a real
 * Prometheus scraping per-pod series.
 */
@WithLocalCluster
class EngineIT {

  private static final Duration DECISION = Duration.ofSeconds(40);

  @RegisterExtension
  static final SupervisedWorld world = new SupervisedWorld("engine-lease");


  @Test
  void discreteDetectorEjectsExactlyTheBadPods(KubernetesClient client, @TestNamespace("discrete") String ns) {
    TestFleet fleet = fleet(client, ns, 10);
    List<String> pods = fleet.podNames();
    List<String> bad = pods.subList(0, 2);
    bad.forEach(pod -> world.metrics.errorRatio(pod, 0.3));
    awaitSeries(ns);

    apply(client, discreteBreakerConfig(ns, "web-errors", "Enabled", 50));

    await("the 2 bad pods out of traffic").atMost(DECISION)
        .until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(bad));
    await("the Service's endpoints without them").atMost(DECISION)
        .until(fleet::readyEndpoints, is(pods.subList(2, pods.size())));
    assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).containsExactlyElementsOf(pods.subList(2, pods.size()));
    for (Pod healthy : fleet.pods()) {
      if (!bad.contains(healthy.getMetadata().getName())) {
        assertThat(healthy.getMetadata().getAnnotations() == null ? Map.of() : healthy.getMetadata().getAnnotations())
            .doesNotContainKeys(TrafficLabels.ANNOTATIONS.toArray(String[]::new));
      }
    }
    Pod ejected = client.pods().inNamespace(ns).withName(bad.get(0)).get();
    assertThat(ejected.getMetadata().getAnnotations())
        .containsEntry(TrafficLabels.BREAKER, "errors")
        .containsEntry(TrafficLabels.RETRIES, "1")
        .containsKey(TrafficLabels.BROKEN_AT);
    assertThat(ejected.getMetadata().getAnnotations().get(TrafficLabels.REASON)).contains("above tolerance 10%");
    await("status counts").atMost(DECISION).untilAsserted(() -> {
      BreakerConfig config = get(client, ns, "web-errors");
      assertThat(config.getStatus()).isNotNull();
      assertThat(config.getStatus().managed).isEqualTo(10);
      assertThat(config.getStatus().inTraffic).isEqualTo(8);
      assertThat(config.getStatus().broken).isEqualTo(2);
      assertThat(config.getStatus().pods).extracting(p -> p.name).containsExactlyElementsOf(bad);
      assertThat(condition(config, Conditions.READY))
          .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    });
    assertThat(events(client, ns, bad.get(0))).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("OutOfTraffic");
      assertThat(e.getMessage()).contains("breaker errors").contains("above tolerance 10%");
    });
  }

  @Test
  void floorHoldsWhenTheWholeFleetIsBadEvenWithTwoBreakers(KubernetesClient client,
      @TestNamespace("floor") String ns) {
    TestFleet fleet = fleet(client, ns, 10);
    fleet.podNames().forEach(pod -> world.metrics.errorRatio(pod, 0.5));
    awaitSeries(ns);
    BreakerConfig config = discreteBreakerConfig(ns, "web-floor", "Enabled", 50);
    BreakerConfig second = discreteBreakerConfig(ns, "unused", "Enabled", 50);
    second.getSpec().breakers.get(0).name = "errors-again";
    config.getSpec().breakers.add(second.getSpec().breakers.get(0));

    apply(client, config);

    await("half the fleet out").atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.NO).size() == 5);
    // Five more evaluation rounds of each breaker (1s apart) must not take the fleet below the floor.
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(12))
        .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 5);
    await("FleetDegraded, each spared pod counted once").atMost(DECISION).untilAsserted(() -> assertThat(
        condition(get(client, ns, "web-floor"), Conditions.FLEET_DEGRADED))
        .hasValueSatisfying(c -> {
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getMessage()).startsWith("5 anomalous pod(s) kept in traffic");
        }));
  }

  @Test
  void dryRunTouchesNoPodButNamesThem(KubernetesClient client, @TestNamespace("dryrun") String ns) {
    TestFleet fleet = fleet(client, ns, 6);
    List<String> bad = fleet.podNames().subList(0, 2);
    bad.forEach(pod -> world.metrics.errorRatio(pod, 0.3));
    awaitSeries(ns);

    apply(client, discreteBreakerConfig(ns, "web-dry", "DryRun", 50));

    await("dry-run decisions in status").atMost(DECISION).untilAsserted(() ->
        assertThat(get(client, ns, "web-dry").getStatus()).isNotNull()
            .extracting(status -> status.dryRun).asInstanceOf(InstanceOfAssertFactories.list(DryRunDecision.class))
            .extracting(d -> d.pod).containsExactlyInAnyOrderElementsOf(bad));
    assertThat(events(client, ns, bad.get(0))).anySatisfy(e -> assertThat(e.getReason())
        .isEqualTo("DryRunOutOfTraffic"));
    assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).hasSize(6);
    MeterRegistry meters = world.operator.camelContext().getRegistry().lookupByNameAndType("metricsRegistry",
        MeterRegistry.class);
    assertThat(meters.get("kubervisor.decisions").tags("action", "dry_run", "namespace", ns).counter().count())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void evaluationsReadTheCacheAndMakeNoListCalls(KubernetesClient client, LocalControlPlane plane,
      @TestNamespace("nolist") String ns) throws Exception {
    TestFleet fleet = fleet(client, ns, 4);
    world.metrics.errorRatio(fleet.podNames().get(0), 0.5);
    awaitSeries(ns);
    apply(client, discreteBreakerConfig(ns, "steady", "Enabled", 75));
    await("the bad pod out").atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.NO).size() == 1);
    long evaluated = Fixtures.evaluations(ns, "steady");
    long operatorLists = operatorPodLists(plane);
    assertThat(operatorLists).as("the operator's informer LISTed pods once at start: the audit log sees it")
        .isPositive();

    // Steady state: the breaker keeps evaluating (1 s period), nothing changes; only the API server counts.
    await("5 more evaluations").atMost(Duration.ofSeconds(20))
        .until(() -> Fixtures.evaluations(ns, "steady") >= evaluated + 5);

    assertThat(operatorPodLists(plane)).as("the operator's LIST calls on pods").isEqualTo(operatorLists);
  }

  @Test
  void eachBreakerConfigIsOneMBeanWithItsEvaluationsAndFleet(KubernetesClient client,
      @TestNamespace("jmx") String ns) {
    fleet(client, ns, 2);
    apply(client, discreteBreakerConfig(ns, "visible", "Enabled", 50));

    await("evaluations in JMX").atMost(DECISION).until(() -> Fixtures.evaluations(ns, "visible") > 0);
    await("the fleet in JMX").atMost(DECISION).until(() -> Fixtures.attribute(ns, "visible", "InTraffic"), is(2));
  }

  /**
   * The operator's LIST requests on pods, from the API server's audit log. The API server's metrics count the
   * controllers' LISTs too (the namespace controller's, deleting earlier tests' namespaces), so only the user agent
   * tells the operator's apart.
   */
  private static long operatorPodLists(LocalControlPlane plane) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(plane.auditLog())) {
      return lines.map(line -> {
        try {
          return json.readTree(line);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).filter(event -> event.path("verb").asText().equals("list"))
          .filter(event -> event.path("objectRef").path("resource").asText().equals("pods"))
          .filter(event -> event.path("userAgent").asText().startsWith("kubervisor/"))
          .count();
    }
  }

  @Test
  void anUnknownDetectorIsAnErrorNeverAFallback(KubernetesClient client, @TestNamespace("unknown") String ns)
      throws Exception {
    fleet(client, ns, 2);
    apply(client, breakerConfig(ns, "mystery", """
        service: web
        breakers:
          - name: mine
            custom:
              name: no-such-detector
        """));

    await("Ready=False, UnknownDetector").atMost(DECISION).untilAsserted(() ->
        assertThat(condition(get(client, ns, "mystery"), Conditions.READY)).hasValueSatisfying(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo(Conditions.Reasons.UNKNOWN_DETECTOR);
          assertThat(c.getMessage()).contains("no detector route named 'no-such-detector'")
              .contains("discreteValueOutOfList");
        }));
    assertThat(Fixtures.evaluations(ns, "mystery")).as("passes that called a detector").isZero();
  }

  @Test
  void aSecondBreakerConfigForTheSameServiceStandsByWithAConflict(KubernetesClient client,
      @TestNamespace("conflict") String ns) {
    fleet(client, ns, 2);
    apply(client, discreteBreakerConfig(ns, "first", "Enabled", 50));
    await().atMost(DECISION).until(() -> condition(get(client, ns, "first"), Conditions.READY).isPresent());

    apply(client, discreteBreakerConfig(ns, "second", "Enabled", 50));

    await("Conflict on the second").atMost(DECISION).untilAsserted(() ->
        assertThat(condition(get(client, ns, "second"), Conditions.CONFLICT))
            .hasValueSatisfying(c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getMessage()).contains("already supervised by BreakerConfig first");
            }));
    await("no Conflict on the first").atMost(DECISION).untilAsserted(() ->
        assertThat(condition(get(client, ns, "first"), Conditions.CONFLICT))
            .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False")));
  }

  @Test
  void watchesSurviveAnApiServerRestart(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("restart") String ns) throws Exception {
    TestFleet fleet = fleet(client, ns, 3);
    String named = fleet.podNames().get(0);
    try (FakeDetector detector = new FakeDetector()) {
      detector.anomalous(named);

      plane.restartApiServer();
      // Created after the restart: only a watch that came back sees it.
      apply(client, breakerConfig(ns, "after-restart", """
          service: web
          breakers:
            - name: external
              evaluationPeriod: 1s
              warmup: 0s
              external:
                url: %s
          """.formatted(detector.url())));

      await("the operator still acts").atMost(Duration.ofSeconds(90))
          .until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(List.of(named)));
    }
  }

  @Test
  void deviationAndOutlierEjectTheSlowPodButNotAUniformSlowdown(KubernetesClient client,
      @TestNamespace("latency") String ns, @TestNamespace("uniform") String uniformNs) {
    TestFleet fleet = fleet(client, ns, 8);
    String slow = fleet.podNames().get(3);
    world.metrics.latency(slow, 1.0);
    TestFleet uniform = fleet(client, uniformNs, 8);
    uniform.podNames().forEach(pod -> world.metrics.latency(pod, 1.0));
    awaitSeries(ns);
    awaitSeries(uniformNs);

    for (String namespace : List.of(ns, uniformNs)) {
      apply(client, breakerConfig(namespace, "latency", """
          service: web
          breakers:
            - name: deviation
              evaluationPeriod: 1s
              warmup: 0s
              continuousValueDeviation:
                prometheusService: %1$s
                promQL: max by (pod) (request_latency_seconds{namespace="%2$s"})
                maxDeviationPercent: 75
            - name: outlier
              evaluationPeriod: 1s
              warmup: 0s
              outlier:
                prometheusService: %1$s
                promQL: max by (pod) (request_latency_seconds{namespace="%2$s"})
          """.formatted(world.prometheus.url(), namespace)));
    }

    await("the slow pod out").atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(List.of(slow)));
    await("both breakers evaluated the uniform fleet").atMost(DECISION).untilAsserted(() ->
        assertThat(status(client, uniformNs, "latency").lastEvaluation).hasSize(2));
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
        .until(() -> uniform.podsWithTraffic(TrafficLabels.YES).size() == 8);
  }

  @Test
  void externalDetectorEjectsOnlyNamedPodsOfTheService(KubernetesClient client, @TestNamespace("external") String ns)
      throws Exception {
    TestFleet fleet = fleet(client, ns, 4);
    String named = fleet.podNames().get(1);
    HttpServer detector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    detector.createContext("/anomalous", exchange -> {
      byte[] body = ("[\"" + named + "\", \"pod-of-another-service\"]").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    detector.start();
    try {
      apply(client, breakerConfig(ns, "external", """
          service: web
          breakers:
            - name: external
              evaluationPeriod: 1s
              warmup: 0s
              external:
                url: http://127.0.0.1:%d/anomalous
          """.formatted(detector.getAddress().getPort())));

      await("the named pod out").atMost(DECISION)
          .until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(List.of(named)));
      assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).hasSize(3);
    } finally {
      detector.stop(0);
    }
  }

  @Test
  void prometheusErrorsChangeNothingAndReachTheStatus(KubernetesClient client, @TestNamespace("promerr") String ns) {
    TestFleet fleet = fleet(client, ns, 4);
    world.metrics.errorRatio(fleet.podNames().get(0), 0.9);
    awaitSeries(ns);
    BreakerConfig invalid = discreteBreakerConfig(ns, "bad-query", "Enabled", 50);
    invalid.getSpec().breakers.get(0).discreteValueOutOfList.promQL = "sum by by (pod) (http_requests_total)";

    apply(client, invalid);

    await("Prometheus' own message in DetectorsHealthy").atMost(DECISION).untilAsserted(() ->
        assertThat(condition(get(client, ns, "bad-query"), Conditions.DETECTORS_HEALTHY))
            .hasValueSatisfying(c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo(Conditions.Reasons.DETECTOR_ERROR);
              assertThat(c.getMessage()).contains("bad_data").contains("parse error");
            }));
    assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).hasSize(4);
  }

  @Test
  void prometheusDownChangesNothingAndTheBreakerRecovers(KubernetesClient client,
      @TestNamespace("promdown") String ns) {
    TestFleet fleet = fleet(client, ns, 4);
    String bad = fleet.podNames().get(2);
    awaitSeries(ns);
    apply(client, discreteBreakerConfig(ns, "down", "Enabled", 50));
    await("evaluating").atMost(DECISION).untilAsserted(() -> assertThat(
        condition(get(client, ns, "down"), Conditions.DETECTORS_HEALTHY))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True")));

    world.prometheus.stop();
    try {
      world.metrics.errorRatio(bad, 0.9);
      await("the outage in DetectorsHealthy").atMost(DECISION).untilAsserted(() -> assertThat(
          condition(get(client, ns, "down"), Conditions.DETECTORS_HEALTHY))
          .hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).contains("Connection refused");
          }));
      assertThat(fleet.podsWithTraffic(TrafficLabels.YES)).hasSize(4);
    } finally {
      world.prometheus.start();
    }

    await("the bad pod out once Prometheus is back").atMost(DECISION)
        .until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(List.of(bad)));
  }

  @Test
  void editingKeepsPodStateAndDeletingReturnsThePods(KubernetesClient client, @TestNamespace("lifecycle") String ns)
      throws Exception {
    TestFleet fleet = fleet(client, ns, 6);
    String bad = fleet.podNames().get(0);
    world.metrics.errorRatio(bad, 0.5);
    awaitSeries(ns);
    apply(client, discreteBreakerConfig(ns, "life", "Enabled", 50));
    await().atMost(DECISION).until(() -> fleet.podsWithTraffic(TrafficLabels.NO), is(List.of(bad)));

    BreakerConfig edited = get(client, ns, "life");
    edited.getSpec().breakers.get(0).evaluationPeriod = "2s";
    // A merge patch of the spec, as kubectl apply would: the operator writes the status meanwhile.
    client.resources(BreakerConfig.class).inNamespace(ns).withName("life")
        .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("spec", edited.getSpec())));
    long generation = get(client, ns, "life").getMetadata().getGeneration();

    await("the edit observed").atMost(DECISION).until(() -> status(client, ns, "life").observedGeneration,
        is(generation));
    assertThat(fleet.podsWithTraffic(TrafficLabels.NO)).containsExactly(bad);
    assertThat(client.pods().inNamespace(ns).withName(bad).get().getMetadata().getAnnotations())
        .containsEntry(TrafficLabels.RETRIES, "1");

    client.resource(edited).delete();
    await("the pod back in traffic, the BreakerConfig gone").atMost(DECISION)
        .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 6 && get(client, ns, "life") == null);
    await("its MBean gone").atMost(DECISION).until(() -> Fixtures.attribute(ns, "life", "Passes") == null);
  }

  private static TestFleet fleet(KubernetesClient client, String ns, int replicas) {
    return RequestFleets.fleet(client, world.metrics, ns, replicas);
  }

  private static void awaitSeries(String ns) {
    RequestFleets.awaitSeries(world.prometheus, ns);
  }

  private static BreakerConfig discreteBreakerConfig(String ns, String name, String mode, int ratio) {
    return RequestFleets.discreteBreakerConfig(world.prometheus, ns, name, mode, ratio);
  }
}
