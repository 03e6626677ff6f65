package io.kubervisor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.analysis.PrometheusResponse;
import io.kubervisor.analysis.Sample;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.backtest.Decision;
import io.kubervisor.backtest.History;
import io.kubervisor.backtest.Replay;
import io.kubervisor.backtest.prometheus.DirectPrometheus;
import io.kubervisor.backtest.prometheus.PrometheusHistory;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.detectors.http.Credentials;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.TestNamespace;
import io.kubervisor.testing.WithLocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl kubervisor backtest} on a recorded fault: a real Prometheus scrapes a fleet of four pods, one of which
 * fails for 40 s between two healthy stretches, while the operator supervises it with the same BreakerConfig. The
 * backtest replays that history through the launcher and the jar, as a user runs it.
 */
@WithLocalCluster
class BacktestIT {

  @RegisterExtension
  static final SupervisedWorld world = new SupervisedWorld("backtest-lease");

  /** The breakers' evaluationPeriod: the replay's ejections must match the operator's within it. */
  static final Duration PERIOD = Duration.ofSeconds(5);
  static final Duration HEALTHY = Duration.ofSeconds(20);
  static final Duration FAULT = Duration.ofSeconds(40);
  /** The namespace label of a second fleet, of series only, whose every pod fails with the first's bad one. */
  static final String OUTAGE = "backtest-outage";
  static final List<String> OUTAGE_PODS = List.of("api-1", "api-2", "api-3", "api-4");
  static final ObjectMapper JSON = new ObjectMapper();

  static Path kubeconfig;
  static Path files;
  static String ns;
  static String bad;
  static Instant start;
  static Instant faultStart;
  static Instant faultEnd;
  static Instant end;
  /** Each ejection the operator wrote, by pod: the distinct values of its broken-at annotation. */
  static final Map<String, Set<Instant>> liveBreaks = new ConcurrentHashMap<>();

