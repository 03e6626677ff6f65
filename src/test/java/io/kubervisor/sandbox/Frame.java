package io.kubervisor.sandbox;

import io.kubervisor.sandbox.RequestHistory.Totals;
import java.time.Duration;
import java.util.List;

/**
 * What the sandbox shows at one moment.
 *
 * @param breakerConfig the BreakerConfig's mode, counts, floor and conditions, on one line
 * @param clients what the Service's clients saw over the last {@link #WINDOW}
 * @param lastDecision the operator's last decision, or null
 * @param next the next step, or null
 */
record Frame(String scenario, Duration elapsed, Duration length, String breakerConfig, Totals clients,
    long inTraffic, List<PodRow> pods, OperatorDecisions.Decision lastDecision, String next) {

  /** The window of the rates shown. */
  static final Duration WINDOW = Duration.ofSeconds(5);

  /**
   * One pod.
   *
   * @param index its index in the scenario, or null for a pod that came later
   * @param served what it served over the last {@link #WINDOW}
   */
  record PodRow(Integer index, String name, String traffic, boolean terminating, Totals served, String behaviour) {
  }
}
