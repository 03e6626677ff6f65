package io.kubervisor.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a soak saw: the churn it made, the invariants' totals, the decisions the operator counted, and the operator's
 * heap after a full collection at the start and at the end.
 *
 * @param churnFailures churn actions that failed (a rollout that did not finish, say), with when
 * @param operatorDecisions {@code kubervisor_decisions_total} by action, as the operator counted them
 * @param detectorErrors the detector calls that failed, as the operator counted them: Prometheus' restarts, felt
 * @param operatorDied null while the operator ran throughout, else what was seen
 */
record SoakReport(Duration ran, SoakOptions options, int rollouts, int podFaults, int prometheusRestarts,
    List<String> churnFailures, InvariantTotals invariants, Map<String, Long> operatorDecisions, long detectorErrors,
    long heapAtStart, long heapAtEnd, String operatorDied) {

  boolean passed() {
    return invariants.breaches().isEmpty() && churnFailures.isEmpty() && operatorDied == null;
  }

  void print(PrintStream out) {
    out.printf("soak: %s of churn on %d pods (seed %d): %d rollouts, %d pod faults, %d Prometheus restarts%n",
        ran, options.replicas(), options.seed(), rollouts, podFaults, prometheusRestarts);
    out.printf("  breaches: %d%n", invariants.breaches().size());
    invariants.breaches().forEach(breach -> out.println("    " + breach));
    out.printf("  decisions seen on the pods: %d ejections, %d restores, %d pauses; the operator counted %s%n",
        invariants.ejections(), invariants.restores(), invariants.pauses(), operatorDecisions);
    out.printf("  detector calls failed: %d%n", detectorErrors);
    out.printf("  fewest ready endpoints: %s against a floor of %d, at %s%n", invariants.fewestReadyEndpoints(),
        invariants.floorAtFewest(), invariants.fewestAt());
    out.printf("  events checked: %d%n", invariants.events());
    out.printf("  operator heap after a full GC: %.1f MiB at the start, %.1f MiB at the end%n", mib(heapAtStart),
        mib(heapAtEnd));
    churnFailures.forEach(failure -> out.println("  churn failure: " + failure));
    if (operatorDied != null) {
      out.println("  the operator died: " + operatorDied);
    }
    out.println(passed() ? "soak: PASSED" : "soak: FAILED");
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
