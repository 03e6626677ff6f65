package io.kubervisor.faults;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubervisor.cluster.TrafficLabels;
import io.kubervisor.it.Crds;
import io.kubervisor.it.OperatorProcess;
import io.kubervisor.it.PodMetricsServer;
import io.kubervisor.it.TestFleet;
import io.kubervisor.testing.LocalControlPlane;
import io.kubervisor.testing.LocalPrometheus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The soak (src/bench/soak.sh): the operator's jar as a process supervising a fleet born in traffic, judged by a real
 * Prometheus, under churn for a given duration, with the invariants checked at every event; then its BreakerConfig
 * deleted, as an uninstall does. It prints what it saw and exits non-zero on any breach.
 */
public final class Soak {

  private static final Duration PERIOD = Duration.ofSeconds(2);
  /** Pods come back 5 s after a first break, 10 s after a second, up to 40 s; a pod healthy for 1 min is forgiven. */
  private static final String ACTIVATOR = "{mode: backoff, period: 5s, maxPeriod: 40s, resetAfter: 1m}";
  private static final Duration SETUP = Duration.ofMinutes(2);
  private static final Duration SETTLE = Duration.ofMinutes(2);

  private Soak() {}

  public static void main(String[] args) {
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    boolean passed;
    try (LocalControlPlane plane = LocalControlPlane.start()) {
      SoakReport report = run(plane, options, System.out);
      report.print(System.out);
      passed = report.passed();
    } catch (Exception e) {
      e.printStackTrace();
      passed = false;
    }
    System.exit(passed ? 0 : 1);
  }

  static SoakReport run(LocalControlPlane plane, SoakOptions options, PrintStream out) throws Exception {
    KubernetesClient client = plane.adminClient();
    Crds.install(client);
    String ns = plane.createNamespace("soak");
    String leaseNamespace = plane.createNamespace("soak-lease");
    try (PodMetricsServer metrics = new PodMetricsServer();
        LocalPrometheus prometheus = LocalPrometheus.launch();
        PodEnrolment enrolment = PodEnrolment.start(client, ns, metrics);
        OperatorProcess operator = OperatorProcess.start(options.jar(), plane.kubeconfig(),
            Map.of("kubervisor.lease-namespace", leaseNamespace), List.of("-Xmx256m"), List.of(), Map.of())) {
      prometheus.addTarget(metrics.hostPort(), Map.of("job", "pods"));
      TestFleet fleet = TestFleet.create(client, ns, "web", options.replicas(), TestFleet.BORN_IN_TRAFFIC);
      prometheus.awaitSeries("http_requests_total{namespace=\"" + ns + "\"}", SETUP);
      BreakerConfigs.apply(client, BreakerConfigs.errorRatio(ns, prometheus.url(), PERIOD, ACTIVATOR));
      await("the operator leads").atMost(SETUP).ignoreExceptions().until(() -> OperatorMetrics.of(operator).leads());
      BreakerConfigs.awaitRunning(client, ns, options.replicas());
      try (Invariants invariants = Invariants.start(client, Supervised.of(fleet, BreakerConfigs.NAME),
          Limits.of(PERIOD))) {
        long heapAtStart = OperatorHeap.usedAfterFullGc(operator.pid());
        out.printf("[soak] %s churning for %s; operator heap %d bytes after a full GC%n", Instant.now(),
            options.duration(), heapAtStart);
        long begin = System.nanoTime();
        AtomicLong minutesShown = new AtomicLong();
        String operatorDied = null;
        Churn churn = Churn.start(client, fleet, metrics, prometheus, options, out);
        try (churn) {
          await("the operator alive throughout the soak").during(options.duration())
              .atMost(options.duration().plusMinutes(1)).pollInterval(Duration.ofSeconds(1))
              .conditionEvaluationListener(condition -> progress(out, invariants, begin, minutesShown))
              .until(operator::isAlive);
        } catch (ConditionTimeoutException died) {
          operatorDied = "exited at " + Instant.now() + "; its log is in target/operator-logs/operator-"
              + operator.pid() + ".log";
        }
        Duration ran = Duration.ofNanos(System.nanoTime() - begin);
        if (operatorDied == null) {
          await("every pod back in traffic once the churn stopped").atMost(SETTLE)
              .until(() -> fleet.podsWithTraffic(TrafficLabels.YES).size() == options.replicas());
        }
        long heapAtEnd = operatorDied == null ? OperatorHeap.usedAfterFullGc(operator.pid()) : -1;
        OperatorMetrics counted = operatorDied == null ? OperatorMetrics.of(operator) : new OperatorMetrics(List.of());
        Map<String, Long> decisions = decisions(counted, ns);
        long detectorErrors = (long) counted.sum("kubervisor_detector_errors_total", Map.of("namespace", ns));
        BreakerConfigs.deleteAndAwaitGone(client, ns);
        invariants.settle();
        return new SoakReport(ran, options, churn.rollouts(), churn.podFaults(), churn.prometheusRestarts(),
            churn.failures(), invariants.totals(), decisions, detectorErrors, heapAtStart, heapAtEnd, operatorDied);
      }
    } finally {
      client.namespaces().withName(ns).delete();
      client.namespaces().withName(leaseNamespace).delete();
    }
  }

  /** Prints the invariants' totals once a minute. */
  private static void progress(PrintStream out, Invariants invariants, long begin, AtomicLong minutesShown) {
    long minutes = Duration.ofNanos(System.nanoTime() - begin).toMinutes();
    if (minutes > minutesShown.get()) {
      minutesShown.set(minutes);
      out.printf("[soak] %s %d min: %s%n", Instant.now(), minutes, invariants.totals().summary());
    }
  }

  private static Map<String, Long> decisions(OperatorMetrics metrics, String ns) {
    Map<String, Long> byAction = new TreeMap<>();
    for (String action : List.of("break", "restore", "pause", "kill")) {
      byAction.put(action,
          (long) metrics.sum("kubervisor_decisions_total", Map.of("namespace", ns, "action", action)));
    }
    return byAction;
  }
}
