package io.kubervisor.backtest;

import java.time.Duration;
import java.util.List;

/**
 * A backtest, ready to print: one run, or two of different configurations on the same history with what they decided
 * differently.
 *
 * @param comparison null for a single run
 * @param prometheus how each breaker's Prometheus was reached
 * @param took the wall time of the replays
 * @param queries the range queries asked of Prometheus
 */
public record BacktestReport(Window window, List<Run> runs, Comparison comparison, List<String> prometheus,
    Duration took, int queries) {

  public static BacktestReport of(Window window, List<Run> runs, List<String> prometheus, Duration took,
      int queries) {
    Comparison comparison = runs.size() == 2
        ? Comparison.of(runs.get(0).result().decisions(), runs.get(1).result().decisions()) : null;
    return new BacktestReport(window, runs, comparison, prometheus, took, queries);
  }
}
