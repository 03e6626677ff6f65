package io.kubervisor.bench.quality;

import java.time.Duration;
import java.util.List;

/**
 * A fault trace that every policy plays: the fleet, the request stream and the steps, from the scenario's start.
 *
 * @param pods the pods up at the start; a step that {@code starts} a pod adds one beyond them
 */
record QualityScenario(String name, String description, int pods, double requestsPerSecond, Duration duration,
    List<TraceStep> steps) {

  /** Every pod of the trace, those that start later included. */
  int podsEver() {
    return pods + (int) steps.stream().filter(TraceStep::starts).mapToLong(step -> step.pods().indexes().size())
        .sum();
  }

  /** Pods at the start, and the pods started later, by index. */
  boolean upAtStart(int index) {
    return index < pods;
  }
}
