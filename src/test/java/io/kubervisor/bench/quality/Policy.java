package io.kubervisor.bench.quality;

import java.io.IOException;
import java.nio.file.Path;

/** A way to keep bad pods away from clients, opened once per scenario on the same trace as the others. */
interface Policy {

  /** As on the command line and in the report: none, nginx, haproxy, envoy-outlier, kubervisor. */
  String name();

  /** What runs and with which settings, for the report. */
  String settings();

  /**
   * Starts the scenario's pods and whatever the policy puts in front of them.
   *
   * @param dir for the policy's own files: configuration, logs
   */
  PolicySession open(QualityScenario scenario, long seed, RunClock clock, Path dir) throws IOException;
}
