package io.kubervisor.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.ServicePods;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.it.PodMetricsServer;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.LocalPrometheus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's churn, each kind on its own beat: rollouts of the Deployment, one random pod in traffic failing for a
 * while (its error ratio up, then down), Prometheus stopped for a while and started again. One thread runs them all,
 * so no two overlap; an action that fails is counted and reported, and the churn goes on.
 */
final class Churn implements AutoCloseable {

  private static final double FAULTY_ERROR_RATIO = 0.5;
  /** Several evaluations long, so that the operator sees Prometheus gone, and not only a quick restart. */
  private static final Duration PROMETHEUS_DOWNTIME = Duration.ofSeconds(10);
  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration WIND_DOWN = Duration.ofMinutes(3);

  private final KubernetesClient client;
  private final TestFleet fleet;
  private final PodMetricsServer metrics;
  private final LocalPrometheus prometheus;
  private final SoakOptions options;
  private final PrintStream out;
  private final Random random;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread churn = new Thread(runnable, "soak-churn");
    churn.setDaemon(true);
    return churn;
  });
  private final AtomicInteger rollouts = new AtomicInteger();
  private final AtomicInteger podFaults = new AtomicInteger();
  private final AtomicInteger prometheusRestarts = new AtomicInteger();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  /** The pod failing now, if any; only the churn thread touches it. */
  private String faulty;

  private Churn(KubernetesClient client, TestFleet fleet, PodMetricsServer metrics, LocalPrometheus prometheus,
      SoakOptions options, PrintStream out) {
    this.client = client;
    this.fleet = fleet;
    this.metrics = metrics;
    this.prometheus = prometheus;
    this.options = options;
    this.out = out;
    this.random = new Random(options.seed());
  }

  static Churn start(KubernetesClient client, TestFleet fleet, PodMetricsServer metrics, LocalPrometheus prometheus,
      SoakOptions options, PrintStream out) {
    Churn churn = new Churn(client, fleet, metrics, prometheus, options, out);
    churn.every(options.rolloutEvery(), "rollout", churn::rollout);
    churn.every(options.podFaultEvery(), "pod fault", churn::podFault);
    churn.every(options.prometheusRestartEvery(), "Prometheus restart", churn::restartPrometheus);
    return churn;
  }

  int rollouts() {
    return rollouts.get();
  }

  int podFaults() {
    return podFaults.get();
  }

  int prometheusRestarts() {
    return prometheusRestarts.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Lets the action in progress finish, then ends the pod fault in progress: every pod healthy again. */
  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(WIND_DOWN.toSeconds(), TimeUnit.SECONDS)) {
      failures.add("the churn's last action did not end within " + WIND_DOWN);
      thread.shutdownNow();
    }
    if (faulty != null) {
      metrics.errorRatio(faulty, 0);
    }
  }

  private void every(Duration period, String what, ChurnAction action) {
    thread.scheduleAtFixedRate(guarded(what, action), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs the action later on the churn thread; delayed actions still run once the churn is closed. */
  private void after(Duration delay, String what, ChurnAction action) {
    thread.schedule(guarded(what, action), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Runnable guarded(String what, ChurnAction action) {
    return () -> {
      try {
        action.run();
      } catch (Exception | AssertionError e) {
        failures.add(Instant.now() + " " + what + ": " + e);
        out.println("[soak] " + what + " failed: " + e);
      }
    };
  }

  private void rollout() {
    Deployments.restart(client, fleet.namespace, fleet.name);
    Deployments.awaitRolledOut(client, fleet.namespace, fleet.name, ROLLOUT_TIMEOUT);
    say("rollout " + rollouts.incrementAndGet() + " done");
  }

  /** One pod at a time: a new fault waits until the previous one has ended. */
  private void podFault() {
    if (faulty != null) {
      return;
    }
    List<String> inTraffic = fleet.pods().stream()
        .filter(pod -> ServicePods.isManaged(pod) && TrafficLabels.YES.equals(traffic(pod)))
        .map(pod -> pod.getMetadata().getName()).sorted().toList();
    if (inTraffic.isEmpty()) {
      return;
    }
    String pod = inTraffic.get(random.nextInt(inTraffic.size()));
    faulty = pod;
    metrics.errorRatio(pod, FAULTY_ERROR_RATIO);
    say("pod fault " + podFaults.incrementAndGet() + ": " + pod + " failing for " + options.podFaultLength());
    after(options.podFaultLength(), "end of a pod fault", () -> {
      metrics.errorRatio(pod, 0);
      faulty = null;
    });
  }

  private void restartPrometheus() {
    prometheus.stop();
    say("Prometheus stopped for " + PROMETHEUS_DOWNTIME);
    after(PROMETHEUS_DOWNTIME, "Prometheus start", () -> {
      prometheus.start();
      say("Prometheus restart " + prometheusRestarts.incrementAndGet() + " done");
    });
  }

  private void say(String what) {
    out.println("[soak] " + Instant.now() + " " + what);
  }

  private static String traffic(Pod pod) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(TrafficLabels.TRAFFIC);
  }

  @FunctionalInterface
  private interface ChurnAction {
    void run() throws Exception;
  }
}
