package io.kubervisor.bench.quality;

import java.util.List;

/** One scenario: its trace, and what every policy did on it. */
record ScenarioReport(String name, String description, int pods, double requestsPerSecond, long durationSeconds,
    double faultFrom, double faultTo, List<String> steps, List<RunResult> runs) {

  static ScenarioReport of(QualityScenario scenario, List<RunResult> runs) {
    GroundTruth truth = GroundTruth.of(scenario);
    return new ScenarioReport(scenario.name(), scenario.description(), scenario.pods(), scenario.requestsPerSecond(),
        scenario.duration().toSeconds(), truth.faultFrom().toMillis() / 1000.0, truth.faultTo().toMillis() / 1000.0,
        scenario.steps().stream().map(step -> step.at().toSeconds() + " s: " + step.say()).toList(), runs);
  }

  RunResult run(String policy) {
    return runs.stream().filter(run -> run.policy().equals(policy) && run.error() == null).findFirst().orElse(null);
  }
}
