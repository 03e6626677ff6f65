package io.kubervisor.sandbox;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubervisor.api.v1alpha1.BreakerConfig;
import io.kubervisor.api.v1alpha1.BreakerEvaluation;
import io.kubervisor.api.v1alpha1.Mode;
import io.kubervisor.it.Crds;
import io.kubervisor.it.OperatorProcess;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.LocalPrometheus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sandbox world on a control plane: Prometheus, a Deployment behind the Service {@value #SERVICE}, the fleet
 * simulator sending it requests, the scenario's BreakerConfig and the operator's jar. {@link #start} returns once
 * kubervisor has evaluated the healthy fleet; {@link #run} plays the scenario and measures it.
 */
public final class Sandbox implements AutoCloseable {

  /** The Service of the sandbox; its BreakerConfigs name it. */
  public static final String SERVICE = "web";
  /** Where the operator's log is saved when the sandbox closes. */
  public static final Path OPERATOR_LOG = Path.of("target/sandbox/operator.log");

  private static final Path OPERATOR_JAR = Path.of("target/kubervisor.jar");
  private static final Duration READY = Duration.ofSeconds(90);
  private static final Duration REFRESH = Duration.ofMillis(500);

  private final Closer closer = new Closer();
  private final KubernetesClient client;
  private final String namespace;
  private final Scenario scenario;
  private final Clock clock = Clock.systemUTC();
  private LocalPrometheus prometheus;
  private FleetSimulator simulator;
  private TrafficWatch traffic;
  private OperatorProcess operator;
  private BreakerConfig breakerConfig;

  private Sandbox(KubernetesClient client, String namespace, Scenario scenario) {
    this.client = client;
    this.namespace = namespace;
    this.scenario = scenario;
  }

  /** Starts everything in {@code namespace}, which must exist; on failure, stops what it started. */
  public static Sandbox start(KubernetesClient client, Path kubeconfig, String namespace, Scenario scenario,
      Consumer<String> progress) throws IOException {
    if (!Files.isRegularFile(OPERATOR_JAR)) {
      throw new IllegalStateException(OPERATOR_JAR + " is missing; build it with: mvn -q package -DskipTests");
    }
    Sandbox sandbox = new Sandbox(client, namespace, scenario);
    try {
      sandbox.boot(kubeconfig, progress);
    } catch (IOException | RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  private void boot(Path kubeconfig, Consumer<String> progress) throws IOException {
    Crds.install(client);
    progress.accept("starting Prometheus");
    prometheus = closer.add(LocalPrometheus.launch());
    progress.accept("creating the Deployment " + SERVICE + " (" + scenario.pods() + " pods) and its Service");
    // Born in traffic, as docs/breakerconfig.md has it: the label in the pod template, never waiting for kubervisor.
    TestFleet.create(client, namespace, SERVICE, scenario.pods(), TestFleet.BORN_IN_TRAFFIC);
    simulator = closer.add(FleetSimulator.start(client, namespace, SERVICE, scenario.requestsPerSecond()));
    prometheus.addTarget(simulator.metricsHostPort(), Map.of());
    traffic = closer.add(TrafficWatch.start(client, namespace, Map.of("app", SERVICE)));
    breakerConfig = SandboxBreakerConfig.load(scenario.breakerConfig(), namespace, prometheus.url(), scenario.mode());
    client.resources(BreakerConfig.class).inNamespace(namespace).resource(breakerConfig).create();
    progress.accept("starting the operator (" + OPERATOR_JAR + ") with the BreakerConfig "
        + scenario.breakerConfig().getFileName());
    operator = closer.add(OperatorProcess.start(kubeconfig, Map.of("kubervisor.lease-namespace", namespace)));
    await("every pod is one of the Service's ready endpoints").atMost(READY)
        .until(() -> operatorAlive() && simulator.endpoints().ready().size() == scenario.pods());
    simulator.startLoad();
    progress.accept("sending " + Math.round(scenario.requestsPerSecond()) + " requests/s; waiting for kubervisor to"
        + " judge the healthy fleet");
    await("kubervisor evaluates every pod").atMost(READY).until(() -> operatorAlive() && evaluatedAll());
  }

  /** Every breaker's last evaluation judged every pod: Prometheus has their series and the windows are full. */
  private boolean evaluatedAll() {
    BreakerConfig current = current();
    if (current == null || current.getStatus() == null) {
      return false;
    }
    List<BreakerEvaluation> evaluations = current.getStatus().lastEvaluation;
    return evaluations.size() == current.getSpec().breakers.size() && evaluations.stream().allMatch(e ->
        e.outcome == BreakerEvaluation.Outcome.Evaluated && Integer.valueOf(scenario.pods()).equals(e.evaluated));
  }

  /** Plays the scenario, showing it on {@code view}, and measures it. */
  public Summary run(View view) throws InterruptedException {
    List<String> podsAtStart = simulator.endpoints().ready();
    OperatorDecisions decisions = new OperatorDecisions(operator::log);
    // Any decision before the scenario starts is not the scenario's.
    decisions.news();
    Timeline timeline = closer.add(new Timeline(scenario, podsAtStart, world(), clock, view::event));
    Dashboard dashboard = new Dashboard(scenario, timeline, podsAtStart, simulator, traffic, this::current, decisions,
        clock);
    Refresher refresher = new Refresher(view, timeline, dashboard, decisions, clock, scenario.pods());
    CountDownLatch over = new CountDownLatch(1);
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    timeline.play();
    try {
      ticks.scheduleAtFixedRate(() -> {
        refresher.refresh();
        if (!operator.isAlive()) {
          over.countDown();
        }
      }, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
      ticks.schedule(over::countDown, scenario.duration().toMillis(), TimeUnit.MILLISECONDS);
      over.await();
    } finally {
      ticks.shutdownNow();
      ticks.awaitTermination(5, TimeUnit.SECONDS);
    }
    Instant end = clock.instant();
    if (!operator.isAlive()) {
      throw new IllegalStateException("the operator exited during the scenario; its log is in " + OPERATOR_LOG);
    }
    refresher.refresh();
    Summary.Run run = new Summary.Run(timeline.start(), end, simulator.fleet().clients(), timeline.faults(),
        timeline.healed(), traffic.transitions());
    return Summary.of(scenario.name(), run, SandboxBreakerConfig.floor(breakerConfig, scenario.pods()),
        scenario.pods(), refresher.fewestInTraffic(), refresher.dryRunPods());
  }

  private Timeline.World world() {
    return new Timeline.World() {
      @Override
      public void behave(String pod, Behaviour behaviour) {
        simulator.behave(pod, behaviour);
      }

      @Override
      public void mode(Mode mode) {
        // A merge patch of the one field, as kubectl kubervisor does: it cannot conflict with the status writes.
        client.resources(BreakerConfig.class).inNamespace(namespace).withName(breakerConfig.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"mode\":\"" + mode + "\"}}");
      }

      @Override
      public List<String> pods() {
        return traffic.pods().stream().filter(p -> !p.terminating()).map(TrafficWatch.PodState::name).toList();
      }
    };
  }

  private BreakerConfig current() {
    return client.resources(BreakerConfig.class).inNamespace(namespace).withName(breakerConfig.getMetadata().getName())
        .get();
  }

  private boolean operatorAlive() {
    if (!operator.isAlive()) {
      List<String> log = operator.log();
      throw new IllegalStateException("the operator exited; the end of its log:\n"
          + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
    }
    return true;
  }

  public String prometheusUrl() {
    return prometheus.url();
  }

  /** Stops everything it started, last first, and saves the operator's log. */
  @Override
  public void close() {
    closer.close();
    if (operator != null) {
      try {
        Files.createDirectories(OPERATOR_LOG.getParent());
        Files.write(OPERATOR_LOG, operator.log());
      } catch (IOException e) {
        System.err.println("[sandbox] could not save the operator's log to " + OPERATOR_LOG + ": " + e);
      }
    }
  }
}