  /** What the launcher printed, and its exit code. */
  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void recordAFaultWhileTheOperatorSupervisesIt(LocalControlPlane plane, KubernetesClient client,
      @TestNamespace("backtest") String namespace) throws IOException {
    kubeconfig = plane.kubeconfig();
    files = Files.createTempDirectory("kubervisor-backtest-");
    ns = namespace;
    TestFleet fleet = RequestFleets.fleet(client, world.metrics, ns, 4);
    bad = fleet.podNames().get(1);
    OUTAGE_PODS.forEach(pod -> world.metrics.addPod(OUTAGE, pod));
    RequestFleets.awaitSeries(world.prometheus, ns);
    try (Watch watch = client.pods().inNamespace(ns).withLabel("app", "web").watch(new BreaksSeen())) {
      Fixtures.apply(client, Fixtures.breakerConfig(ns, "web", spec(world.prometheus.url(), ns, 10)));
      await("every pod labelled in traffic").atMost(Duration.ofSeconds(60))
          .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == 4);
      start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      awaitTime(start.plus(HEALTHY));
      faultStart = Instant.now();
      world.metrics.errorRatio(bad, 0.5);
      OUTAGE_PODS.forEach(pod -> world.metrics.errorRatio(pod, 0.5));
      await("the operator takes the failing pod out").atMost(FAULT)
          .until(() -> TrafficLabels.NO.equals(fleet.traffic(bad)));
      awaitTime(faultStart.plus(FAULT));
      faultEnd = Instant.now();
      world.metrics.errorRatio(bad, 0);
      OUTAGE_PODS.forEach(pod -> world.metrics.errorRatio(pod, 0));
      end = faultEnd.plus(HEALTHY).truncatedTo(ChronoUnit.SECONDS);
      awaitTime(end);
      await("the recovered pod back in traffic").atMost(Duration.ofSeconds(30))
          .until(() -> TrafficLabels.YES.equals(fleet.traffic(bad)));
    }
  }

  @AfterAll
  static void removeFiles() throws IOException {
    try (var paths = Files.list(files)) {
      for (Path path : paths.toList()) {
        Files.delete(path);
      }
    }
    Files.delete(files);
  }

  /** Records each ejection as the operator wrote it on the pod. */
  static final class BreaksSeen implements Watcher<Pod> {
    @Override
    public void eventReceived(Action action, Pod pod) {
      String brokenAt = pod.getMetadata().getAnnotations() == null ? null
          : pod.getMetadata().getAnnotations().get(TrafficLabels.BROKEN_AT);
      if (brokenAt != null) {
        liveBreaks.computeIfAbsent(pod.getMetadata().getName(), name -> new TreeSet<>()).add(Instant.parse(brokenAt));
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      // closed by the test once the fault is recorded
    }
  }

  /**
   * The BreakerConfig the operator runs: errors by pod over 5 s windows, every 5 s, floor 50 %, retried every 10 s.
   *
   * @param series the namespace label of the series it judges
   */
  static String spec(String prometheus, String series, int tolerancePercent) {
    return """
        service: web
        breakers:
          - name: errors
            evaluationPeriod: 5s
            warmup: 0s
            minPodsAvailableRatio: 50
            discreteValueOutOfList:
              prometheusService: %s
              promQL: sum by (pod, code) (increase(http_requests_total{namespace="%s"}[5s]))
              key: code
              goodValues: ["200"]
              tolerancePercent: %d
              minActivity: 5
        defaultActivator:
          mode: periodic
          period: 10s
        """.formatted(prometheus, series, tolerancePercent);
  }

  /** A BreakerConfig file, as a user writes one before applying it. */
  static String file(String name, String spec) throws IOException {
    return Files.writeString(files.resolve(name), """
        apiVersion: kubervisor.io/v1alpha1
        kind: BreakerConfig
        metadata:
          name: %s
        spec:
        %s""".formatted(name.replace(".yaml", ""), spec.indent(2))).toString();
  }

  @Test
  void theBacktestsEjectionsAreTheOperatorsWithinOneEvaluationPeriod() throws Exception {
    Result json = kubervisor("backtest", "web", "-n", ns, "--from", start.toString(), "--to", end.toString(),
        "-o", "json");

    assertThat(json.exit()).as(json.err()).isZero();
    Map<String, List<Instant>> replayed = breaks(JSON.readTree(json.out()).path("decisions"));
    Map<String, List<Instant>> live = new TreeMap<>();
    liveBreaks.forEach((pod, times) -> live.put(pod, times.stream()
        .filter(t -> !t.isBefore(start) && !t.isAfter(end)).toList()));
    assertThat(live.keySet()).containsExactly(bad);
    assertThat(live.get(bad)).as("a break, and breaks again after each retry of the fault").hasSizeGreaterThan(1);
    assertThat(replayed.keySet()).containsExactly(bad);
    assertThat(replayed.get(bad)).hasSameSizeAs(live.get(bad));
    for (int i = 0; i < live.get(bad).size(); i++) {
      Duration apart = Duration.between(live.get(bad).get(i), replayed.get(bad).get(i)).abs();
      assertThat(apart).as("ejection %d: live %s, replayed %s", i, live.get(bad).get(i), replayed.get(bad).get(i))
          .isLessThanOrEqualTo(PERIOD);
    }
    Result text = kubervisor("backtest", "web", "-n", ns, "--from", start.toString(), "--to", end.toString());
    assertThat(text.out()).contains("ejections            " + live.get(bad).size() + ": " + bad,
        "fewest in traffic    3 of 4 pods (floor 2)", "  " + bad + "  ", "keep their real metrics");
    assertThat(text.err()).matches("Replayed \\d+ instants in \\d+\\.\\ds with 1 range query to Prometheus\n");
    // The example run of docs/backtest.md.
    Files.writeString(Files.createDirectories(Path.of("target/backtest-it")).resolve("example.txt"), text.out());
  }

  @Test
  void rangeQueriesGiveTheVerdictsOfInstantQueriesAtTheSameTimes() {
    BreakerConfig config = Fixtures.breakerConfig(ns, "web", spec(world.prometheus.url(), ns, 10));
    History ranges = new PrometheusHistory(new DirectPrometheus(world.prometheus.url(), new Credentials(null, null)));

    Replay.Result byRange = Replay.run(config, ranges, start, end, PERIOD, t -> { });
    Replay.Result byInstant = Replay.run(config, BacktestIT::instantQueries, start, end, PERIOD, t -> { });

    assertThat(byRange.decisions()).extracting(Decision::action).contains("break", "restore");
    assertThat(byRange.decisions()).isEqualTo(byInstant.decisions());
    assertThat(byRange.timeline().frames()).isEqualTo(byInstant.timeline().frames());
  }

  /** History as the operator asks it: an instant query at each time, read by the operator's own parser. */
  static NavigableMap<Instant, List<Sample>> instantQueries(String promQL, Instant from,
      Instant to, Duration step) {
    NavigableMap<Instant, List<Sample>> answers = new TreeMap<>();
    try {
      HttpClient http = HttpClient.newHttpClient();
      for (Instant t = from; !t.isAfter(to); t = t.plus(step)) {
        String url = world.prometheus.url() + "/api/v1/query?query=" + URLEncoder.encode(promQL,
            StandardCharsets.UTF_8) + "&time=" + BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
        answers.put(t, PrometheusResponse.parse(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString()).body()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return answers;
  }

  @Test
  void theWholeFleetBadIsHeldByTheFloorWithPrometheusReachedThroughTheServiceProxy(KubernetesClient client)
      throws Exception {
    try (NetworkRelay relay = NetworkRelay.to(URI.create(world.prometheus.url()).getPort())) {
      exposeAsService(client, relay);
      String outage = file("outage.yaml", spec("http://prometheus." + ns + ".svc:9090", OUTAGE, 10));

      Result result = kubervisor("backtest", "-f", outage, "-n", ns, "--from", faultStart.minusSeconds(10).toString(),
          "--to", faultEnd.toString(), "-o", "json");

      assertThat(result.exit()).as(result.err()).isZero();
      JsonNode report = JSON.readTree(result.out());
      assertThat(report.path("prometheus").get(0).asText()).isEqualTo("breaker errors of " + ns + "/outage:"
          + " Prometheus at http://prometheus." + ns + ".svc:9090 through the API server's service proxy");
      JsonNode summary = report.path("summary");
      assertThat(summary.path("fewestInTraffic").path("pods").asInt()).isEqualTo(2);
      assertThat(summary.path("fewestInTraffic").path("floor").asInt()).isEqualTo(2);
      assertThat(summary.path("floorHeldPodsIn").path("instants").asInt()).isPositive();
      assertThat(breaks(report.path("decisions")).keySet()).isSubsetOf(OUTAGE_PODS);
    }
  }

  /**
   * Prometheus as a Service of the namespace, as in a cluster: the API server proxies to the Service's endpoint,
   * which must be a pod's IP; a pod that never schedules carries the relay's address.
   */
  static void exposeAsService(KubernetesClient client, NetworkRelay relay) {
    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("prometheus-0").endMetadata()
        .withNewSpec().addNewSchedulingGate("kubervisor.io/never").addNewContainer().withName("prometheus")
        .withImage("example.com/prometheus:1").endContainer().endSpec().build()).create();
    // A merge patch: the scheduler writes the pod's conditions meanwhile.
    client.pods().inNamespace(ns).withName("prometheus-0").subresource("status").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"podIP\":\"" + relay.ip() + "\",\"podIPs\":[{\"ip\":\""
            + relay.ip() + "\"}]}}");
    client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("prometheus")
        .endMetadata().withNewSpec().addNewPort().withName("web").withPort(9090)
        .withTargetPort(new IntOrString(relay.port())).endPort().endSpec().build()).create();
    client.endpoints().inNamespace(ns).resource(new EndpointsBuilder().withNewMetadata().withName("prometheus")
        .endMetadata().addNewSubset().addNewAddress().withIp(relay.ip()).withNewTargetRef().withKind("Pod")
        .withName("prometheus-0").withNamespace(ns).endTargetRef().endAddress().addNewPort().withName("web")
        .withPort(relay.port()).endPort().endSubset().build()).create();
  }

  @Test
  void anExternalDetectorIsReportedAsNotReplayedAndTheOthersAreReplayed() throws Exception {
    String mixed = file("mixed.yaml", spec(world.prometheus.url(), ns, 10).replace("defaultActivator:", """
          - name: remote
            external:
              url: http://detector.example:8080/anomalous
        defaultActivator:"""));

    Result result = kubervisor("backtest", "-f", mixed, "-n", ns, "--from", start.toString(), "--to", end.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("Not replayable: remote: an external detector cannot be asked about the past;"
        + " not replayed", "ejections            " + liveBreaks.get(bad).size());
  }

  @Test
  void compareShowsTheEjectionsOfTheStricterToleranceOnly() throws Exception {
    String strict = file("strict.yaml", spec(world.prometheus.url(), ns, 10));
    String tolerant = file("tolerant.yaml", spec(world.prometheus.url(), ns, 60));

    Result result = kubervisor("backtest", "-f", strict, "--compare", tolerant, "-n", ns, "--from",
        start.toString(), "--to", end.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("Differences: \\d+ decisions only in A, 0 only in B")
        .contains("Fewest in traffic: A 3 of 4 at", "; B 4 of 4 at");
    assertThat(result.err()).contains("with 2 range queries");
  }

  /** Each pod's breaks, in time order. */
  static Map<String, List<Instant>> breaks(JsonNode decisions) {
    Map<String, List<Instant>> breaks = new TreeMap<>();
    decisions.forEach(decision -> {
      if (decision.path("action").asText().equals("break")) {
        breaks.computeIfAbsent(decision.path("pod").asText(), pod -> new ArrayList<>())
            .add(Instant.parse(decision.path("time").asText()));
      }
    });
    return breaks;
  }

  /** Waits until the clock has passed {@code time}: Prometheus records the history meanwhile. */
  static void awaitTime(Instant time) {
    if (Instant.now().isBefore(time)) {
      await("until " + time).atMost(Duration.between(Instant.now(), time).plusSeconds(5))
          .pollInterval(Duration.ofMillis(200)).until(() -> !Instant.now().isBefore(time));
    }
  }

  /** Runs deploy/kubectl-kubervisor with the operator's jar against the test cluster. */
  static Result kubervisor(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("deploy/kubectl-kubervisor"));
    command.addAll(List.of(args));
    command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    Path err = Files.createTempFile(files, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().put("KUBERVISOR_JAR", OperatorProcess.JAR.toString());
    builder.environment().put("COLUMNS", "100");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), out, Files.readString(err));
  }
}
